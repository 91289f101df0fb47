import type { Column } from './columns.ts'

/** Each column list's `"name":` prefixes, made once per table. */
const keysOf = new WeakMap<Column[], string[]>()

/**
 * Renders rows as JSON Lines: one object per line, keys in schema order, null as `null`. Each line is
 * what JSON.stringify gives the object, joined from its members: no object is built per row.
 */
export function toJsonl(columns: Column[], rows: readonly Record<string, unknown>[]): string {
  let keys = keysOf.get(columns)
  if (keys === undefined) keysOf.set(columns, (keys = columns.map((c) => `${JSON.stringify(c.name)}:`)))
  let out = ''
  for (const row of rows) {
    let line = '{'
    for (let i = 0; i < columns.length; i += 1) line += `${i === 0 ? '' : ','}${keys[i]}${JSON.stringify(row[columns[i]?.name ?? ''] ?? null)}`
    out += `${line}}\n`
  }
  return out
}
