import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { newContext } from '../pipeline/runner/context.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
import { CorpusLearner } from '../pipeline/corpus/profile.ts'
import type { Doc } from '../pipeline/types.ts'
import { asText } from './as-text.ts'
import { devdataDir, hasDevdata, nameKey } from './devdata.ts'

// devdata/wide: 578 saved pages of 493 sites in many languages, scored with trafilatura's snippet metric
// (body) and htmldate's exact day (dates); authors on the pages whose gold names all look like persons.

/** One line of `wide/gold.jsonl`. */
export interface WideGold {
  doc_id: string
  url: string
  site: string
  with?: string[]
  without?: string[]
  title?: string
  authors?: string[]
  published?: string
}

/** What the pipeline made of one page: its text and fields, or why it was not built. */
export interface WideOutput {
  doc_id: string
  failed: string | null
  text: string
  authors: string[]
  published: string | null
  published_source: string
  title: string | null
}

/** The scores of a set of pages. */
export interface WideResult {
  name: string
  pages: number
  failed: number
  body: {
    tp: number
    fn: number
    fp: number
    tn: number
    precision: number
    recall: number
    f1: number
    accuracy: number
  }
  dates: { right: number; wrong: number; of: number }
  authors: { right: number; wrong: number; of: number }
}

/** The two halves of the sites: a site falls in one by the hash of its name, so a half never sees another's pages of the same site. */
export const halfOf = (site: string): 'A' | 'B' =>
  (createHash('sha256').update(site).digest()[0] ?? 0) % 2 === 0 ? 'A' : 'B'

/** White space as the metric compares text: every run one space, trimmed. */
const norm = (text: string) => text.replace(/\s+/g, ' ').trim()

/** A gold name is a person's: 2 to 4 capitalised words, particles (`von`, `de`, `van`...) allowed (the set's own rule). */
const PARTICLE = /^(?:von|van|de|der|den|del|della|di|da|du|la|le|zu|zum|y|e|dos|das|do|bin|ibn|al|el|ten|ter|vom)$/i
export const looksLikePerson = (name: string): boolean => {
  const words = name.trim().split(/\s+/)
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w))
  return (
    capitalised.length >= 2 && capitalised.length <= 4 && words.every((w) => /^\p{Lu}/u.test(w) || PARTICLE.test(w))
  )
}

