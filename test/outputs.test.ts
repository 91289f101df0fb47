import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tableFromIPC, type Table } from 'apache-arrow'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { tables } from '../schemas/index.ts'
import { listFiles } from '../pipeline/release/verify.ts'
import { columnsOf, type Column } from '../pipeline/write/columns.ts'
import { buildInto, distDir, rawDir } from './helpers.ts'

let fresh: string

beforeAll(async () => {
  // As make dataset builds it: with the review site.
  fresh = (await buildInto(rawDir, undefined, { review: true })).out
})

describe('the committed release', () => {
  test('dist/ is byte for byte what the pipeline builds from raw/ (commit the code, then make dataset and commit dist/)', async () => {
    const names = await listFiles(fresh)
    expect(await listFiles(distDir)).toEqual(names)
    for (const name of names)
      expect(readFileSync(join(distDir, name)).equals(readFileSync(join(fresh, name))), name).toBe(true)
  })

  test('a build is deterministic: twice, and with one or two jobs, gives the same bytes', async () => {
    for (const jobs of [1, 2]) {
      const again = (await buildInto(rawDir, jobs, { review: true })).out
      for (const name of await listFiles(fresh))
        expect(readFileSync(join(again, name)).equals(readFileSync(join(fresh, name))), name).toBe(true)
    }
  })
})

