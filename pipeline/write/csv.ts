import { stringify } from 'csv-stringify/sync'
import type { Column } from './columns.ts'

/**
 * Encodes one cell. Null is an empty cell (the schemas allow no empty strings, so it is unambiguous);
 * lists and structs are JSON, the one encoding every notebook tool can decode unambiguously.
 */
export function csvCell(column: Column, value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (column.type.kind === 'list' || column.type.kind === 'struct') return JSON.stringify(value)
  return String(value)
}

/** Renders rows as RFC 4180 CSV: UTF-8, a header row, CRLF between records, quotes only where needed. */
export function toCsv(columns: Column[], rows: readonly Record<string, unknown>[]): string {
  const records = rows.map((row) => columns.map((c) => csvCell(c, row[c.name])))
  return stringify(records, {
    header: true,
    columns: columns.map((c) => c.name),
    record_delimiter: 'windows',
    // RFC 4180 quotes a field holding a line break; csv-stringify only quotes its own record delimiter (CRLF).
    quoted_match: /[\r\n]/,
  })
}
