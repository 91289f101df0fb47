// Press-database exports scored against eval/exports-gold.json: the articles, fields and paragraph lines
// each fixture export states, written by hand from the files. The fixtures are made up (no real export may
// be shipped) and were written with the readers, so full marks here show the layouts are read as their
// databases document them, not how the readers fare on exports nobody here has seen.
import { readFileSync } from 'node:fs'
import { newContext } from '../pipeline/runner/context.ts'
import { processInput } from '../pipeline/index.ts'
import { auditConservation } from '../pipeline/stages/audit.ts'
import { decodeDoc, decodeDocx } from '../pipeline/stages/read.ts'
import type { Doc } from '../pipeline/types.ts'
import { docxOf, paragraphsOf } from './docx.ts'

/** The fields of an article the gold states, as the documents table holds them. */
const FIELDS = [
  'title',
  'authors',
  'published',
  'outlet',
  'section',
  'edition',
  'page',
  'stated_length',
  'database_id',
  'licence',
] as const

interface GoldArticle extends Record<(typeof FIELDS)[number], unknown> {
  paragraphs: [number, number][]
}
interface GoldFixture {
  fixture: string
  input: string
  database: string
  articles: GoldArticle[]
}

/** One row of the exports table: a database's layout over its fixtures. */
export interface ExportResult {
  database: string
  articles: number
  found: number
  fieldsRight: number
  fields: number
  /** Articles whose paragraphs have exactly the gold's file lines. */
  linesRight: number
  /** Raw words the audit trail cannot account for. */
  unaccounted: number
  failed: number
}

const root = new URL('../test/fixtures/export/', import.meta.url).pathname

/** Reads one gold fixture's input as the build reads it (a DOCX made from the text's paragraphs for the DOCX row). */
async function inputOf(g: GoldFixture): Promise<Doc> {
  if (g.input === 'docx') {
    const text = readFileSync(`${root}${g.fixture}/input.txt`, 'utf8')
    return decodeDocx(await docxOf(paragraphsOf(text)), `raw/${g.fixture}.docx`)
  }
  return decodeDoc(readFileSync(`${root}${g.fixture}/${g.input}`), `raw/${g.fixture}${g.input.slice('input'.length)}`)
}

/** Scores every gold fixture: articles found, fields right, paragraph lines right, words unaccounted for. */
export async function evaluateExports(file = new URL('./exports-gold.json', import.meta.url)): Promise<ExportResult[]> {
  const gold = (JSON.parse(readFileSync(file, 'utf8')) as { fixtures: GoldFixture[] }).fixtures
  const ctx = newContext({ today: '2026-01-01' })
  const rows: ExportResult[] = []
  for (const g of gold) {
    const docs = processInput(await inputOf(g), ctx)
    const row: ExportResult = {
      database: g.database,
      articles: g.articles.length,
      found: docs.length,
      fieldsRight: 0,
      fields: 0,
      linesRight: 0,
      unaccounted: 0,
      failed: 0,
    }
    for (const [i, want] of g.articles.entries()) {
      const doc = docs[i]
      row.fields += FIELDS.length
      if (doc?.document === undefined) {
        row.failed += 1
        continue
      }
      const got = doc.document as unknown as Record<string, unknown>
      row.fieldsRight += FIELDS.filter((f) => JSON.stringify(got[f]) === JSON.stringify(want[f])).length
      if (
        JSON.stringify((doc.paragraphs ?? []).map((p) => [p.line_start, p.line_end])) ===
        JSON.stringify(want.paragraphs)
      )
        row.linesRight += 1
      row.unaccounted += auditConservation(doc).filter((gap) => gap.place === 'raw').length
    }
    rows.push(row)
  }
  return rows
}

/** Renders the exports table. */
export function renderExportsTable(rows: readonly ExportResult[]): string {
  const head =
    '| export layout | articles | found | fields right | paragraph lines right | words the audit cannot account for | not built |\n|---|---|---|---|---|---|---|'
  return [
    head,
    ...rows.map(
      (r) =>
        `| ${r.database} | ${r.articles} | ${r.found} | ${r.fieldsRight}/${r.fields} | ${r.linesRight}/${r.articles} | ${r.unaccounted} | ${r.failed} |`,
    ),
  ].join('\n')
}

/** Whether every layout gives every article, field and line the gold states, and loses no word. */
export const exportsMeetTargets = (rows: readonly ExportResult[]): boolean =>
  rows.every(
    (r) =>
      r.found === r.articles &&
      r.fieldsRight === r.fields &&
      r.linesRight === r.articles &&
      r.unaccounted === 0 &&
      r.failed === 0,
  )

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await evaluateExports()
  process.stdout.write(`${renderExportsTable(rows)}\n`)
  process.exitCode = exportsMeetTargets(rows) ? 0 : 1
}
