import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Column } from './columns.ts'

/** Each column list's `"name":` prefixes, made once per table. */
const keysOf = new WeakMap<Column[], string[]>()

/**
 * Renders rows as JSON Lines: one object per line, keys in schema order, null as `null`. Each line is
 * what JSON.stringify gives the object, joined from its members: no object is built per row.
 */
export function toJsonl(columns: Column[], rows: readonly Record<string, unknown>[]): string {
  let keys = keysOf.get(columns)
  if (keys === undefined) {
    keys = columns.map((c) => `${JSON.stringify(c.name)}:`)
    keysOf.set(columns, keys)
  }
  let out = ''
  for (const row of rows) {
    let line = '{'
    for (let i = 0; i < columns.length; i += 1)
      line += `${i === 0 ? '' : ','}${keys[i]}${JSON.stringify(row[columns[i]?.name ?? ''] ?? null)}`
    out += `${line}}\n`
  }
  return out
}

/** Reads a JSON-lines file one line at a time, with one line of look-ahead; counts the lines taken. */
export class LineReader<T> {
  private readonly lines: AsyncIterator<string>
  private peeked: T | null | undefined
  taken = 0

  constructor(file: string) {
    this.lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })[Symbol.asyncIterator]()
  }

  async peek(): Promise<T | null> {
    if (this.peeked === undefined) {
      const next = await this.lines.next()
      this.peeked = next.done === true ? null : (JSON.parse(next.value) as T)
    }
    return this.peeked
  }

  /** Moves past the line `peek` gave. */
  skip(): void {
    this.peeked = undefined
    this.taken += 1
  }

  /** The lines at the head of the file that pass `test`. */
  async takeWhile(test: (line: T) => boolean): Promise<T[]> {
    const taken: T[] = []
    for (let line = await this.peek(); line !== null && test(line); line = await this.peek()) {
      taken.push(line)
      this.skip()
    }
    return taken
  }

  /** Every line left, one at a time. */
  async *rest(): AsyncGenerator<T> {
    for (let line = await this.peek(); line !== null; line = await this.peek()) {
      this.skip()
      yield line
    }
  }
}
