import { newContext } from '../pipeline/runner/context.ts'
import { describe, expect, test } from 'vitest'
import { clean } from '../pipeline/stages/clean.ts'
import { CorpusLearner, emptyProfile, lineHash } from '../pipeline/corpus/profile.ts'
import { decideHyphen } from '../pipeline/stages/hyphenation.ts'
import { ctx, fixtureDoc } from './fixtures.ts'

const footer = 'This article first appeared in The Daily Chronicle, an independent weekly.'
const topics = [
  'the flood in the valley',
  'the new bridge over the river',
  'a strike at the port',
  'the election of a mayor',
]
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
    expect(doc.changes.filter((c) => c.action === 'remove')).toMatchObject([
      { rule: 'repeated-boilerplate', before: footer },
    ])
  })

  test('a line that follows furniture in every article is furniture too', () => {
    const texts = [0, 1, 2, 3].map((i) => article(i, `${footer}\nAll rights reserved.`))
    expect(profileOf(texts).repeated.has(lineHash('All rights reserved.'))).toBe(true)
  })

  test('the same closing paragraph after the same text (a syndicated story) is kept', () => {
    const shared =
      'The same wire paragraph, syndicated by all of these outlets at once, ends every one of them.\n\nIt closes with this sentence.'
    const texts = [0, 1, 2, 3].map((i) => `Title ${i}\n\nBy Jane Doe\nMarch 3, 2024\n\n${shared}\n`)
    const corpus = profileOf(texts)
    expect(corpus.repeated.size).toBe(0)
    expect(
      clean(fixtureDoc(texts[0] ?? ''), newContext({ corpus })).changes.filter((c) => c.action === 'remove'),
    ).toEqual([])
  })

  test('more shared closing lines than a footer has are all kept, with a warning', () => {
    const ending = [
      'First shared line.',
      'Second shared line.',
      'Third shared line.',
      'Fourth shared line.',
      'Fifth shared line.',
    ].join('\n')
    const texts = [0, 1, 2, 3].map((i) => article(i, ending))
    const doc = clean(fixtureDoc(texts[0] ?? ''), newContext({ corpus: profileOf(texts) }))
    expect(doc.changes.filter((c) => c.action === 'remove')).toEqual([])
    expect(doc.messages).toMatchObject([{ rule: 'repeated-boilerplate', severity: 'warning' }])
  })

  // Four documents end paragraphs of their own on the same short line, each after other words.
  const finishedBy = [
    'Officials traced the suspects to villages in the mountains of',
    'The group recruited its members among the migrant workers from',
    'Investigators said that all of the attackers had travelled through',
    'Most of the families of the victims have their roots in',
  ]

  test('the short last line of paragraphs that close several documents after different words is kept', () => {
    const texts = finishedBy.map((line, i) => article(i, `${line}\nCentral Asia.`))
    const corpus = profileOf(texts)
    expect(corpus.repeated.has(lineHash('Central Asia.'))).toBe(false)
    const doc = clean(fixtureDoc(texts[0] ?? ''), newContext({ corpus }))
    expect(doc.changes.filter((c) => c.action === 'remove')).toEqual([])
    expect(doc.lines).toContain('Central Asia.')
  })

  test('the rest of a sentence a page break cut off, under a page header, is kept', () => {
    const corpus = profileOf(finishedBy.map((line, i) => article(i, `${line}\n\nPage ${i + 2} of 9\n\nCentral Asia.`)))
    expect(corpus.repeated.has(lineHash('Central Asia.'))).toBe(false)
  })

  test('a sentence that closes several documents but also stands inside others is article text', () => {
    const sentence = 'Putin’s continuing assaults have strengthened their resolve.'
    const closing = [0, 1, 2, 3].map((i) => article(i, sentence))
    const inside = [0, 1].map((i) =>
      article(i, `${sentence}\n\nThe talks, about ${topics[i]}, go on next week in the capital.`),
    )
    expect(profileOf(closing).repeated.has(lineHash(sentence))).toBe(true)
    expect(profileOf([...closing, ...inside]).repeated.has(lineHash(sentence))).toBe(false)
  })

  test('a footer stays furniture when one document of several cuts its last sentence short', () => {
    const texts = [0, 1, 2, 3].map((i) => article(i, footer))
    texts.push(
      `Title 5\n\nBy Jane Doe\nMarch 9, 2024\n\nThe text of this saved page was cut short in the middle of the\n\n${footer}\n`,
    )
    expect(profileOf(texts).repeated.has(lineHash(footer))).toBe(true)
  })

  test('a footer under a wrapped paragraph whose short last line ends the sentence is still furniture', () => {
    const places = ['the Caucasus.', 'Central Asia.', 'three provinces.', 'Tajikistan.']
    const texts = finishedBy.map((line, i) => article(i, `${line}\n${places[i]}\n\n${footer}`))
    expect(profileOf(texts).repeated.has(lineHash(footer))).toBe(true)
  })

  test('a footer after articles whose last paragraphs come from a few stories is furniture at any corpus size', () => {
    // 60 articles end with one of 5 paragraphs (too long to be furniture): 5 distinct endings, each a fifth.
    const endings = topics
      .concat('the fire at the market')
      .map(
        (topic) =>
          `The council met again today, for the third time this month, and after a long debate in the old town hall that went on well into the evening it said it would decide on ${topic} next week`,
      )
    const texts = Array.from({ length: 60 }, (_, i) => article(i % 4, `${endings[i % 5]}.\n\n${footer}`))
    expect(profileOf(texts).repeated.has(lineHash(footer))).toBe(true)
    // One ending in most of them is a story that closes with that line wherever it is printed.
    const syndicated = Array.from({ length: 60 }, (_, i) =>
      article(i % 4, `${endings[i % 12 === 0 ? i % 5 : 0]}.\n\n${footer}`),
    )
    expect(profileOf(syndicated).repeated.has(lineHash(footer))).toBe(false)
  })

  test('two documents are not enough to call a line furniture', () => {
    expect(profileOf([0, 1].map((i) => article(i, footer))).repeated.size).toBe(0)
  })
})

describe('when in doubt, keep and warn', () => {
  test('a closing line with one appeal cue is kept with a warning', () => {
    const doc = clean(
      fixtureDoc(
        'Title\n\nBy Jane Doe\nMarch 3, 2024\n\nThe charity asked readers to donate blankets for the winter.\n',
      ),
      ctx,
    )
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
    expect(decideHyphen('co', 'operation', corpus({ 'co-operation': 3 }))).toEqual({
      join: false,
      evidence: 'corpus-hyphenated',
    })
    expect(decideHyphen('Khodor', 'kovsky', corpus({ khodorkovsky: 2 }))).toEqual({
      join: true,
      evidence: 'corpus-joined',
    })
  })

  test('keeps the hyphen before a capital or a number', () => {
    expect(decideHyphen('anti', 'Putin', emptyProfile).join).toBe(false)
    expect(decideHyphen('late', '2014', emptyProfile).join).toBe(false)
  })
})
