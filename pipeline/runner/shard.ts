import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { byName, docIdOf, InputList, rawName, type Input } from '../stages/read.ts'
import type { DatasetInfo } from '../release/dataset.ts'
import { fileSha256 } from '../release/manifest.ts'
import { docTables, docTablesOf, type DocResult, type DocRows, type DocTableName } from './results.ts'
import { annotationTables, type AnnotationTable } from '../../schemas/index.ts'
import type { Message } from '../types.ts'
import { LineReader } from '../write/jsonl.ts'
import { TextFile } from '../write/stream.ts'

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number
  count: number
}

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

/** The files of a partial output that describe it: `part.json`, then its JSON-lines lists, written as they are known. */
export const PART_FILE = 'part.json'
/** Every raw input of the whole corpus (each shard reads them all for the corpus profile), one line each. */
export const PART_INPUTS = 'part-inputs.jsonl'
/** This shard's inputs in name order, one line each: messages, and whether its rows are in the tables. */
export const PART_RESULTS = 'part-results.jsonl'

/** part.json: which shard this is, and how to check the lists beside it (nothing in it grows with the corpus). */
export interface Part {
  dataset: string
  version: string
  /** The pipeline version (see cache.ts): shards built by different code cannot be merged. */
  pipeline: string
  shard: Shard
  /** Problems of the raw folder itself, the same in every shard. */
  messages: Message[]
  /** The annotation tables the shard made (`--annotate`); a part written before the option had every one. */
  annotate?: readonly AnnotationTable[]
  /** `part-inputs.jsonl`: how many lines and the sha256 of its bytes, the same in every shard of one build. */
  inputs: { count: number; sha256: string }
  /** How many lines `part-results.jsonl` has. */
  results: number
}

/** One line of `part-results.jsonl`. */
export interface PartResult {
  /** The document's id (an export's articles share their file); a part written before exports were read has none: the file's id. */
  doc_id?: string
  source_path: string
  source_sha256: string
  messages: Message[]
  rows: boolean
}

/**
 * Writes a part's lists as a shard build goes (its inputs at once, each result as it is known) and
 * `part.json` last, so a shard holds no list of the corpus in memory.
 */
export class PartWriter {
  private readonly results: TextFile
  private readonly inputs: Part['inputs']
  private count = 0
  private last = ''
  private lastId = ''

  constructor(
    private readonly dir: string,
    private readonly head: Omit<Part, 'inputs' | 'results'>,
    inputs: Iterable<Input>,
  ) {
    const file = new TextFile(join(dir, PART_INPUTS))
    const hash = createHash('sha256')
    let count = 0
    for (const input of inputs) {
      const line = `${JSON.stringify(input)}\n`
      file.write(line)
      hash.update(line)
      count += 1
    }
    file.close()
    this.inputs = { count, sha256: hash.digest('hex') }
    this.results = new TextFile(join(dir, PART_RESULTS))
  }

  /** Adds the next result; results come in name order, which the merge relies on. */
  add(result: PartResult): void {
    const id = result.doc_id ?? ''
    // An export's articles share their file and follow each other in the order of their ids.
    const order = byName(this.last, result.source_path) || byName(this.lastId, id)
    if (this.count > 0 && order >= 0)
      throw new Error(`${result.source_path} after ${this.last}: a part's results must come in name order`)
    this.results.write(`${JSON.stringify(result)}\n`)
    this.last = result.source_path
    this.lastId = id
    this.count += 1
  }

  async close(): Promise<void> {
    this.results.close()
    const part: Part = { ...this.head, inputs: this.inputs, results: this.count }
    await writeFile(join(this.dir, PART_FILE), `${JSON.stringify(part)}\n`)
  }
}

/** A part's annotation tables as `--annotate` names them: all, none, or their list. */
function annotateOption(part: Part): string {
  const names = part.annotate ?? annotationTables
  return names.length === annotationTables.length ? 'all' : names.length === 0 ? 'none' : names.join(',')
}

