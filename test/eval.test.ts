import { newContext } from '../pipeline/runner/context.ts'
import { describe, expect, test } from 'vitest'
import { makeCorpus, random, styles, wrap } from '../eval/generate.ts'
import { rates, score } from '../eval/metrics.ts'
import {
  evaluate,
  evaluateHeaders,
  fixtureDocs,
  headersMeetTargets,
  meetsTargets,
  releaseParagraphs,
  renderHeaderTable,
  renderTable,
} from '../eval/run.ts'
import { ruleList } from '../pipeline/release/dictionary.ts'
import { CorpusLearner } from '../pipeline/corpus/profile.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'

describe('evaluation metrics', () => {
  test('a boundary counts only at the right word', () => {
    const s = score(['a b', 'c d e'], ['a b c', 'd e'])
    expect(s).toMatchObject({ truePositives: 0, predicted: 1, expected: 1, wordsLost: 0, wordsAdded: 0 })
    expect(rates(s)).toEqual({ precision: 0, recall: 0 })
  })

  test('words lost and added are multiset differences', () => {
    expect(score(['a b', 'x'], ['a b c', 'd'])).toMatchObject({ wordsLost: 2, wordsAdded: 1, truePositives: 0 })
    expect(score(['a b', 'c'], ['a b', 'c'])).toMatchObject({
      truePositives: 1,
      predicted: 1,
      expected: 1,
      wordsLost: 0,
    })
  })
})

describe('evaluation corpus', () => {
  test('is the same on every run (seeded)', () => {
    const paragraphs = releaseParagraphs()
    expect(makeCorpus(paragraphs, 5).map((d) => d.text)).toEqual(makeCorpus(paragraphs, 5).map((d) => d.text))
  })

  test('wraps within the width and hyphenates only long lower-case words', () => {
    const lines = wrap(
      random(1),
      'the international committee considered extraordinary circumstances carefully',
      20,
      '',
    )
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20)
    expect(lines.join(' ').replace(/- /g, '')).toContain('international')
  })
})

describe('rule ids', () => {
  test('every rule that fires on the evaluation corpus is documented', () => {
    const docs = [...makeCorpus(releaseParagraphs(), 20), ...fixtureDocs()].map((d) =>
      decodeDoc(new TextEncoder().encode(d.text), `raw/${d.name}.txt`),
    )
    const learner = new CorpusLearner()
    for (const d of docs) learner.add(d.raw)
    const corpus = learner.profile()
    const documented = new Set(ruleList().map((r) => r.id))
    const fired = new Set(docs.flatMap((d) => processDoc(d, newContext({ corpus })).changes.map((c) => c.rule)))
    expect(fired.size).toBeGreaterThan(15)
    for (const rule of fired) expect(documented, rule).toContain(rule)
  })
})

describe('make eval', () => {
  test('every text style and the hand-made fixtures reach their targets, losing no word and leaving no furniture', () => {
    const results = evaluate([...makeCorpus(releaseParagraphs(), 50), ...fixtureDocs()])
    expect(results.map((r) => r.style)).toEqual([...styles, 'fixtures'])
    expect(meetsTargets(results), renderTable(results)).toBe(true)
  })
})

describe('header evaluation', () => {
  test('authors ≥ 0.97 and dates ≥ 0.99 exactly right on the header cases, no author invented', () => {
    const r = evaluateHeaders()
    expect(r.cases).toBeGreaterThanOrEqual(30)
    expect(headersMeetTargets(r), renderHeaderTable(r)).toBe(true)
  })
})
