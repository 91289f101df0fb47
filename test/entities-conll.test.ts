import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { pipelineTagger, readConll, renderConll, scoreConll } from '../eval/entities-conll.ts'

const sample = readFileSync(new URL('./fixtures/conll/sample.conll', import.meta.url), 'utf8')

describe('the entities table scored on a CoNLL file (eval/entities-conll.ts)', () => {
  test('reads IOB1 and IOB2 tags into exact spans of the sentence text, MISC left out', () => {
    const sentences = readConll(sample)
    expect(sentences.map((s) => s.gold.map((g) => `${s.text.slice(g.start, g.end)}/${g.type}`))).toEqual([
      ['Jane Roe/PER', 'Moscow/LOC', 'Red Cross/ORG'],
      ['John Doe/PER', 'Anna/PER', 'London/LOC'],
    ])
  })

  test('precision, recall and F1 count exact spans of the right type only', () => {
    const sentences = readConll(sample)
    // A tagger that finds both persons of the first sentence's gold, calls the Red Cross a place and misses the rest.
    const tag = (text: string) =>
      text.startsWith('Jane')
        ? [
            { start: 0, end: 8, type: 'PER' as const },
            { start: 32, end: 41, type: 'LOC' as const },
          ]
        : []
    const scores = Object.fromEntries(scoreConll(sentences, tag).map((s) => [s.type, [s.gold, s.found, s.right]]))
    expect(scores).toEqual({ PER: [3, 1, 1], LOC: [2, 1, 0], ORG: [1, 0, 0], all: [6, 2, 1] })
    expect(renderConll(scoreConll(sentences, tag))).toContain('| all | 6 | 2 | 1 | 0.500 | 0.167 | 0.250 |')
  })

  test("the pipeline's tagger gives spans of the sentence it was given", () => {
    const text = 'Jane Roe visited Moscow with the Red Cross in March .'
    for (const span of pipelineTagger(text)) {
      expect(['PER', 'LOC', 'ORG']).toContain(span.type)
      expect(text.slice(span.start, span.end).trim()).not.toBe('')
    }
    expect(pipelineTagger(text).some((s) => text.slice(s.start, s.end) === 'Moscow')).toBe(true)
  })
})
