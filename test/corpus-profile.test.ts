import { newContext } from '../pipeline/context.ts'
import { describe, expect, test } from 'vitest'
import { clean } from '../pipeline/clean.ts'
import { CorpusLearner, emptyProfile, lineHash } from '../pipeline/corpus.ts'
import { decideHyphen } from '../pipeline/hyphenation.ts'
import { ctx, fixtureDoc } from './fixtures.ts'

const footer = 'This article first appeared in The Daily Chronicle, an independent weekly.'
const topics = ['the flood in the valley', 'the new bridge over the river', 'a strike at the port', 'the election of a mayor']
const article = (i: number, ending: string) =>
  `Title ${i}\n\nBy Jane Doe\nMarch ${i + 1}, 2024\n\nArticle number ${i} says something of its own, this time about ${topics[i]}.\n\n${ending}\n`

function profileOf(texts: string[]) {
  const learner = new CorpusLearner()
  for (const text of texts) learner.add(fixtureDoc(text).raw)
  return learner.profile()
}

describe('closing lines learned from the corpus', () => {
  test('a line that several articles close with after different text is removed as repeated boilerplate', () => {
    const texts = [0, 1, 2, 3].map((i) => article(i, footer))
    const corpus = profileOf(texts)
    expect(corpus.repeated.has(lineHash(footer))).toBe(true)
    const doc = clean(fixtureDoc(texts[0] ?? ''), newContext({ corpus }))
    expect(doc.changes.filter((c) => c.action === 'remove')).toMatchObject([{ rule: 'repeated-boilerplate', before: footer }])
  })

  test('a line that follows furniture in every article is furniture too', () => {
    const texts = [0, 1, 2, 3].map((i) => article(i, `${footer}\nAll rights reserved.`))
    expect(profileOf(texts).repeated.has(lineHash('All rights reserved.'))).toBe(true)
  })

  test('the same closing paragraph after the same text (a syndicated story) is kept', () => {
    const shared = 'The same wire paragraph, syndicated by all of these outlets at once, ends every one of them.\n\nIt closes with this sentence.'
    const texts = [0, 1, 2, 3].map((i) => `Title ${i}\n\nBy Jane Doe\nMarch 3, 2024\n\n${shared}\n`)
    const corpus = profileOf(texts)
    expect(corpus.repeated.size).toBe(0)
    expect(clean(fixtureDoc(texts[0] ?? ''), newContext({ corpus })).changes.filter((c) => c.action === 'remove')).toEqual([])
  })

  test('more shared closing lines than a footer has are all kept, with a warning', () => {
    const ending = ['First shared line.', 'Second shared line.', 'Third shared line.', 'Fourth shared line.', 'Fifth shared line.'].join('\n')
    const texts = [0, 1, 2, 3].map((i) => article(i, ending))
    const doc = clean(fixtureDoc(texts[0] ?? ''), newContext({ corpus: profileOf(texts) }))
    expect(doc.changes.filter((c) => c.action === 'remove')).toEqual([])
    expect(doc.messages).toMatchObject([{ rule: 'repeated-boilerplate', severity: 'warning' }])
  })

  test('two documents are not enough to call a line furniture', () => {
    expect(profileOf([0, 1].map((i) => article(i, footer))).repeated.size).toBe(0)
  })
})

describe('when in doubt, keep and warn', () => {
  test('a closing line with one appeal cue is kept with a warning', () => {
    const doc = clean(fixtureDoc('Title\n\nBy Jane Doe\nMarch 3, 2024\n\nThe charity asked readers to donate blankets for the winter.\n'), ctx)
    expect(doc.lines).toContain('The charity asked readers to donate blankets for the winter.')
    expect(doc.messages).toMatchObject([{ line: 6, rule: 'support-appeal', severity: 'warning' }])
  })
})

describe('hyphens at line ends', () => {
  const corpus = (words: Record<string, number>) => ({ ...emptyProfile, vocabulary: new Map(Object.entries(words)) })

  test('rejoins a word the word list knows and keeps a compound it does not', () => {
    expect(decideHyphen('inter', 'national', emptyProfile)).toEqual({ join: true, evidence: 'dictionary' })
    expect(decideHyphen('subject', 'matter', emptyProfile)).toEqual({ join: false, evidence: 'no-evidence' })
  })

  test('corpus usage outweighs the word list', () => {
    expect(decideHyphen('co', 'operation', corpus({ 'co-operation': 3 }))).toEqual({ join: false, evidence: 'corpus-hyphenated' })
    expect(decideHyphen('Khodor', 'kovsky', corpus({ khodorkovsky: 2 }))).toEqual({ join: true, evidence: 'corpus-joined' })
  })

  test('keeps the hyphen before a capital or a number', () => {
    expect(decideHyphen('anti', 'Putin', emptyProfile).join).toBe(false)
    expect(decideHyphen('late', '2014', emptyProfile).join).toBe(false)
  })
})
