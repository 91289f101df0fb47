import { newContext } from '../pipeline/runner/context.ts'
import { readdirSync, readFileSync } from 'node:fs'
import { auditConservation } from '../pipeline/stages/audit.ts'
import { CorpusLearner } from '../pipeline/corpus/profile.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
import { benchDocs } from '../bench/corpus.ts'
import { evaluateAllReal, renderRealTable } from './devdata.ts'
import { buildWide, evaluateWide, hasWide, renderWideTable, WIDE_COMPARISON, wideGold } from './wide.ts'
import { evaluateExports, exportsMeetTargets, renderExportsTable } from './exports.ts'
import { makeCorpus, type EvalDoc, type Style } from './generate.ts'
import { rates, score, type Score } from './metrics.ts'

/** One row of the evaluation table. */
export interface StyleResult {
  style: Style | 'fixtures'
  docs: number
  paragraphs: number
  precision: number
  recall: number
  wordsLost: number
  wordsAdded: number
  furnitureLeft: number
  /** Raw words the audit trail cannot account for (conservation), summed over the documents. */
  unaccounted: number
  failed: number
}

/** The targets each row must reach (the figures); `fixtures` holds the hand-made cases. */
export const targets: Record<StyleResult['style'], { precision: number; recall: number }> = {
  'page-break': { precision: 0.98, recall: 0.98 },
  'hard-wrapped': { precision: 0.995, recall: 0.995 },
  'hard-wrapped-indented': { precision: 0.995, recall: 0.995 },
  'one-per-line': { precision: 0.995, recall: 0.995 },
  fixtures: { precision: 0.98, recall: 0.98 },
}

/** Real paragraphs of the release to build documents from. */
export function releaseParagraphs(file = new URL('../dist/paragraphs.jsonl', import.meta.url)): string[] {
  return readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { kind: string; text: string })
    .filter((p) => p.kind === 'paragraph')
    .map((p) => p.text)
}

// Furniture is looked for as the output would show it: Markdown marks and spacing do not count.
const fixturesDir = new URL('./fixtures/', import.meta.url)

/**
 * The hand-made fixtures: `<name>.txt` is the input, `<name>.expected.txt` the body (blocks separated by
 * a blank line, headings marked `# `) and `<name>.furniture.txt` the lines that must not survive.
 */
export function fixtureDocs(): EvalDoc[] {
  const read = (file: string) => readFileSync(new URL(file, fixturesDir), 'utf8')
  return readdirSync(fixturesDir)
    .filter((f) => /^[^.]+\.txt$/.test(f))
    .sort()
    .map((file) => {
      const name = file.replace(/\.txt$/, '')
      const truth = read(`${name}.expected.txt`)
        .trim()
        .split(/\n\n+/)
        .map((block) =>
          block.startsWith('# ')
            ? { kind: 'heading' as const, text: block.slice(2) }
            : { kind: 'paragraph' as const, text: block },
        )
      const furniture = read(`${name}.furniture.txt`)
        .split('\n')
        .filter((l) => l.trim() !== '')
      return { name, style: 'fixtures' as const, text: read(file), truth, furniture }
    })
}

const keyOf = (text: string) =>
  text
    .replace(/[\s*_[\]()]+/g, ' ')
    .trim()
    .toLowerCase()

/**
 * Runs the real pipeline over evaluation documents (one corpus, as a build would) and scores each style.
 * With `corpusEvidence: false` the corpus profile is left empty, to show what the rules do on their own.
 */
export function evaluate(docs: readonly EvalDoc[], { corpusEvidence = true } = {}): StyleResult[] {
  const inputs = docs.map((d) => decodeDoc(new TextEncoder().encode(d.text), `raw/${d.name}.txt`))
  const learner = new CorpusLearner()
  if (corpusEvidence) for (const input of inputs) learner.add(input.raw)
  const ctx = newContext({ corpus: learner.profile() })
  const rows = new Map<StyleResult['style'], StyleResult & Score>()
  for (const [i, input] of inputs.entries()) {
    const doc = docs[i] as EvalDoc
    const out = processDoc(input, ctx)
    const row = rows.get(doc.style) ?? {
      style: doc.style,
      docs: 0,
      paragraphs: 0,
      precision: 0,
      recall: 0,
      wordsLost: 0,
      wordsAdded: 0,
      furnitureLeft: 0,
      unaccounted: 0,
      failed: 0,
      truePositives: 0,
      predicted: 0,
      expected: 0,
    }
    const predicted = out.blocks.map((b) => b.text)
    const s = score(
      predicted,
      doc.truth.map((t) => t.text),
    )
    const kept = predicted.map(keyOf).join('\n')
    rows.set(doc.style, {
      ...row,
      docs: row.docs + 1,
      paragraphs: row.paragraphs + doc.truth.length,
      truePositives: row.truePositives + s.truePositives,
      predicted: row.predicted + s.predicted,
      expected: row.expected + s.expected,
      wordsLost: row.wordsLost + s.wordsLost,
      wordsAdded: row.wordsAdded + s.wordsAdded,
      furnitureLeft:
        row.furnitureLeft +
        doc.furniture.filter((line) =>
          keyOf(line) === '' ? predicted.join('\n').includes(line.trim()) : kept.includes(keyOf(line)),
        ).length,
      unaccounted: row.unaccounted + auditConservation(out).length,
      failed: row.failed + (out.failed ? 1 : 0),
    })
  }
  return [...rows.values()].map(({ truePositives, predicted, expected, ...row }) => ({
    ...row,
    ...rates({ truePositives, predicted, expected }),
  }))
}

/** Header parsing scored on `eval/headers.jsonl`: exact author lists, exact dates (null included), names invented. */
export interface HeaderResult {
  cases: number
  authorAccuracy: number
  dateAccuracy: number
  inventedAuthors: number
}

