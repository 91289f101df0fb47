import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { CorpusProfile } from './corpus.ts'
import type { DocResult } from './results.ts'

/** The profile lookups one document made, with the answers it got: what its result depends on. */
export interface ProfileDeps {
  repeated: [number, boolean][]
  vocabulary: [string, number | null][]
  pairs: [number, number | null][]
}

/** Wraps a profile so that every lookup is recorded; `deps()` returns them. */
export function recordingProfile(profile: CorpusProfile): { profile: CorpusProfile; deps: () => ProfileDeps } {
  const repeated = new Map<number, boolean>()
  const vocabulary = new Map<string, number | null>()
  const pairs = new Map<number, number | null>()
  return {
    profile: {
      repeated: {
        has: (h) => {
          const answer = profile.repeated.has(h)
          repeated.set(h, answer)
          return answer
        },
      },
      vocabulary: {
        get: (w) => {
          const answer = profile.vocabulary.get(w)
          vocabulary.set(w, answer ?? null)
          return answer
        },
      },
      pairs: {
        get: (h) => {
          const answer = profile.pairs.get(h)
          pairs.set(h, answer ?? null)
          return answer
        },
      },
    },
    deps: () => ({ repeated: [...repeated], vocabulary: [...vocabulary], pairs: [...pairs] }),
  }
}

/** Whether a profile still gives every answer a cached result was built on. */
export function depsHold(profile: CorpusProfile, deps: ProfileDeps): boolean {
  return (
    deps.repeated.every(([h, answer]) => profile.repeated.has(h) === answer) &&
    deps.vocabulary.every(([w, answer]) => (profile.vocabulary.get(w) ?? null) === answer) &&
    deps.pairs.every(([h, answer]) => (profile.pairs.get(h) ?? null) === answer)
  )
}

/** Every file a document's result can depend on: the stages, rules, schemas and locked dependencies. */
const VERSION_SOURCES = ['pipeline', 'schemas', 'package-lock.json']

function filesUnder(path: string): string[] {
  try {
    return readdirSync(path, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(path, e.name)) : [join(path, e.name)]))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return [path]
    throw error
  }
}

/** The pipeline's own version: the sha256 of its source files, so any change to the code invalidates the cache. */
export function pipelineVersion(root = new URL('..', import.meta.url).pathname): string {
  const hash = createHash('sha256')
  const files = VERSION_SOURCES.flatMap((p) => filesUnder(join(root, p))).map((f) => relative(root, f))
  for (const file of files.sort()) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0')
  return hash.digest('hex')
}

/** What a cached result was made from besides the profile: everything else a document's stages read. */
export interface CacheKey {
  version: string
  source_path: string
  source_sha256: string
  /** The document's catalogue row, as JSON, or null. */
  catalog: string | null
  today: string
}

interface Entry {
  key: CacheKey
  deps: ProfileDeps
  result: DocResult
}

/**
 * Per-document results on disk, one JSON file per key (the sha256 of the key), written atomically. An
 * entry is used only when its key matches and the corpus profile gives the same answers to every lookup
 * the document made, so a cached build is byte-identical to a build without the cache.
 */
export class ResultCache {
  hits = 0
  misses = 0

  constructor(readonly dir: string) {}

  private fileOf(key: CacheKey): string {
    const name = createHash('sha256').update(JSON.stringify(key)).digest('hex')
    return join(this.dir, name.slice(0, 2), `${name}.json`)
  }

  get(key: CacheKey, profile: CorpusProfile): DocResult | undefined {
    let entry: Entry
    try {
      entry = JSON.parse(readFileSync(this.fileOf(key), 'utf8')) as Entry
    } catch {
      // Absent, or cut short by a killed build: either way, build the document again.
      this.misses += 1
      return undefined
    }
    const valid = JSON.stringify(entry.key) === JSON.stringify(key) && depsHold(profile, entry.deps)
    if (valid) this.hits += 1
    else this.misses += 1
    return valid ? entry.result : undefined
  }

  set(key: CacheKey, deps: ProfileDeps, result: DocResult): void {
    const file = this.fileOf(key)
    mkdirSync(join(file, '..'), { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify({ key, deps, result } satisfies Entry))
    renameSync(tmp, file)
  }
}
