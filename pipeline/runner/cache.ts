import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { HashCounts } from '../corpus/columns.ts'
import { makeFolder } from '../write/folders.ts'
import { isPhrase, WordCounts, type CorpusProfile, type LearnedProfile } from '../corpus/profile.ts'
import { docTables, type DocResult } from './results.ts'
import type { Context } from '../types.ts'

/** The profile lookups one document made, with the answers it got: what its result depends on. */
export interface ProfileDeps {
  repeated: [number, boolean][]
  vocabulary: [string, number | null][]
  pairs: [number, number | null][]
  /** `left right` and whether it is a phrase: the answer, not the counts behind it, which change more often. */
  phrases: [string, boolean][]
}

/**
 * The release-date questions one document asked: each header date and whether it was after the release
 * date, and that date itself when one was (the warning names it). A result holds for another release
 * date that gives the same answers, so adding an article on a later day rebuilds only what it changes.
 */
export interface DateDeps {
  dates: [string, boolean][]
  today: string | null
}

/** Everything a cached result depends on beyond its key. */
export type ResultDeps = ProfileDeps & DateDeps

/** A context whose profile lookups and release-date questions are recorded; `deps()` returns them. */
export function recordingContext(ctx: Context): { ctx: Context; deps: () => ResultDeps } {
  const recorder = recordingProfile(ctx.corpus)
  const dates = new Map<string, boolean>()
  const isFuture = (date: string) => {
    const answer = ctx.isFuture(date)
    dates.set(date, answer)
    return answer
  }
  const named = () => ([...dates.values()].some((answer) => answer) ? ctx.today : null)
  return {
    ctx: { ...ctx, corpus: recorder.profile, isFuture },
    deps: () => ({ ...recorder.deps(), dates: [...dates], today: named() }),
  }
}

/** Whether a release date gives every answer a cached result was built on (and is the one it names, if it names one). */
export function datesHold(today: string, deps: DateDeps): boolean {
  return (deps.today === null || deps.today === today) && deps.dates.every(([date, answer]) => date > today === answer)
}

/** Wraps a profile so that every lookup is recorded; `deps()` returns them. */
export function recordingProfile(profile: CorpusProfile): { profile: CorpusProfile; deps: () => ProfileDeps } {
  const repeated = new Map<number, boolean>()
  const vocabulary = new Map<string, number | null>()
  const pairs = new Map<number, number | null>()
  const phrases = new Map<string, boolean>()
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
      phrase: (left, right) => {
        const answer = isPhrase(profile, left, right)
        phrases.set(`${left} ${right}`, answer)
        return answer
      },
    },
    deps: () => ({ repeated: [...repeated], vocabulary: [...vocabulary], pairs: [...pairs], phrases: [...phrases] }),
  }
}

/** Whether a profile still gives every answer a cached result was built on. */
export function depsHold(profile: CorpusProfile, deps: ProfileDeps): boolean {
  return (
    deps.repeated.every(([h, answer]) => profile.repeated.has(h) === answer) &&
    deps.vocabulary.every(([w, answer]) => (profile.vocabulary.get(w) ?? null) === answer) &&
    deps.pairs.every(([h, answer]) => (profile.pairs.get(h) ?? null) === answer) &&
    deps.phrases.every(([words, answer]) => isPhrase(profile, ...(words.split(' ') as [string, string])) === answer)
  )
}

/** Every file a document's result can depend on: the stages, rules, schemas and locked dependencies. */
const VERSION_SOURCES = ['pipeline', 'schemas', 'package-lock.json']

function filesUnder(path: string): string[] {
  try {
    return readdirSync(path, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? filesUnder(join(path, e.name)) : [join(path, e.name)],
    )
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return [path]
    throw error
  }
}

/** The pipeline's own version: the sha256 of its source files, so any change to the code invalidates the cache. */
export function pipelineVersion(root = new URL('../..', import.meta.url).pathname): string {
  const hash = createHash('sha256')
  const files = VERSION_SOURCES.flatMap((p) => filesUnder(join(root, p))).map((f) => relative(root, f))
  for (const file of files.sort())
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0')
  return hash.digest('hex')
}

