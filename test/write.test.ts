import { makeData, RecordBatch, Schema, Struct, Table, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow'
import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { tables } from '../schemas/index.ts'
import { arrowFields, recordBatch, toArrow } from '../pipeline/write/arrow.ts'
import { columnsOf, typeName } from '../pipeline/write/columns.ts'
import { toCsv } from '../pipeline/write/csv.ts'
import { toJsonl } from '../pipeline/write/jsonl.ts'

const Sample = z.object({
  id: z.string(),
  count: z.number().int(),
  day: z.iso.date().nullable(),
  names: z.array(z.string()),
  note: z.string().min(1).nullable(),
})
const rows = [
  { id: '001', count: 3, day: '2024-03-26', names: ['A, B', 'C "D"'], note: 'x,\ny' },
  { id: '002', count: 0, day: null, names: [], note: null },
]

describe('columns', () => {
  test('derives names, types and nullability from the zod schema', () => {
    expect(columnsOf({ schema: Sample }).map((c) => `${c.name}:${typeName(c.type)}${c.nullable ? '?' : ''}`)).toEqual([
      'id:string',
      'count:integer',
      'day:date?',
      'names:list<string>',
      'note:string?',
    ])
    // A nullable type without checks comes from zod as a list of types, not anyOf.
    const plain = z.object({ a: z.string().nullable(), b: z.number().int().nullable(), c: z.boolean() })
    expect(columnsOf({ schema: plain }).map((c) => `${c.name}:${typeName(c.type)}${c.nullable ? '?' : ''}`)).toEqual([
      'a:string?',
      'b:integer?',
      'c:boolean',
    ])
  })

  test('a column added to a schema appears in every format', () => {
    const Wider = Sample.extend({ extra: z.number().int() })
    const columns = columnsOf({ schema: Wider })
    const wide = rows.map((r) => ({ ...r, extra: 7 }))
    expect(
      Object.keys((parse(toCsv(columns, wide), { columns: true }) as Record<string, string>[])[0] ?? {}),
    ).toContain('extra')
    expect(JSON.parse(toJsonl(columns, wide).split('\n')[0] ?? '{}')).toHaveProperty('extra', 7)
    expect(tableFromIPC(toArrow(columns, wide)).getChild('extra')?.get(0)).toBe(7)
  })

  test('every table schema maps to columns', () => {
    for (const spec of Object.values(tables)) expect(columnsOf(spec).map((c) => c.name)).toContain(spec.primaryKey)
  })
})

describe('writers', () => {
  const columns = columnsOf({ schema: Sample })

  test('CSV: null is an empty cell, lists are JSON, ids stay text, quoting survives a real parser', () => {
    const csv = toCsv(columns, rows)
    expect(csv.split('\r\n')[0]).toBe('id,count,day,names,note')
    const parsed = parse(csv, { columns: true }) as Record<string, string>[]
    expect(parsed[0]).toEqual({
      id: '001',
      count: '3',
      day: '2024-03-26',
      names: '["A, B","C \\"D\\""]',
      note: 'x,\ny',
    })
    expect(parsed[1]).toEqual({ id: '002', count: '0', day: '', names: '[]', note: '' })
    expect(csv).not.toMatch(/null|NaN/)
    // A line break inside a field is quoted, so that readers splitting on LF (pandas) agree.
    expect(toCsv(columns, [{ ...rows[1], id: 'a\nb' }])).toContain('"a\nb"')
  })

  test('CSV: a text cell a spreadsheet would run as a formula is written with a leading quote, other formats as is', () => {
    const risky = ['=SUM(A1:A9)', '+7 people', '-5 degrees', '@user said', '\tindented']
    const csv = parse(
      toCsv(
        columns,
        risky.map((note, i) => ({ ...rows[0], id: String(i), note })),
      ),
      { columns: true },
    ) as Record<string, string>[]
    expect(csv.map((r) => r.note)).toEqual(risky.map((note) => `'${note}`))
    expect(csv.map((r) => r.count)).toEqual(risky.map(() => '3'))
    expect(toJsonl(columns, [{ ...rows[0], note: '=SUM(A1:A9)' }])).toContain('"note":"=SUM(A1:A9)"')
  })

  test('JSONL: one object per line with keys in schema order and null as null', () => {
    const lines = toJsonl(columns, rows).trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toBe('{"id":"002","count":0,"day":null,"names":[],"note":null}')
  })

  test('Arrow: integers as Int32, dates as Date32, lists as List, nulls as nulls', () => {
    const table = tableFromIPC(toArrow(columns, rows, new Map([['version', '1']])))
    expect(table.schema.fields.map((f) => String(f.type))).toEqual([
      'Utf8',
      'Int32',
      'Date32<DAY>',
      'List<Utf8>',
      'Utf8',
    ])
    expect(table.schema.metadata.get('version')).toBe('1')
    expect(table.getChild('day')?.get(0)).toBe(Date.UTC(2024, 2, 26))
    expect(table.getChild('day')?.get(1)).toBeNull()
    expect(table.getChild('names')?.get(0)?.toArray()).toEqual(['A, B', 'C "D"'])
    expect(table.getChild('note')?.get(1)).toBeNull()
  })

  test("Arrow: strings and numbers made directly are byte for byte what Arrow's own builders write", () => {
    const Mixed = z.object({ text: z.string().nullable(), n: z.number().int().nullable(), x: z.number().nullable() })
    const mixed = columnsOf({ schema: Mixed })
    const schema = new Schema(arrowFields(mixed))
    // Nulls, empty strings, multi-byte and astral characters, at sizes around the bitmap's 64-byte blocks.
    const texts = [null, '', 'a', 'é', '“quoted”', '😀 four bytes', 'Москва', 'x'.repeat(300)]
    for (const size of [0, 1, 8, 511, 512, 513, 4096]) {
      const some = Array.from({ length: size }, (_, i) => ({
        text: texts[i % texts.length] ?? null,
        n: i % 5 === 0 ? null : i - 100,
        x: i % 7 === 0 ? null : i / 3,
      }))
      const builders = mixed.map(
        (c, i) =>
          vectorFromArray(
            some.map((r) => r[c.name as keyof (typeof some)[number]]),
            schema.fields[i]?.type,
          ).data[0] ?? makeData({ type: schema.fields[i]?.type, length: 0, nullCount: 0 }),
      )
      const expected = new RecordBatch(
        schema,
        makeData({ type: new Struct(schema.fields), length: size, nullCount: 0, children: builders }),
      )
      expect(
        Buffer.from(tableToIPC(new Table(schema, recordBatch(schema, mixed, some)), 'file')).equals(
          Buffer.from(tableToIPC(new Table(schema, expected), 'file')),
        ),
      ).toBe(true)
    }
  })
})
