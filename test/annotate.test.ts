import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { annotate } from '../pipeline/stages/annotate.ts'
import { countChars, countWords, countWordsOf, detectLanguage, sentenceSpans } from '../pipeline/stages/text.ts'
import { clean } from '../pipeline/stages/clean.ts'
import { metadata } from '../pipeline/stages/metadata.ts'
import { split } from '../pipeline/stages/split.ts'
import { validate } from '../pipeline/stages/validate.ts'
import { ctx, fixtureDoc } from './fixtures.ts'

const annotateText = (text: string) =>
  annotate(metadata(split(clean(fixtureDoc(text, '042_sample.txt'), ctx), ctx), ctx), ctx)
const sample =
  'A title\n\nBy Jane Doe\nMay 1, 2024\n\nFirst part\n\nThe U.S. Embassy warned Mr. Putin on Oct. 7. He said nothing.\n\nA *second* paragraph, about the attack on the Crocus City Hall in Moscow.\n'

describe('annotate', () => {
  test('counts words with Unicode word boundaries, not white space', () => {
    // UAX #29 splits at the hyphen: ISIS | K’s | 13,000 | square | meters | quoted
    expect(countWords('ISIS-K’s 13,000 square meters — “quoted.”')).toBe(6)
    expect(countWords('')).toBe(0)
  })

  test('counts as many words in paragraphs joined by a blank line as in the paragraphs apart (a document’s n_words is their sum)', () => {
    // Letters, marks, apostrophes, dots, digits and spaces: the characters whose word rules look past their neighbours.
    const piece = fc.constantFrom(
      'a',
      'É',
      'é',
      '\u0301',
      "'",
      '’',
      '.',
      ',',
      '1',
      ' ',
      '-',
      '_',
      '😀',
      '\u200d',
      'ß',
      'の',
      'ก',
    )
    const paragraph = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''))
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 1, maxLength: 4 }),
        (ps) => countWords(ps.join('\n\n')) === ps.reduce((n, p) => n + countWords(p), 0),
      ),
      { numRuns: 2000 },
    )
    const doc = annotateText(sample)
    expect(doc.document?.n_words).toBe(countWords(doc.document?.text ?? ''))
  })

  test("a paragraph's words, summed from its sentences', are the words of the paragraph counted whole", () => {
    // Sentence ends, letters with and without case (a full stop between two Arabic words breaks the sentence, not the word), and U+FEFF.
    const piece = fc.constantFrom(
      'a',
      'B',
      'ب',
      'א',
      'の',
      '。',
      '.',
      '!',
      '?',
      '”',
      '1',
      ' ',
      '\n',
      '\uFEFF',
      '\u00A0',
      '\u0301',
      'Mr.',
    )
    const text = fc.array(piece, { maxLength: 24 }).map((p) => p.join(''))
    const wordsOf = (t: string) => {
      const spans = sentenceSpans(t)
      return countWordsOf(
        t,
        spans,
        spans.map((s) => countWords(s.text)),
      )
    }
    fc.assert(
      fc.property(text, (t) => wordsOf(t) === countWords(t)),
      { numRuns: 3000 },
    )
    // The cases the sum alone gets wrong: one word across a sentence break, with nothing or only U+FEFF between.
    for (const word of ['كتب.بعد', 'كتب.\uFEFFبعد']) {
      expect(sentenceSpans(word).length).toBeGreaterThan(1)
      expect(countWords(word)).toBe(1)
      expect(wordsOf(word)).toBe(1)
    }
  })

  test('counts sentences without breaking after U.S., Mr. or Oct.', () => {
    expect(sentenceSpans('The U.S. Embassy warned Mr. Putin on Oct. 7. He said nothing.')).toHaveLength(2)
    expect(sentenceSpans('“Who benefits?” he asked. Nobody answered.')).toHaveLength(2)
  })

  test('counts characters as code points', () => {
    expect(countChars('€100 😀')).toBe(6)
  })

  test('detects English and gives und for text too short to tell', () => {
    expect(
      detectLanguage(
        'The attack on the concert hall was the deadliest in Russia in two decades, officials said on Saturday.',
      ),
    ).toBe('en')
    expect(detectLanguage('Hi')).toBe('und')
  })

  test('gives every row code-point offsets into the document text that slice out its text, as Python slices', () => {
    const doc = annotateText(sample.replace('First part', 'First part 😀').replace('A *second*', 'A 😀 *second*'))
    const chars = [...(doc.document?.text ?? '')]
    expect(doc.paragraphs).toHaveLength(3)
    for (const p of doc.paragraphs ?? []) {
      expect(chars.slice(p.char_start, p.char_end).join('')).toBe(p.text)
      for (const e of p.emphasis) expect([...p.text].slice(e.start, e.end).join('')).toBe(e.text)
    }
    expect(doc.paragraphs?.[2]?.emphasis).toMatchObject([{ text: 'second', start: 4, end: 10 }])
    expect(doc.document?.text.split('\n\n')).toEqual(doc.paragraphs?.map((p) => p.text))
  })

  test('files paragraphs under the heading before them and counts only paragraphs in n_paragraphs', () => {
    const doc = annotateText(sample)
    expect(doc.paragraphs?.map((p) => [p.kind, p.section])).toEqual([
      ['heading', null],
      ['paragraph', 'First part'],
      ['paragraph', 'First part'],
    ])
    expect(doc.document?.n_paragraphs).toBe(2)
    expect(doc.paragraphs?.[1]).toMatchObject({
      paragraph_id: '042_sample:0001',
      n_sentences: 2,
      line_start: 8,
      line_end: 8,
    })
    expect(doc.document?.n_words).toBe(doc.paragraphs?.reduce((n, p) => n + p.n_words, 0))
  })
})

describe('validate', () => {
  test('passes the records annotate makes', () => {
    expect(validate(annotateText(sample), ctx).failed).toBe(false)
  })

  test('names the file, the record and the field of an invalid record', () => {
    const doc = annotateText(sample)
    const broken = { ...doc, paragraphs: doc.paragraphs?.map((p, i) => (i === 1 ? { ...p, n_words: -1 } : p)) }
    const result = validate(broken, ctx)
    expect(result.failed).toBe(true)
    expect(result.messages).toMatchObject([{ file: 'raw/042_sample.txt', line: 8, rule: 'schema' }])
    expect(result.messages[0]?.reason).toMatch(/^Invalid record paragraphs\[1\] \(042_sample:0001\)\.n_words: /)
  })

  test('fails a document with a header and no body', () => {
    const result = validate(annotateText('A title\n\nBy Jane Doe\nMay 1, 2024\n'), ctx)
    expect(result.failed).toBe(true)
    expect(result.messages.map((m) => m.reason)).toContain(
      'No body text after the header, expected at least one paragraph',
    )
  })
})

describe('validate changes', () => {
  test('names the change record and field of an invalid change row', () => {
    const doc = annotateText(sample)
    const broken = { ...doc, changeRows: doc.changeRows?.map((c, i) => (i === 0 ? { ...c, rule: 'Not A Rule' } : c)) }
    const result = validate(broken, ctx)
    expect(result.failed).toBe(true)
    expect(result.messages[0]?.reason).toMatch(/^Invalid record changes\[0\] \(042_sample:c0000\)\.rule: /)
  })
})
