import { closeSync, createWriteStream, openSync, writeSync, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { RecordBatchFileWriter, Schema } from 'apache-arrow'
import { tables } from '../../schemas/index.ts'
import { arrowFields, recordBatch } from './arrow.ts'
import { columnsOf, type Column } from './columns.ts'
import { csvHeader, csvRows } from './csv.ts'
import { toJsonl } from './jsonl.ts'

/** The name of a table of the release (`documents`, `paragraphs`, ...). */
export type TableName = keyof typeof tables

/**
 * A record batch (and a CSV/JSONL write) ends at 4,096 rows or once its text columns hold 1M characters,
 * whichever comes first: both depend on the rows alone, so batches do not depend on jobs or shards, and a
 * batch of whole articles' text stays a few MB instead of 4,096 articles (a spike of 60 MB at each).
 */
export const BATCH_LIMITS = { rows: 4096, chars: 1 << 20 }
/** Text is written to disk once this many bytes are waiting. */
const FLUSH_BYTES = 1 << 20

/** One call's rows as the CSV and JSON Lines files hold them (no CSV header): text, or its UTF-8 bytes as a cache entry holds them. */
export interface RenderedRows {
  csv: string | Uint8Array
  jsonl: string | Uint8Array
}

/** Each table's columns, derived once per thread. */
const columnsByTable = new Map<TableName, Column[]>()
function tableColumns(name: TableName): Column[] {
  let columns = columnsByTable.get(name)
  if (columns === undefined) {
    columns = columnsOf(tables[name])
    columnsByTable.set(name, columns)
  }
  return columns
}

/**
 * Renders rows of a table as its CSV and JSON Lines files will hold them: where a document is processed (a
 * worker thread), so that the thread that writes only appends them, and a rebuild takes them from the cache.
 */
export function renderRows(name: TableName, rows: readonly Record<string, unknown>[]): RenderedRows {
  return renderWith(tableColumns(name), rows)
}

function renderWith(columns: Column[], rows: readonly Record<string, unknown>[]): RenderedRows {
  return { csv: csvRows(columns, rows), jsonl: toJsonl(columns, rows) }
}

/** A text file written in large synchronous appends, of text or of its UTF-8 bytes. */
export class TextFile {
  private readonly fd: number
  // Copied into one buffer, never kept: a cache entry's bytes kept until a flush would keep the whole entry alive.
  private readonly buffer = Buffer.allocUnsafe(FLUSH_BYTES)
  private used = 0

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w')
  }

  write(text: string | Uint8Array): void {
    const bytes = typeof text === 'string' ? Buffer.byteLength(text) : text.byteLength
    if (this.used + bytes > this.buffer.length) this.flush()
    if (bytes > this.buffer.length) writeAll(this.fd, typeof text === 'string' ? Buffer.from(text) : text)
    else {
      if (typeof text === 'string') this.buffer.write(text, this.used)
      else this.buffer.set(text, this.used)
      this.used += bytes
    }
  }

  flush(): void {
    writeAll(this.fd, this.buffer.subarray(0, this.used))
    this.used = 0
  }

  close(): void {
    this.flush()
    closeSync(this.fd)
  }
}

/** Writes all of `bytes` at the file's position (a write may take fewer bytes than it is given). */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at)
}

/** One table written as rows arrive: CSV and JSONL appended, Arrow one record batch at a time (see `BATCH_LIMITS`). */
class TableStream {
  readonly columns: Column[]
  rows = 0
  private batch: Record<string, unknown>[] = []
  private batchChars = 0
  /** Rows given without their rendering, waiting for it (before the next rendered rows, or with the next record batch). */
  private unrendered: Record<string, unknown>[] = []
  private readonly textColumns: string[]
  private readonly csv: TextFile
  private readonly jsonl: TextFile
  private readonly arrow: RecordBatchFileWriter
  private readonly arrowDone: Promise<void>
  private readonly arrowOut: WriteStream
  private readonly schema: Schema

