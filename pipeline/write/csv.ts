import { stringify } from 'csv-stringify/sync'
import type { Column } from './columns.ts'

/**
 * Encodes one cell. Null is an empty cell (the schemas allow no empty strings, so it is unambiguous);
 * lists and structs are JSON, the one encoding every notebook tool can decode unambiguously.
 */
export function csvCell(column: Column, value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (column.type.kind === 'list' || column.type.kind === 'struct') return JSON.stringify(value)
  // A spreadsheet runs a cell that opens with = + - @ (or a tab or CR) as a formula: a leading ' makes it text.
  if (column.type.kind === 'string' && FORMULA_START.test(String(value))) return `'${String(value)}`
  return String(value)
}

/** Text cells opening with one of these are written with a leading `'` (OWASP CSV injection advice). */
export const FORMULA_START = /^[=+\-@\t\r]/

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