/** What a cached result was made from besides the profile: everything else a document's stages read. */
export interface CacheKey {
  version: string
  source_path: string
  source_sha256: string
  /** The document's catalogue row, as JSON, or null. */
  catalog: string | null
  /** The annotation tables made (a result of fewer tables is not one of more). */
  annotate: readonly string[]
}

/** An entry's JSON part: an input's results (one per document it holds); the rendered rows follow as raw text, `lengths` giving each one's bytes (null for a result without rows). */
interface Entry {
  key: CacheKey
  deps: ResultDeps
  results: Omit<DocResult, 'rendered'>[]
  lengths: (number[] | null)[]
}

/**
 * Per-document results on disk, one file per key (the sha256 of the key), written atomically. An entry
 * is used only when its key matches and the corpus profile gives the same answers to every lookup the
 * document made, so a cached build is byte-identical to a build without the cache. A file holds the
 * entry's JSON, then each table's rendered CSV and JSON Lines as plain UTF-8: kept out of the JSON, they
 * are neither escaped nor parsed (they are 60 % of an entry, and parsing them was a fifth of a rebuild),
 * and a rebuild hands them to the writer as bytes, never decoded to text.
 */
export class ResultCache {
  hits = 0
  misses = 0

  /** The pipeline's version (see `pipelineVersion`), part of every key. */
  readonly version = pipelineVersion()

  constructor(readonly dir: string) {}

  private fileOf(key: CacheKey): string {
    const name = createHash('sha256').update(JSON.stringify(key)).digest('hex')
    return join(this.dir, name.slice(0, 2), `${name}.cache`)
  }

  get(key: CacheKey, profile: CorpusProfile, today: string): DocResult[] | undefined {
    const found = readEntry(this.fileOf(key))
    const valid =
      found !== undefined &&
      JSON.stringify(found.key) === JSON.stringify(key) &&
      depsHold(profile, found.deps) &&
      datesHold(today, found.deps)
    if (valid) this.hits += 1
    else this.misses += 1
    return valid ? found.results : undefined
  }

  set(key: CacheKey, deps: ResultDeps, results: readonly DocResult[]): void {
    const rests: Omit<DocResult, 'rendered'>[] = []
    const parts: Uint8Array[] = []
    const lengths: (number[] | null)[] = []
    for (const { rendered, ...rest } of results) {
      rests.push(rest)
      // Each text encoded once: its bytes are both what is written and what gives its length.
      const mine =
        rendered === undefined
          ? []
          : docTables
              .flatMap((t) => [rendered[t].csv, rendered[t].jsonl])
              .map((t) => (typeof t === 'string' ? Buffer.from(t) : t))
      parts.push(...mine)
      lengths.push(rendered === undefined ? null : mine.map((p) => p.byteLength))
    }
    const json = Buffer.from(JSON.stringify({ key, deps, results: rests, lengths } satisfies Entry))
    const head = Buffer.alloc(4)
    head.writeUInt32LE(json.length)
    writeAtomically(this.fileOf(key), Buffer.concat([head, json, ...parts]))
  }

  /** Whether a corpus profile is cached: a build then reads its inputs without learning, and learns only if the key differs. */
  hasProfile(): boolean {
    return (statSync(this.profileFile, { throwIfNoEntry: false })?.size ?? 0) > 0
  }

  /** The profile cached under `key` (see `profileKey`), or undefined when the cached one was learned from other inputs. */
  getProfile(key: string): LearnedProfile | undefined {
    try {
      return profileFromBytes(readFileSync(this.profileFile), key)
    } catch {
      return undefined
    }
  }

  /** Keeps one profile, the last learned: a rebuild of the same inputs finds it. */
  setProfile(key: string, profile: LearnedProfile): void {
    writeAtomically(this.profileFile, profileBytes(key, profile))
  }

  private get profileFile(): string {
    return join(this.dir, 'profile.bin')
  }
}

