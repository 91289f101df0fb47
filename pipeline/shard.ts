import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { DatasetInfo } from './release/dataset.ts'
import { docTables, type DocResult, type DocRows, type DocTableName } from './results.ts'
import type { Message } from './types.ts'

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number
  count: number
}

/** The file in a partial output that describes it. */
export const PART_FILE = 'part.json'

/** The shard (1 to count) a raw file belongs to: from the sha256 of its name, so it never depends on the machine. */
export function shardOf(name: string, count: number): number {
  return (createHash('sha256').update(name).digest().readUInt32BE(0) % count) + 1
}

/** Parses `i/N` with 1 ≤ i ≤ N. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text)
  const shard = m === null ? undefined : { index: Number(m[1]), count: Number(m[2]) }
  return shard !== undefined && shard.count >= 1 && shard.index >= 1 && shard.index <= shard.count ? shard : undefined
}

/** part.json: which shard this is, and what a merge needs besides the tables. */
export interface Part {
  dataset: string
  version: string
  /** The pipeline version (see cache.ts): shards built by different code cannot be merged. */
  pipeline: string
  shard: Shard
  /** Every raw input of the whole corpus (each shard reads them all for the corpus profile). */
  inputs: { path: string; sha256: string }[]
  /** Problems of the raw folder itself, the same in every shard. */
  messages: Message[]
  /** This shard's inputs in name order: messages, and whether its rows are in the tables. */
  results: { source_path: string; source_sha256: string; messages: Message[]; rows: boolean }[]
}

/** Reads one table of a partial output as JSON lines, one row at a time, with one row of look-ahead. */
class RowReader {
  private readonly lines: AsyncIterator<string>
  private peeked: Record<string, unknown> | null | undefined

  constructor(file: string) {
    this.lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })[Symbol.asyncIterator]()
  }

  private async peek(): Promise<Record<string, unknown> | null> {
    if (this.peeked === undefined) {
      const next = await this.lines.next()
      this.peeked = next.done === true ? null : (JSON.parse(next.value) as Record<string, unknown>)
    }
    return this.peeked
  }

  /** The rows at the head of the file that belong to `docId`. */
  async take(docId: string): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = []
    for (let row = await this.peek(); row !== null && row.doc_id === docId; row = await this.peek()) {
      rows.push(row)
      this.peeked = undefined
    }
    return rows
  }
}

/** The partial outputs of every shard, checked to belong together, read back as results in corpus order. */
export async function readParts(dirs: readonly string[], info: Pick<DatasetInfo, 'name' | 'version'>) {
  const parts = await Promise.all(dirs.map(async (dir) => ({ dir, part: JSON.parse(await readFile(join(dir, PART_FILE), 'utf8')) as Part })))
  const first = parts[0]?.part
  if (first === undefined) throw new MergeError('Cannot merge no parts, expected the output folder of every shard')
  const count = first.shard.count
  const seen = new Set(parts.map((p) => p.part.shard.index))
  for (const { dir, part } of parts) {
    if (part.shard.count !== count) throw new MergeError(`${dir}: shard ${part.shard.index}/${part.shard.count}, expected one of ${count} shards`)
    if (part.pipeline !== first.pipeline) throw new MergeError(`${dir}: built by another version of the pipeline than ${parts[0]?.dir}, expected one build of every shard`)
    if (part.dataset !== info.name || part.version !== info.version) throw new MergeError(`${dir}: dataset ${part.dataset} ${part.version}, expected ${info.name} ${info.version}`)
    if (JSON.stringify(part.inputs) !== JSON.stringify(first.inputs)) throw new MergeError(`${dir}: built from other raw inputs than ${parts[0]?.dir}, expected the same raw folder`)
  }
  if (seen.size !== parts.length || seen.size !== count) {
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i))
    throw new MergeError(`Shards ${missing.length > 0 ? `${missing.join(', ')} missing` : 'given twice'}, expected each of 1 to ${count} once`)
  }
  const order = parts.flatMap(({ dir, part }) => part.results.map((r) => ({ dir, r })))
  order.sort((a, b) => (a.r.source_path < b.r.source_path ? -1 : a.r.source_path > b.r.source_path ? 1 : 0))
  return {
    inputs: first.inputs,
    messages: first.messages,
    /** Every result of every shard, in corpus order, its rows read back from the shard's JSON lines. */
    async *results(): AsyncGenerator<DocResult> {
      const readers = new Map(parts.map(({ dir }) => [dir, new Map(docTables.map((t) => [t, new RowReader(join(dir, `${t}.jsonl`))]))]))
      for (const { dir, r } of order) {
        if (!r.rows) {
          yield { source_path: r.source_path, source_sha256: r.source_sha256, messages: r.messages, rows: null }
          continue
        }
        const tables = readers.get(dir)
        const docId = r.source_path.replace(/^raw\//, '').replace(/\.txt$/, '')
        const rows = {} as Record<DocTableName, Record<string, unknown>[]>
        for (const t of docTables) rows[t] = (await tables?.get(t)?.take(docId)) ?? []
        if (rows.documents.length !== 1) throw new MergeError(`${dir}: no row of documents for ${r.source_path}, expected the part's tables to be whole`)
        yield { source_path: r.source_path, source_sha256: r.source_sha256, messages: r.messages, rows: rows as unknown as DocRows }
      }
    },
  }
}

/** A merge that cannot go ahead; the command line prints its message, not a stack trace. */
export class MergeError extends Error {}