/** The reference date for the header cases, so that a date in 2094 counts as in the future on every run. */
const HEADER_TODAY = '2026-01-01'

/** Runs every header case through the pipeline and scores authors and dates. */
export function evaluateHeaders(file = new URL('./headers.jsonl', import.meta.url)): HeaderResult {
  const cases = readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { text: string; authors: string[]; published: string | null })
  let authorsRight = 0
  let datesRight = 0
  let invented = 0
  for (const [i, c] of cases.entries()) {
    const doc = processDoc(
      decodeDoc(new TextEncoder().encode(c.text), `raw/header-${i}.txt`),
      newContext({ today: HEADER_TODAY }),
    )
    const authors = doc.document?.authors ?? []
    if (JSON.stringify(authors) === JSON.stringify(c.authors)) authorsRight += 1
    if ((doc.document?.published ?? null) === c.published) datesRight += 1
    invented += authors.filter((a) => !c.authors.includes(a)).length
  }
  return {
    cases: cases.length,
    authorAccuracy: authorsRight / cases.length,
    dateAccuracy: datesRight / cases.length,
    inventedAuthors: invented,
  }
}

/** Renders the header scores as a Markdown table. */
export function renderHeaderTable(r: HeaderResult): string {
  return `| header cases | author accuracy | date accuracy | invented authors |\n|---|---|---|---|\n| ${r.cases} | ${r.authorAccuracy.toFixed(4)} | ${r.dateAccuracy.toFixed(4)} | ${r.inventedAuthors} |`
}

/** Whether the header scores reach their targets: authors ≥ 0.97, dates ≥ 0.99, no invented author. */
export function headersMeetTargets(r: HeaderResult): boolean {
  return r.authorAccuracy >= 0.97 && r.dateAccuracy >= 0.99 && r.inventedAuthors === 0
}

/** Renders results as the Markdown table the README shows. */
export function renderTable(results: readonly StyleResult[]): string {
  const head =
    '| text style | documents | paragraphs | boundary precision | boundary recall | words lost | words added | furniture lines left | words the audit cannot account for |\n|---|---|---|---|---|---|---|---|---|'
  const rows = results.map(
    (r) =>
      `| ${r.style} | ${r.docs} | ${r.paragraphs} | ${r.precision.toFixed(4)} | ${r.recall.toFixed(4)} | ${r.wordsLost} | ${r.wordsAdded} | ${r.furnitureLeft} | ${r.unaccounted} |`,
  )
  return [head, ...rows].join('\n')
}

/** Whether every row reaches its targets, loses no word and leaves no furniture. */
export function meetsTargets(results: readonly StyleResult[]): boolean {
  return results.every(
    (r) =>
      r.precision >= targets[r.style].precision &&
      r.recall >= targets[r.style].recall &&
      r.wordsLost === 0 &&
      r.furnitureLeft === 0 &&
      r.unaccounted === 0 &&
      r.failed === 0,
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const perStyle = Number(process.env.EVAL_DOCS ?? 200)
  const seed = Number(process.env.EVAL_SEED ?? 20240322)
  // Real articles first (../shared/devdata, when it is beside the clone): they are the measure; the generated styles check what we thought of.
  // The web at large first (devdata/wide, whole and in two halves by site), beside the published figures of the best single-purpose tools.
  if (hasWide())
    process.stdout.write(
      `The web at large (../shared/devdata/wide; eval/wide.ts):\n\n${renderWideTable(evaluateWide())}\n\n${WIDE_COMPARISON}\n\n` +
        `The same pages saved as text, the way devdata/web/raw was (eval/wide.ts --text):\n\n${renderWideTable(evaluateWide(undefined, buildWide(wideGold(), { text: true })))}\n\n`,
    )
  const real = evaluateAllReal()
  if (real.length > 0)
    process.stdout.write(`Real articles (../shared/devdata):\n\n${renderRealTable(real)}\n\nGenerated text styles:\n\n`)
  const docs = [...makeCorpus(releaseParagraphs(), perStyle, seed), ...fixtureDocs()]
  const results = evaluate(docs)
  process.stdout.write(
    `${renderTable(results)}\n\nWithout corpus evidence (no shared closing lines, phrase pairs or vocabulary; the word list still decides hyphens):\n\n`,
  )
  process.stdout.write(`${renderTable(evaluate(docs, { corpusEvidence: false }))}\n\nHeaders (eval/headers.jsonl):\n\n`)
  const headers = evaluateHeaders()
  process.stdout.write(`${renderHeaderTable(headers)}\n`)
  // The bench corpus at a size of one's choosing: learning from the corpus must hold as the corpus grows.
  const benchSize = Number(process.env.EVAL_BENCH ?? 0)
  const bench = benchSize > 0 ? evaluate([...benchDocs(benchSize, releaseParagraphs())]) : []
  if (benchSize > 0)
    process.stdout.write(
      `\nThe bench corpus (${benchSize} articles of bench/corpus.ts, EVAL_BENCH):\n\n${renderTable(bench)}\n`,
    )
  // Press-database exports: the hand-made fixtures of each layout against their hand-written gold.
  const exportRows = await evaluateExports()
  process.stdout.write(
    `\nPress-database exports (test/fixtures/export against eval/exports-gold.json; eval/exports.ts):\n\n${renderExportsTable(exportRows)}\n`,
  )
  const ok =
    meetsTargets(results) && headersMeetTargets(headers) && meetsTargets(bench) && exportsMeetTargets(exportRows)
  process.stderr.write(
    ok ? 'eval: every style meets its targets\n' : 'eval: a style misses its targets (see the table)\n',
  )
  process.exitCode = ok ? 0 : 1
}