/** The gold of devdata/wide, sorted by id. */
export function wideGold(): WideGold[] {
  return readFileSync(join(devdataDir, 'wide', 'gold.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as WideGold)
    .sort((a, b) => (a.doc_id < b.doc_id ? -1 : 1))
}

/**
 * Builds each page as a build would (no catalogue: the page alone), in the order given. With `text`, each page is
 * first saved as text the way devdata/web/raw was (`as-text.ts`), and the pages are built as one corpus of text
 * files, so that the text reader is scored on every site of the set.
 */
export function buildWide(golds: readonly WideGold[], { text = false } = {}): WideOutput[] {
  const page = (g: WideGold) => readFileSync(join(devdataDir, 'wide', 'html', `${g.doc_id}.html`))
  const inputs = golds.map((g) =>
    text
      ? decodeDoc(Buffer.from(asText(decodeDoc(page(g), `raw/${g.doc_id}.html`).raw)), `raw/${g.doc_id}.txt`)
      : decodeDoc(page(g), `raw/${g.doc_id}.html`),
  )
  const learner = new CorpusLearner()
  if (text) for (const input of inputs) if (!input.failed) learner.add(input.raw)
  const ctx = newContext(text ? { corpus: learner.profile() } : {})
  // A copy (the same bytes under two names) is built once and scored with the page it was kept as.
  const byHash = new Map<string, WideOutput>()
  return golds.map((g, i) => {
    const input = inputs[i] as Doc
    const hash = createHash('sha256').update(input.raw).digest('hex')
    const known = byHash.get(hash)
    if (known !== undefined) return { ...known, doc_id: g.doc_id }
    const doc = processDoc(input, ctx)
    const failure = doc.failed ? (doc.messages.find((m) => m.severity === 'error') ?? doc.messages.at(-1)) : undefined
    const out: WideOutput = {
      doc_id: g.doc_id,
      failed: doc.failed ? `${failure?.rule ?? 'failed'}: ${failure?.reason ?? ''}` : null,
      text: doc.document?.text ?? '',
      authors: doc.document?.authors ?? [],
      published: doc.document?.published ?? null,
      published_source: doc.document?.published_source ?? 'none',
      title: doc.document?.title ?? null,
    }
    byHash.set(hash, out)
    return out
  })
}

/** Scores pages against their gold with the set's metrics. */
export function scoreWide(name: string, golds: readonly WideGold[], outputs: readonly WideOutput[]): WideResult {
  const r: WideResult = {
    name,
    pages: golds.length,
    failed: 0,
    body: { tp: 0, fn: 0, fp: 0, tn: 0, precision: 0, recall: 0, f1: 0, accuracy: 0 },
    dates: { right: 0, wrong: 0, of: 0 },
    authors: { right: 0, wrong: 0, of: 0 },
  }
  for (const [i, g] of golds.entries()) {
    const out = outputs[i] as WideOutput
    if (out.failed !== null) r.failed += 1
    const text = norm(out.text)
    for (const s of g.with ?? [])
      if (text.includes(norm(s))) r.body.tp += 1
      else r.body.fn += 1
    for (const s of g.without ?? [])
      if (text.includes(norm(s))) r.body.fp += 1
      else r.body.tn += 1
    if (g.published !== undefined) {
      r.dates.of += 1
      if (out.published === g.published) r.dates.right += 1
      else if (out.published !== null) r.dates.wrong += 1
    }
    if (g.authors !== undefined && g.authors.length > 0 && g.authors.every(looksLikePerson)) {
      r.authors.of += 1
      const ours = new Set(out.authors.map(nameKey))
      const gold = g.authors.map(nameKey)
      if (gold.every((n) => ours.has(n))) r.authors.right += 1
      else if (ours.size > 0) r.authors.wrong += 1
    }
  }
  const b = r.body
  b.precision = b.tp / Math.max(1, b.tp + b.fp)
  b.recall = b.tp / Math.max(1, b.tp + b.fn)
  b.f1 = (2 * b.precision * b.recall) / Math.max(1e-9, b.precision + b.recall)
  b.accuracy = (b.tp + b.tn) / Math.max(1, b.tp + b.tn + b.fp + b.fn)
  return r
}

/** The whole set and its two halves by site. */
export function evaluateWide(
  golds: readonly WideGold[] = wideGold(),
  outputs: readonly WideOutput[] = buildWide(golds),
): WideResult[] {
  const pick = (half: 'A' | 'B') =>
    golds.flatMap((g, i) => (halfOf(g.site) === half ? [[g, outputs[i] as WideOutput] as const] : []))
  const rows = [scoreWide('wide, all sites', golds, outputs)]
  for (const half of ['A', 'B'] as const) {
    const pairs = pick(half)
    rows.push(
      scoreWide(
        `wide, half ${half} of the sites`,
        pairs.map((p) => p[0]),
        pairs.map((p) => p[1]),
      ),
    )
  }
  return rows
}

/** The comparison figures of `../shared/devdata/README.md`, printed beside ours. */
export const WIDE_COMPARISON =
  'Published, for comparison: trafilatura 2.2.0 body F1 0.924 on its whole set (990 pages); readability-lxml 0.858 on these 578 pages; htmldate (extensive) 0.903 of the dates on its own 1,000 pages.'

/** Renders the wide rows as a Markdown table. */
export function renderWideTable(rows: readonly WideResult[]): string {
  const head =
    '| pages | n | not built | body precision | body recall | body F1 | dates right | dates wrong | authors right | authors wrong |\n|---|---|---|---|---|---|---|---|---|---|'
  const pct = (a: number, b: number) => `${a} of ${b} (${(a / Math.max(1, b)).toFixed(3)})`
  const lines = rows.map(
    (r) =>
      `| ${r.name} | ${r.pages} | ${r.failed} | ${r.body.precision.toFixed(3)} | ${r.body.recall.toFixed(3)} | ${r.body.f1.toFixed(3)} | ${pct(r.dates.right, r.dates.of)} | ${r.dates.wrong} | ${pct(r.authors.right, r.authors.of)} | ${r.authors.wrong} |`,
  )
  return [head, ...lines].join('\n')
}

export const hasWide = () => hasDevdata('wide')

if (import.meta.url === `file://${process.argv[1]}`) {
  const golds = wideGold()
  const outputs = buildWide(golds, { text: process.argv.includes('--text') })
  if (process.env.WIDE_DUMP !== undefined) {
    // One line a page: what we gave beside the gold, to read the misses.
    for (const [i, g] of golds.entries()) {
      const o = outputs[i] as WideOutput
      process.stdout.write(
        `${JSON.stringify({ id: g.doc_id, half: halfOf(g.site), url: g.url, failed: o.failed, date: [o.published, g.published ?? null, o.published_source], title: [o.title, g.title ?? null], authors: [o.authors, g.authors ?? null], missing: (g.with ?? []).filter((s) => !norm(o.text).includes(norm(s))), leaked: (g.without ?? []).filter((s) => norm(o.text).includes(norm(s))) })}\n`,
      )
    }
  }
  process.stderr.write(`${renderWideTable(evaluateWide(golds, outputs))}\n\n${WIDE_COMPARISON}\n`)
}