/** The partial outputs of every shard, checked to belong together, read back as results in corpus order. */
export async function readParts(dirs: readonly string[], info: Pick<DatasetInfo, 'name' | 'version'>) {
  const parts = await Promise.all(
    dirs.map(async (dir) => ({ dir, part: JSON.parse(await readFile(join(dir, PART_FILE), 'utf8')) as Part })),
  )
  const first = parts[0]?.part
  if (first === undefined) throw new MergeError('Cannot merge no parts, expected the output folder of every shard')
  const count = first.shard.count
  const seen = new Set(parts.map((p) => p.part.shard.index))
  for (const { dir, part } of parts) {
    if (part.shard.count !== count)
      throw new MergeError(`${dir}: shard ${part.shard.index}/${part.shard.count}, expected one of ${count} shards`)
    if (part.pipeline !== first.pipeline)
      throw new MergeError(
        `${dir}: built by another version of the pipeline than ${parts[0]?.dir}, expected one build of every shard`,
      )
    if (part.dataset !== info.name || part.version !== info.version)
      throw new MergeError(`${dir}: dataset ${part.dataset} ${part.version}, expected ${info.name} ${info.version}`)
    if (part.inputs.sha256 !== first.inputs.sha256)
      throw new MergeError(`${dir}: built from other raw inputs than ${parts[0]?.dir}, expected the same raw folder`)
    if (annotateOption(part) !== annotateOption(first))
      throw new MergeError(
        `${dir}: built with --annotate ${annotateOption(part)}, expected ${annotateOption(first)} as ${parts[0]?.dir} was`,
      )
  }
  if (seen.size !== parts.length || seen.size !== count) {
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i))
    throw new MergeError(
      `Shards ${missing.length > 0 ? `${missing.join(', ')} missing` : 'given twice'}, expected each of 1 to ${count} once`,
    )
  }
  // A list cut short or changed since the shard wrote it would leave inputs out of the manifest unnoticed.
  for (const { dir, part } of parts) {
    if ((await fileSha256(join(dir, PART_INPUTS))) !== part.inputs.sha256)
      throw new MergeError(
        `${dir}: ${PART_INPUTS} is not the list part.json describes, expected the part as its shard wrote it`,
      )
  }
  const inputs = new InputList()
  for await (const input of new LineReader<Input>(join(parts[0]?.dir ?? '', PART_INPUTS)).rest())
    inputs.push(rawName(input.path), input.sha256)
  const annotate = first.annotate ?? annotationTables
  const written = docTablesOf(annotate)
  return {
    inputs,
    messages: first.messages,
    annotate,
    /** Every result of every shard, in corpus order (merged from the parts' lists), its rows read back from the shard's JSON lines. */
    async *results(): AsyncGenerator<DocResult> {
      const streams = parts.map(({ dir, part }) => ({
        dir,
        part,
        results: new LineReader<PartResult>(join(dir, PART_RESULTS)),
        tables: new Map(written.map((t) => [t, new LineReader<Record<string, unknown>>(join(dir, `${t}.jsonl`))])),
      }))
      for (;;) {
        let next: { stream: (typeof streams)[number]; result: PartResult } | undefined
        for (const stream of streams) {
          const result = await stream.results.peek()
          if (result !== null && (next === undefined || byName(result.source_path, next.result.source_path) < 0))
            next = { stream, result }
        }
        if (next === undefined) break
        const { stream, result } = next
        stream.results.skip()
        const name = rawName(result.source_path)
        if (shardOf(name, count) !== stream.part.shard.index)
          throw new MergeError(
            `${stream.dir}: ${result.source_path} belongs to shard ${shardOf(name, count)}, expected only shard ${stream.part.shard.index}'s files`,
          )
        if (!result.rows) {
          yield { ...result, doc_id: result.doc_id ?? docIdOf(result.source_path), rows: null }
          continue
        }
        const docId = result.doc_id ?? docIdOf(result.source_path)
        const rows = {} as Record<DocTableName, Record<string, unknown>[]>
        for (const t of docTables)
          rows[t] = (await stream.tables.get(t)?.takeWhile((row) => row.doc_id === docId)) ?? []
        if (rows.documents.length !== 1)
          throw new MergeError(
            `${stream.dir}: no row of documents for ${result.source_path}, expected the part's tables to be whole`,
          )
        yield { ...result, doc_id: docId, rows: rows as unknown as DocRows }
      }
      for (const { dir, part, results } of streams) {
        if (results.taken !== part.results)
          throw new MergeError(
            `${dir}: ${PART_RESULTS} has ${results.taken} lines, expected the ${part.results} part.json counts`,
          )
      }
    },
  }
}

/** A merge that cannot go ahead; the command line prints its message, not a stack trace. */
export class MergeError extends Error {}
