import { describe, expect, test } from 'vitest'
import { clean } from '../pipeline/stages/clean.ts'
import { newContext } from '../pipeline/runner/context.ts'
import { CorpusLearner } from '../pipeline/corpus/profile.ts'
import { measureLayout } from '../pipeline/stages/layout.ts'
import { split } from '../pipeline/stages/split.ts'
import { ctx, fixtureDoc, fixtureSuite } from './fixtures.ts'

const splitText = (text: string) => split(clean(fixtureDoc(text), ctx), ctx)

describe('split fixtures', () => {
  fixtureSuite('split', 'jsonl', (input) =>
    splitText(input).blocks.map(({ kind, text, line_start, line_end }) => ({ kind, text, line_start, line_end })),
  )
})

describe('split', () => {
  test('rejoins a sentence split by a blank line before a capitalised name and records the join', () => {
    const doc = splitText('T\n\nBy Jane Doe\nMay 1, 2024\n\nAt a meeting, Finance Minister Bruno\n\nLe Maire spoke.\n')
    expect(doc.blocks.map((b) => b.text)).toEqual(['At a meeting, Finance Minister Bruno Le Maire spoke.'])
    expect(doc.changes.filter((c) => c.action === 'join')).toMatchObject([
      { rule: 'page-break-join', line_start: 6, line_end: 8 },
    ])
  })

  test("a heading stays a heading when its last word and the next paragraph's first stand together only by chance in the corpus", () => {
    const text =
      'T\n\nBy Jane Doe\nMay 1, 2024\n\nThe first paragraph ends here.\n\nA history of attacks\n\nPutin hopes he can buy protection.\n'
    // The corpus writes "attacks" `together` times out of `total` before "Putin" inside a line.
    const blocksWith = (together: number, total: number) => {
      const learner = new CorpusLearner()
      for (let i = 0; i < total; i += 1)
        learner.add(
          i < together
            ? 'They said the attacks Putin ordered went on.\n'
            : `They said the attacks went on for day ${i}.\n`,
        )
      const corpus = newContext({ corpus: learner.profile() })
      return split(clean(fixtureDoc(text), corpus), corpus).blocks.map((b) => b.kind)
    }
    // Once in 200 is chance, as in any large corpus; half the time is one phrase cut in two.
    expect(blocksWith(1, 200)).toEqual(['paragraph', 'heading', 'paragraph'])
    expect(blocksWith(100, 200)).toEqual(['paragraph', 'paragraph'])
  })

  test('keeps emphasised spans as offsets into the resolved text', () => {
    const [block] = splitText('T\n\nBy Jane Doe\nMay 1, 2024\n\nAs the *New York Times* wrote, **no**.\n').blocks
    expect(block?.text).toBe('As the New York Times wrote, no.')
    expect(block?.emphasis).toEqual([
      { start: 7, end: 21, text: 'New York Times', style: 'emphasis' },
      { start: 29, end: 31, text: 'no', style: 'strong' },
    ])
    for (const e of block?.emphasis ?? []) expect(block?.text.slice(e.start, e.end)).toBe(e.text)
  })

  test('shifts emphasis offsets of the second half of a joined sentence', () => {
    const [block] = splitText('T\n\nBy Jane Doe\nMay 1, 2024\n\nThe report of the\n\n*Times* was late.\n').blocks
    expect(block?.emphasis[0]).toMatchObject({ text: 'Times', start: 18, end: 23 })
  })

  test('measures the layout from packed lines, sentence ends and line lengths', () => {
    const sentence = `${'x'.repeat(118)}.`
    const wrapped = 'word '.repeat(14).trim()
    expect(measureLayout([sentence, sentence, sentence, sentence]).layout).toBe('line-per-paragraph')
    expect(measureLayout([sentence, '', sentence, '', sentence]).layout).toBe('blank-line')
    expect(measureLayout([wrapped, wrapped, `${wrapped}.`, '', wrapped, `${wrapped}.`])).toMatchObject({
      layout: 'hard-wrapped',
      width: 70,
    })
    expect(measureLayout(['One short line.', 'Another one.']).layout).toBe('blank-line')
  })

  test('does not count lines removed by cleaning as blank lines', () => {
    const sentence = `${'x'.repeat(118)}.`
    expect(measureLayout([sentence, null, sentence, null, sentence]).layout).toBe('line-per-paragraph')
  })
})
