import type { Column } from './columns.ts'

/** Renders rows as JSON Lines: one object per line, keys in schema order, null as `null`. */
export function toJsonl(columns: Column[], rows: readonly Record<string, unknown>[]): string {
  return rows.map((row) => JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, row[c.name] ?? null])))).join('\n') + (rows.length > 0 ? '\n' : '')
}