  constructor(
    dir: string,
    name: string,
    columns: Column[],
    metadata: Map<string, string>,
    private readonly limits: typeof BATCH_LIMITS,
  ) {
    this.columns = columns
    this.textColumns = columns.filter((c) => c.type.kind === 'string').map((c) => c.name)
    this.schema = new Schema(arrowFields(columns), metadata)
    this.csv = new TextFile(join(dir, `${name}.csv`))
    this.jsonl = new TextFile(join(dir, `${name}.jsonl`))
    this.csv.write(csvHeader(columns))
    const out = createWriteStream(join(dir, `${name}.arrow`))
    this.arrowOut = out
    this.arrowDone = new Promise((resolve, reject) => {
      out.on('finish', resolve)
      out.on('error', reject)
    })
    this.arrow = new RecordBatchFileWriter()
    this.arrow.reset(undefined, this.schema)
    this.arrow.pipe(out)
  }

  /** Adds rows; `rendered` is them as `renderRows` gives them, when already rendered. */
  add(rows: readonly Record<string, unknown>[], rendered?: RenderedRows): void {
    // A loop, not push(...rows): a call's arguments are limited, and a reuse batch can hold many rows.
    if (rendered === undefined) for (const row of rows) this.unrendered.push(row)
    else {
      // Rows keep their order across the files: those still waiting for their rendering go first.
      this.renderWaiting()
      this.write(rendered)
    }
    for (const row of rows) {
      this.batch.push(row)
      for (const name of this.textColumns) this.batchChars += typeof row[name] === 'string' ? row[name].length : 0
      if (this.batch.length === this.limits.rows || this.batchChars >= this.limits.chars) this.flush()
    }
  }

  private flush(): void {
    this.renderWaiting()
    if (this.batch.length === 0) return
    this.arrow.write(recordBatch(this.schema, this.columns, this.batch))
    this.rows += this.batch.length
    this.batch = []
    this.batchChars = 0
  }

  private renderWaiting(): void {
    if (this.unrendered.length === 0) return
    this.write(renderWith(this.columns, this.unrendered))
    this.unrendered = []
  }

  private write(rendered: RenderedRows): void {
    this.csv.write(rendered.csv)
    this.jsonl.write(rendered.jsonl)
  }

  /** Waits until the Arrow file stream's buffer is below its mark (Arrow is the one format written asynchronously). */
  async drained(): Promise<void> {
    if (this.arrowOut.writableNeedDrain) await once(this.arrowOut, 'drain')
  }

  async close(): Promise<void> {
    this.flush()
    this.csv.close()
    this.jsonl.close()
    this.arrow.close()
    await this.arrowDone
  }
}

/**
 * Writes every table of a release into `dir` as rows arrive, in the three formats, holding at most one
 * batch of rows per table in memory (see `BATCH_LIMITS`). The Arrow schema carries the dataset's name and version.
 */
export class TablesWriter {
  private readonly streams = new Map<TableName, TableStream>()

  constructor(
    readonly dir: string,
    info: { name: string; version: string },
    names: readonly TableName[] = Object.keys(tables) as TableName[],
    limits = BATCH_LIMITS,
  ) {
    for (const key of names) {
      const spec = tables[key]
      const metadata = new Map([
        ['dataset', info.name],
        ['version', info.version],
        ['table', spec.name],
      ])
      this.streams.set(key, new TableStream(dir, spec.name, tableColumns(key), metadata, limits))
    }
  }

  /** Adds rows to a table; `rendered` is them as `renderRows` gives them, when already rendered. */
  add(table: TableName, rows: readonly Record<string, unknown>[], rendered?: RenderedRows): void {
    const stream = this.streams.get(table)
    if (stream === undefined)
      throw new Error(`Cannot write table ${table}, expected one of ${[...this.streams.keys()].join(', ')}`)
    stream.add(rows, rendered)
  }

  /**
   * Waits until what was written has reached the files: a caller that adds rows faster than the disk takes
   * them (a rebuild from the cache does no other waiting) would otherwise hold the Arrow output in memory.
   */
  async drained(): Promise<void> {
    // A turn of the event loop moves the Arrow writers' queues into their file streams.
    await new Promise((resolve) => setImmediate(resolve))
    for (const stream of this.streams.values()) await stream.drained()
  }

  /** Closes every file; returns the row count of each table. */
  async close(): Promise<Map<TableName, number>> {
    for (const stream of this.streams.values()) await stream.close()
    return new Map([...this.streams].map(([name, stream]) => [name, stream.rows]))
  }
}
