import { describe, expect, test } from 'vitest'
import { clean } from '../pipeline/clean.ts'
import { detectLayout, split } from '../pipeline/split.ts'
import { fixtureDoc, fixtureSuite } from './fixtures.ts'

const ctx = { jobs: 1 }
const splitText = (text: string) => split(clean(fixtureDoc(text), ctx), ctx)

describe('split fixtures', () => {
  fixtureSuite('split', 'jsonl', (input) => splitText(input).blocks.map(({ kind, text, line_start, line_end }) => ({ kind, text, line_start, line_end })))
})

describe('split', () => {
  test('rejoins a sentence split by a blank line before a capitalised name and records the join', () => {
    const doc = splitText('T\n\nBy Jane Doe\nMay 1, 2024\n\nAt a meeting, Finance Minister Bruno\n\nLe Maire spoke.\n')
    expect(doc.blocks.map((b) => b.text)).toEqual(['At a meeting, Finance Minister Bruno Le Maire spoke.'])
    expect(doc.changes.filter((c) => c.action === 'join')).toMatchObject([{ rule: 'page-break-join', line_start: 6, line_end: 8 }])
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

  test('measures one paragraph per line from tight, long lines and blank-line layout otherwise', () => {
    const long = 'x'.repeat(120)
    expect(detectLayout([long, long, long, long])).toBe('line-per-paragraph')
    expect(detectLayout([long, '', long, '', long])).toBe('blank-line')
    expect(detectLayout(['short line', 'another short line', 'a third one'])).toBe('blank-line')
  })
})
