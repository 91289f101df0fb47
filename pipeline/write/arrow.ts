import {
  Bool,
  type DataType,
  DateDay,
  Field,
  Float64,
  Int32,
  List,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow'
import type { Column, ColumnType } from './columns.ts'

/** Maps a column type to its Arrow type: integers as Int32, dates as Date32, lists as List. */
export function arrowType(type: ColumnType): DataType {
  switch (type.kind) {
    case 'string':
      return new Utf8()
    case 'integer':
      return new Int32()
    case 'number':
      return new Float64()
    case 'boolean':
      return new Bool()
    case 'date':
      return new DateDay()
    case 'list':
      return new List(new Field('item', arrowType(type.items), false))
    case 'struct':
      return new Struct(arrowFields(type.fields))
  }
}

/** The Arrow fields of a table, with nullability from the schema. */
export function arrowFields(columns: Column[]): Field[] {
  return columns.map((c) => new Field(c.name, arrowType(c.type), c.nullable))
}

// Arrow's DateDay builder takes a JavaScript Date; ISO dates are parsed as UTC midnight.
function toArrowValue(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (type.kind === 'date') return new Date(`${String(value)}T00:00:00Z`)
  if (type.kind === 'list') return (value as unknown[]).map((v) => toArrowValue(type.items, v))
  return value
}

/** One record batch of rows, columns in schema order. */
export function recordBatch(schema: Schema, columns: Column[], rows: readonly Record<string, unknown>[]): RecordBatch {
  const children = columns.map((c, i) => {
    const type = schema.fields[i]!.type
    const vector = vectorFromArray(
      rows.map((row) => toArrowValue(c.type, row[c.name])),
      type,
    )
    return vector.data[0] ?? makeData({ type, length: 0, nullCount: 0 })
  })
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children }))
}

/** Renders rows as an Arrow IPC file (one record batch), with `metadata` on the schema. */
export function toArrow(columns: Column[], rows: readonly Record<string, unknown>[], metadata: Map<string, string> = new Map()): Uint8Array {
  const schema = new Schema(arrowFields(columns), metadata)
  return tableToIPC(new Table(schema, recordBatch(schema, columns, rows)), 'file')
}