/** A CSV cell decoded the way the README tells researchers to: empty is null, lists are JSON. */
function fromCsv(column: Column, cell: string): unknown {
  if (cell === '') return null
  if (column.type.kind === 'integer' || column.type.kind === 'number') return Number(cell)
  if (column.type.kind === 'boolean') return cell === 'true'
  if (column.type.kind === 'string' && /^'[=+\-@\t\r]/.test(cell)) return cell.slice(1)
  if (column.type.kind === 'list' || column.type.kind === 'struct') return JSON.parse(cell)
  return cell
}

/** An Arrow value as plain JSON: dates (ms since the epoch) as ISO dates, vectors as arrays. */
function fromArrow(column: Column, value: unknown): unknown {
  if (value === null) return null
  if (column.type.kind === 'date') return new Date(value as number).toISOString().slice(0, 10)
  if (column.type.kind === 'list' || column.type.kind === 'struct')
    return JSON.parse(JSON.stringify((value as { toJSON(): unknown }).toJSON()))
  return value
}

describe.each(Object.values(tables))('$name in three formats', (spec) => {
  const columns = columnsOf(spec)
  const csvRows = () =>
    parse(readFileSync(join(distDir, `${spec.name}.csv`)), { columns: true }) as Record<string, string>[]
  const jsonRows = () =>
    readFileSync(join(distDir, `${spec.name}.jsonl`), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
  const arrow = (): Table => tableFromIPC(readFileSync(join(distDir, `${spec.name}.arrow`)))

  test('every row agrees field by field across CSV, JSONL and Arrow', () => {
    const csv = csvRows()
    const json = jsonRows()
    const table = arrow()
    // The five articles are five outlets' own stories: no two are near-copies (test/exports-build.test.ts reads rows of that table).
    if (spec.name === 'near_copies') expect(csv.length).toBe(0)
    else expect(csv.length).toBeGreaterThan(0)
    expect(json).toHaveLength(csv.length)
    expect(table.numRows).toBe(csv.length)
    for (const [i, jsonRow] of json.entries()) {
      expect(Object.keys(jsonRow)).toEqual(columns.map((c) => c.name))
      for (const column of columns) {
        const where = `${spec.name}[${i}].${column.name}`
        expect(fromCsv(column, csv[i]?.[column.name] ?? ''), where).toEqual(jsonRow[column.name])
        expect(fromArrow(column, table.getChild(column.name)?.get(i)), where).toEqual(jsonRow[column.name])
      }
    }
  })

  test('every JSONL row parses with its zod schema and the primary key is unique', () => {
    const json = jsonRows()
    for (const row of json) spec.schema.parse(row)
    expect(new Set(json.map((r) => r[spec.primaryKey])).size).toBe(json.length)
  })

  test('Arrow columns have real types: integers, dates, lists, nullability from the schema', () => {
    const fields = arrow().schema.fields
    expect(fields.map((f) => f.name)).toEqual(columns.map((c) => c.name))
    for (const [i, column] of columns.entries()) {
      const type = String(fields[i]?.type)
      const expected = {
        integer: /^Int32$/,
        date: /^Date32<DAY>$/,
        list: /^List<.+>$/,
        string: /^Utf8$/,
        number: /^Float64$/,
        boolean: /^Bool$/,
        struct: /^Struct/,
      }[column.type.kind]
      expect(type, column.name).toMatch(expected)
      expect(fields[i]?.nullable, column.name).toBe(column.nullable)
    }
  })

  test('no cell holds the strings null, None or NaN', () => {
    for (const row of csvRows())
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^(?:null|None|NaN|nan)$/)
  })
})

describe('documents nulls', () => {
  test('an outlet the text does not name is null in every format', () => {
    const i = 3
    const csv = parse(readFileSync(join(distDir, 'documents.csv')), { columns: true }) as Record<string, string>[]
    expect(csv[i]?.doc_id).toMatch(/^003_/)
    expect(csv[i]?.outlet).toBe('')
    expect(readFileSync(join(distDir, 'documents.jsonl'), 'utf8').split('\n')[i]).toContain('"outlet":null')
    expect(
      tableFromIPC(readFileSync(join(distDir, 'documents.arrow')))
        .getChild('outlet')
        ?.get(i),
    ).toBeNull()
  })
})

describe('the generated documents', () => {
  test('docs/dictionary.md holds the data dictionary generated from the schemas (run make docs after a schema change)', async () => {
    const { dataDictionary } = await import('../pipeline/release/dictionary.ts')
    expect(readFileSync(new URL('../docs/dictionary.md', import.meta.url), 'utf8')).toContain(dataDictionary())
  })

  test('docs/rules.md lists every rule a change row can name (run make docs after a rule change)', async () => {
    const { messagesTable, ruleList, rulesTable } = await import('../pipeline/release/dictionary.ts')
    expect(readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8')).toContain(rulesTable())
    expect(readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8')).toContain(messagesTable())
    const documented = new Set(ruleList().map((r) => r.id))
    const used = readFileSync(join(distDir, 'changes.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { rule: string }).rule)
    for (const rule of used) expect(documented, rule).toContain(rule)
  })

  test("every message id is in the message table, and the appeal warning speaks under the appeal rule's id", async () => {
    const { messageRules } = await import('../pipeline/rules/messages.ts')
    const { appealRule } = await import('../pipeline/stages/tail.ts')
    const ids = new Set<string>(messageRules.map((m) => m.id))
    expect(ids.has(appealRule?.id ?? '')).toBe(true)
    // The builds of the tests report messages of many rules; those of the release and of a folder of bad inputs are in the table.
    const { result } = await buildInto(badInputs(), 1)
    for (const m of result.messages) expect(ids, m.rule).toContain(m.rule)
    expect(new Set(result.messages.map((m) => m.rule)).size).toBeGreaterThan(3)
  })
})

/** A raw folder of inputs that each give a message: empty, binary, not UTF-8, not an input, a copy, a page of scripts only. */
function badInputs(): string {
  const dir = mkdtempSync(join(tmpdir(), 'messages-'))
  writeFileSync(join(dir, 'empty.txt'), '')
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x41, 0x00, 0x42]))
  writeFileSync(join(dir, 'latin.txt'), Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x0a, 0xe9, 0x0a]))
  writeFileSync(join(dir, 'notes.rtf'), '{\\rtf1 x}')
  writeFileSync(
    join(dir, 'script.html'),
    '<!doctype html><html><body><div id="root"></div><script>document.write("x")</script></body></html>',
  )
  const text = 'A title\n\nBy Jane Roe\n\nThe first paragraph of the article is here and goes on.\n'
  writeFileSync(join(dir, 'a.txt'), text)
  writeFileSync(join(dir, 'b.txt'), text)
  return dir
}
