import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { newContext } from '../pipeline/runner/context.ts'
import { CorpusLearner } from '../pipeline/corpus/profile.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
import type { Doc } from '../pipeline/types.ts'
import { shingleCounts, shingleRates, type ShingleCounts } from './metrics.ts'

/** Where the real articles with known answers stand: `../shared/devdata` beside the clone, or DEVDATA. */
export const devdataDir = process.env.DEVDATA ?? new URL('../../shared/devdata/', import.meta.url).pathname

/** One line of a set's `gold.jsonl`: the body (web pages only), and authors and date where the text shows them. */
interface Gold {
  doc_id: string
  body?: string
  authors?: string[]
  published?: string | null
}

/** One real-data set's figures: body F1 where a gold body exists, and header fields where gold gives them. */
export interface RealResult {
  set: string
  docs: number
  failed: number
  /** Body scores, or null for a set without gold bodies. */
  body: { precision: number; recall: number; f1: number } | null
  authors: { right: number; of: number }
  dates: { right: number; of: number }
  /** Documents given an author none of whose names is in the gold (or any author where the gold has none). */
  invented: { docs: number; of: number }
}

/** Whether `set` of the devdata is on this machine. */
export function hasDevdata(set: string): boolean {
  return existsSync(join(devdataDir, set, 'gold.jsonl'))
}

// Names compare as people read them: case, spacing and accents aside (the gold's JANIE HAR is our Janie Har).
export const nameKey = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/** Runs the pipeline over one devdata set as one corpus (as `raw/` would hold it) and scores it against its gold. */
export function evaluateReal(set: string, { limit = Infinity, pages = false } = {}): RealResult {
  const dir = join(devdataDir, set)
  const golds = readFileSync(join(dir, 'gold.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Gold)
    .sort((a, b) => (a.doc_id < b.doc_id ? -1 : 1))
    .slice(0, limit)
  // The same pages saved as text (raw/) or as downloaded (html/), built as a build would build them.
  const file = (id: string) => (pages ? join('html', `${id}.html`) : join('raw', `${id}.txt`))
  const inputs = golds.map((g) =>
    decodeDoc(readFileSync(join(dir, file(g.doc_id))), `raw/${file(g.doc_id).replace(/^\w+\//, '')}`),
  )
  const learner = new CorpusLearner()
  for (const input of inputs) if (!input.failed && input.format === 'text') learner.add(input.raw)
  const ctx = newContext({ corpus: learner.profile() })
  const result: RealResult = {
    set: pages ? `${set} (.html)` : set,
    docs: golds.length,
    failed: 0,
    body: null,
    authors: { right: 0, of: 0 },
    dates: { right: 0, of: 0 },
    invented: { docs: 0, of: 0 },
  }
  const bodies: ShingleCounts[] = []
  for (const [i, gold] of golds.entries()) {
    const doc = processDoc(inputs[i] as Doc, ctx)
    if (doc.failed) result.failed += 1
    const text = doc.document?.text ?? ''
    if (gold.body !== undefined) bodies.push(shingleCounts(text, gold.body))
    scoreHeader(result, gold, doc.document?.authors ?? [], doc.document?.published ?? null, set === 'sw')
  }
  if (bodies.length > 0) result.body = shingleRates(bodies)
  return result
}

/**
 * Scores one document's authors and date. A web page's gold may name only the first of several authors, so
 * authors are right when every gold name is among ours; a set with complete gold (`complete`) also counts
 * every name we give that the gold lacks as invented, and any author where the gold has none.
 */
function scoreHeader(
  result: RealResult,
  gold: Gold,
  authors: string[],
  published: string | null,
  complete: boolean,
): void {
  const ours = new Set(authors.map(nameKey))
  const theirs = (gold.authors ?? []).map(nameKey)
  if (gold.authors !== undefined && (complete || gold.authors.length > 0)) {
    if (gold.authors.length > 0) result.authors.of += 1
    if (gold.authors.length > 0 && theirs.every((n) => ours.has(n))) result.authors.right += 1
    result.invented.of += 1
    const extra = [...ours].filter((n) => !theirs.includes(n))
    if (complete ? extra.length > 0 : ours.size > 0 && extra.length === ours.size) result.invented.docs += 1
  }
  if (gold.published !== undefined && gold.published !== null) {
    result.dates.of += 1
    if (published === gold.published.slice(0, 10)) result.dates.right += 1
  }
}

/** Renders the real-data rows as the Markdown table `make eval` prints first. */
export function renderRealTable(results: readonly RealResult[]): string {
  const head =
    '| real set | documents | body precision | body recall | body F1 | authors right | dates right | documents with invented authors |\n|---|---|---|---|---|---|---|---|'
  const f = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3))
  const rows = results.map(
    (r) =>
      `| ${r.set} | ${r.docs} | ${f(r.body?.precision)} | ${f(r.body?.recall)} | ${f(r.body?.f1)} | ${r.authors.right} of ${r.authors.of} | ${r.dates.right} of ${r.dates.of} | ${r.invented.docs} of ${r.invented.of} |`,
  )
  return [head, ...rows].join('\n')
}

/** The devdata sets present on this machine, in a fixed order. */
export function realSets(): string[] {
  return ['web', 'sw'].filter(hasDevdata)
}

/** The sets whose pages are also saved as HTML (`html/<id>.html`). */
export function pageSets(): string[] {
  return realSets().filter((set) => existsSync(join(devdataDir, set, 'html')))
}

/** Every real-data row: each set as text, then the sets with saved pages as HTML. */
export function evaluateAllReal(): RealResult[] {
  return [...realSets().map((set) => evaluateReal(set)), ...pageSets().map((set) => evaluateReal(set, { pages: true }))]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = evaluateAllReal()
  process.stdout.write(`${renderRealTable(results)}\n`)
}
