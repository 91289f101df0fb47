import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import type {
  ChangeRow,
  Document,
  Entity,
  NumberMention,
  Paragraph,
  Quote,
  Reject,
  Reuse,
  Sentence,
} from '../schemas/index.ts'
import { build, type BuildOptions, type BuildSummary } from '../pipeline/runner/build.ts'
import type { Message } from '../pipeline/types.ts'

/** The project's raw corpus and committed release. */
export const rawDir = new URL('../raw/', import.meta.url).pathname
export const distDir = new URL('../dist/', import.meta.url).pathname

/** A build's rows as read back from its JSON Lines output, with its messages and rejects. */
export interface BuildResult {
  documents: Document[]
  paragraphs: Paragraph[]
  changes: ChangeRow[]
  annotations: { sentences: Sentence[]; quotes: Quote[]; entities: Entity[]; numbers: NumberMention[] }
  reuse: Reuse[]
  messages: Message[]
  rejected: Reject[]
  summary: BuildSummary
}

/** Reads one table of an output folder from its JSON Lines file. */
export function readTable<T>(out: string, table: string): T[] {
  return readFileSync(join(out, `${table}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T)
}

/** Builds a raw folder into a fresh temporary output folder with the real pipeline, and reads the output back. */
export async function buildInto(
  raw: string,
  threads?: number,
  options: Partial<BuildOptions> = {},
): Promise<{ out: string; result: BuildResult }> {
  const out = join(await mkdtemp(join(tmpdir(), 'build-')), 'dist')
  const summary = await build({ rawDir: raw, outDir: out, ...(threads === undefined ? {} : { threads }), ...options })
  const result: BuildResult = {
    documents: readTable(out, 'documents'),
    paragraphs: readTable(out, 'paragraphs'),
    changes: readTable(out, 'changes'),
    annotations: {
      sentences: readTable(out, 'sentences'),
      quotes: readTable(out, 'quotes'),
      entities: readTable(out, 'entities'),
      numbers: readTable(out, 'numbers'),
    },
    reuse: readTable(out, 'reuse'),
    messages: summary.messages,
    rejected: summary.rejected,
    summary,
  }
  return { out, result }
}

/** Every file of two output folders, compared byte for byte; returns the names that differ. */
export function differences(a: string, b: string): string[] {
  const names = readdirSync(a, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
  const files = names.map((e) => join(e.parentPath, e.name).slice(a.length + 1))
  expect(files.length).toBeGreaterThan(20)
  return files.filter((f) => !readFileSync(join(a, f)).equals(readFileSync(join(b, f))))
}

/** Runs the command line (`npm run pipeline -- ARGS`) from the project's root and returns its status and output. */
export function runCli(...args: string[]): SpawnSyncReturns<string> {
  const root = new URL('..', import.meta.url).pathname
  return spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'pipeline', 'cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  })
}
