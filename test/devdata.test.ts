import { describe, expect, test } from 'vitest'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { devdataDir, evaluateReal, hasDevdata } from '../eval/devdata.ts'
import { shingleCounts, shingleRates } from '../eval/metrics.ts'
import { evaluateWide, hasWide, looksLikePerson } from '../eval/wide.ts'

describe('the benchmark metric', () => {
  test('counts 4-token shingles with multiplicity, as shares of their sum, and averages precision and recall over pages', () => {
    const gold = 'one two three four five'
    expect(shingleCounts(gold, gold)).toEqual({ tp: 1, fp: 0, fn: 0 })
    // Ours adds a word at the end: one shingle more, two shared of three.
    const c = shingleCounts('one two three four five six', gold)
    expect(c.tp).toBeCloseTo(2 / 3)
    expect(c.fp).toBeCloseTo(1 / 3)
    expect(c.fn).toBe(0)
    // A text shorter than four tokens is one shingle of all of them.
    expect(shingleCounts('a b', 'a b')).toEqual({ tp: 1, fp: 0, fn: 0 })
    const r = shingleRates([
      { tp: 1, fp: 0, fn: 0 },
      { tp: 0.5, fp: 0.5, fn: 0 },
      { tp: 0, fp: 0, fn: 1 },
    ])
    expect(r.precision).toBeCloseTo((1 + 0.5) / 2)
    expect(r.recall).toBeCloseTo((1 + 1 + 0) / 3)
    expect(r.f1).toBeCloseTo((2 * 0.75 * (2 / 3)) / (0.75 + 2 / 3))
  })
})

// The real articles of ../shared/devdata (beside the clone, as CI has them); the held-out targets are checked elsewhere.
// The same 80 pages of 57 outlets, saved as text (devdata/web/raw) and as downloaded (devdata/web/html), with each form's targets.
const webForms = [
  { name: 'saved as text (devdata/web)', pages: false, present: hasDevdata('web'), f1: 0.9, authors: 0.9, dates: 0.9 },
  {
    name: 'as downloaded (devdata/web/html)',
    pages: true,
    present: existsSync(join(devdataDir, 'web', 'html')),
    f1: 0.97,
    authors: 0.95,
    dates: 0.97,
  },
]
describe.each(webForms.filter((f) => f.present))('web pages of 57 outlets $name', ({ pages, f1, authors, dates }) => {
  test(`article-body F1 ≥ ${f1}; authors ≥ ${authors} and dates ≥ ${dates} where the page shows them; none invented`, () => {
    const r = evaluateReal('web', { pages })
    expect(r.failed).toBe(0)
    expect(r.body?.f1).toBeGreaterThanOrEqual(f1)
    expect(r.authors.right / r.authors.of).toBeGreaterThanOrEqual(authors)
    expect(r.dates.right / r.dates.of).toBeGreaterThanOrEqual(dates)
    expect(r.invented.docs).toBe(0)
  }, 120_000)
})

describe.skipIf(!hasDevdata('sw'))('Socialist Worker articles (devdata/sw)', () => {
  test('authors ≥ 0.97 and dates ≥ 0.99 where the gold has them, and no author where it has none', () => {
    const r = evaluateReal('sw')
    expect(r.authors.right / r.authors.of).toBeGreaterThanOrEqual(0.97)
    expect(r.dates.right / r.dates.of).toBeGreaterThanOrEqual(0.99)
    expect(r.invented.docs).toBe(0)
  }, 120_000)
})

// devdata/wide: 578 pages of 493 sites in many languages. The floors hold what this pipeline reaches today
// (the targets are higher; see the README's table), so that a change that loses ground fails.
describe.skipIf(!hasWide())('the web at large (devdata/wide)', () => {
  test("the gold's person rule: 2 to 4 capitalised words, particles allowed", () => {
    expect(looksLikePerson('Walter von Aachen')).toBe(true)
    expect(looksLikePerson('David')).toBe(false)
    expect(looksLikePerson('redaktion')).toBe(false)
  })
  test('a short post whose author box Readability preferred reads as the body its CMS names (entry-content)', async () => {
    const { readFileSync } = await import('node:fs')
    const { processDoc } = await import('../pipeline/index.ts')
    const { decodeDoc } = await import('../pipeline/stages/read.ts')
    const { newContext } = await import('../pipeline/runner/context.ts')
    const id = 'w9bc13297fbf7'
    const r = processDoc(
      decodeDoc(readFileSync(join(devdataDir, 'wide', 'html', `${id}.html`)), `raw/${id}.html`),
      newContext(),
    )
    const text = (r.paragraphs ?? []).map((p) => p.text).join('\n')
    expect(text).toContain('Auch auf dem KnowledgeCamp 2019')
    expect(text).not.toContain('Scholarch der Cogneon')
  })
  test('body F1 >= 0.93, dates >= 0.92, authors >= 0.85 with at most 5 pages of wrong authors, at most 2 pages not built', () => {
    const [all] = evaluateWide()
    if (all === undefined) throw new Error('no wide rows')
    expect(all.failed).toBeLessThanOrEqual(2)
    expect(all.body.f1).toBeGreaterThanOrEqual(0.93)
    expect(all.dates.right / all.dates.of).toBeGreaterThanOrEqual(0.92)
    expect(all.authors.right / all.authors.of).toBeGreaterThanOrEqual(0.85)
    expect(all.authors.wrong).toBeLessThanOrEqual(5)
  }, 400_000)
})