/** An entry and its rendered rows (views of the file's bytes), or undefined when the file is absent or not whole (a killed build, a disk error). */
function readEntry(file: string): { key: CacheKey; deps: ResultDeps; results: DocResult[] } | undefined {
  try {
    const bytes = readFileSync(file)
    const end = 4 + bytes.readUInt32LE(0)
    const { key, deps, results, lengths } = JSON.parse(bytes.toString('utf8', 4, end)) as Entry
    if (!Array.isArray(results) || lengths.length !== results.length) return undefined
    if (end + lengths.flatMap((l) => l ?? []).reduce((a, b) => a + b, 0) !== bytes.length) return undefined
    let at = end
    const out = results.map((result, i) => {
      const mine = lengths[i]
      if (mine === null || mine === undefined) return result
      let part = 0
      const next = (): Uint8Array => {
        const from = at
        at += mine[part] ?? 0
        part += 1
        return bytes.subarray(from, at)
      }
      const rendered = Object.fromEntries(
        docTables.map((t) => [t, { csv: next(), jsonl: next() }]),
      ) as DocResult['rendered']
      return { ...result, rendered }
    })
    return { key, deps, results: out }
  } catch {
    return undefined
  }
}

/** Writes a file whole or not at all: a killed build leaves the previous one or none. */
function writeAtomically(file: string, data: string | Uint8Array): void {
  makeFolder(join(file, '..'))
  // Not the pid alone: shards on other machines or pods share the cache folder and may have the same pid.
  const tmp = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`
  writeFileSync(tmp, data)
  renameSync(tmp, file)
}

/**
 * What a corpus profile is learned from: the code, how inputs are decoded, and the sha256 of every input
 * learned, in order; the profile is a function of these alone.
 */
export function profileKey(version: string, read: object, sha256s: readonly string[]): string {
  const hash = createHash('sha256').update(`${version}\0${JSON.stringify(read)}\0`)
  for (const sha of sha256s) hash.update(sha)
  return hash.digest('hex')
}

/** The header of a cached profile: its key, the repeated lines, and the capacity and size of each table. */
interface ProfileHeader {
  key: string
  repeated: number[]
  tables: { capacity: number; size: number }[]
}

/** A profile as bytes: the header's length (4 bytes) and JSON, then each table's keys and counts as they are in memory. */
function profileBytes(key: string, profile: LearnedProfile): Buffer {
  const tables = [profile.vocabulary.table, profile.pairs]
  const header: ProfileHeader = {
    key,
    repeated: [...profile.repeated],
    tables: tables.map((t) => ({ capacity: t.keys.length, size: t.size })),
  }
  const json = Buffer.from(JSON.stringify(header))
  const length = Buffer.alloc(4)
  length.writeUInt32LE(json.length)
  return Buffer.concat([
    length,
    json,
    ...tables.flatMap((t) => [new Uint8Array(t.keys.buffer), new Uint8Array(t.counts.buffer)]),
  ])
}

/** The profile in `bytes` if it has `key`; throws when the file is cut short. */
function profileFromBytes(bytes: Buffer, key: string): LearnedProfile | undefined {
  const headerEnd = 4 + bytes.readUInt32LE(0)
  const header = JSON.parse(bytes.subarray(4, headerEnd).toString('utf8')) as ProfileHeader
  if (header.key !== key) return undefined
  let at = headerEnd
  const take = (target: Float64Array | Uint32Array) => {
    if (at + target.byteLength > bytes.length) throw new Error('Cached profile cut short')
    new Uint8Array(target.buffer).set(bytes.subarray(at, at + target.byteLength))
    at += target.byteLength
  }
  const [vocabulary, pairs] = header.tables.map(({ capacity, size }) => {
    const table = new HashCounts(capacity)
    take(table.keys)
    take(table.counts)
    table.size = size
    return table
  })
  if (vocabulary === undefined || pairs === undefined || at !== bytes.length)
    throw new Error('Cached profile of another shape')
  return { repeated: new Set(header.repeated), vocabulary: new WordCounts(vocabulary), pairs }
}
