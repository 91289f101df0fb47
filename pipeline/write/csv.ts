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

const options = {
  record_delimiter: 'windows',
  // RFC 4180 quotes a field holding a line break; csv-stringify only quotes its own record delimiter (CRLF).
  quoted_match: /[\r\n]/,
} as const

/** The header record of a CSV file, CRLF-terminated. */
export function csvHeader(columns: Column[]): string {
  return stringify([columns.map((c) => c.name)], options)
}

/** Renders rows as RFC 4180 records with no header: UTF-8, CRLF after each record, quotes only where needed. */
export function csvRows(columns: Column[], rows: readonly Record<string, unknown>[]): string {
  return stringify(
    rows.map((row) => columns.map((c) => csvCell(c, row[c.name]))),
    options,
  )
}

/** Renders rows as RFC 4180 CSV: a header row, then the records. */
export function toCsv(columns: Column[], rows: readonly Record<string, unknown>[]): string {
  return csvHeader(columns) + csvRows(columns, rows)
}
