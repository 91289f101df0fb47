import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type nlpType from 'compromise'
import fc from 'fast-check'
import { releaseParagraphs } from '../eval/run.ts'
import { describe, expect, test } from 'vitest'
import { entitiesOf, entityHooks, sentenceAtATime, type BulkMatch } from '../pipeline/stages/annotations/entities.ts'
import { numbersOf } from '../pipeline/stages/annotations/numbers.ts'
import { findQuotes, quotesOf } from '../pipeline/stages/annotations/quotes.ts'
import { findReuse } from '../pipeline/runner/reuse.ts'
import { sentencesOf } from '../pipeline/stages/annotations/sentences.ts'
import { processDoc } from '../pipeline/index.ts'
import type { Paragraph } from '../schemas/index.ts'
import { ctx, fixtureDoc } from './fixtures.ts'
import { distDir } from './helpers.ts'

/** A paragraph record standing at `offset` in its document's text. */
function para(text: string, id = 'd:0000', offset = 0): Paragraph {
  return {
    paragraph_id: id,
    doc_id: id.split(':')[0] ?? 'd',
    index: Number(id.split(':')[1] ?? 0),
    kind: 'paragraph',
    section: null,
    text,
    n_words: 0,
    n_sentences: 0,
    n_chars: [...text].length,
    char_start: offset,
    char_end: offset + [...text].length,
    line_start: 1,
    line_end: 1,
    emphasis: [],
    links: [],
  }
}
const sliceDoc = (doc: string, start: number, end: number) => [...doc].slice(start, end).join('')

describe('sentences', () => {
  test('give code-point offsets into the document text that slice out each sentence', () => {
    const doc = 'Intro 😀.\n\nThe U.S. Embassy warned Mr. Putin. He said nothing! Then “Who?” he asked.'
    const p = para('The U.S. Embassy warned Mr. Putin. He said nothing! Then “Who?” he asked.', 'd:0001', 10)
    const rows = sentencesOf(p)
    expect(rows.map((r) => r.text)).toEqual([
      'The U.S. Embassy warned Mr. Putin.',
      'He said nothing!',
      'Then “Who?” he asked.',
    ])
    for (const r of rows) expect(sliceDoc(doc, r.char_start, r.char_end)).toBe(r.text)
  })
})

describe('quotes', () => {
  test('finds curly, nested and straight quotes, and not apostrophes', () => {
    const text = 'He said “we face ‘enemies’ everywhere” and "nothing else" but didn’t stop.'
    expect(findQuotes(text).map((q) => [text.slice(q.start, q.end), q.depth])).toEqual([
      ['we face ‘enemies’ everywhere', 0],
      ['enemies', 1],
      ['nothing else', 0],
    ])
  })

  test('a quotation still open at the end of the paragraph is kept, marked not closed', () => {
    expect(quotesOf(para('“Many of their operations are covert, including sabotage.'))).toMatchObject([
      { closed: false, text: 'Many of their operations are covert, including sabotage.' },
    ])
  })

  test.each([
    ['“We will not give in,” Putin said.', 'Putin'],
    ['“We will not give in,” said Vladimir Putin.', 'Vladimir Putin'],
    ['John Kirby stated that “I don’t think that was related.”', 'John Kirby'],
    ['“Doing nothing is not an option,” he told the newspaper.', null],
    ['The crowd chanted “no war” all night.', null],
    ['“Their daring attacks,” the Times wrote, could help.', 'the Times'],
  ])('speaker of %s is %s', (text, speaker) => {
    expect(quotesOf(para(text))[0]?.speaker).toBe(speaker)
  })
})

describe('entities', () => {
  test('finds people, places and organisations with offsets', () => {
    const text =
      'Belarusian President Alexander Lukashenko said the attackers fled Moscow, and the Federal Security Service agreed.'
    const rows = entitiesOf([para(text)])
    expect(rows.map((e) => [e.type, e.text])).toEqual(
      expect.arrayContaining([
        ['person', expect.stringContaining('Lukashenko')],
        ['place', 'Moscow'],
        ['organization', 'Federal Security Service'],
      ]),
    )
    for (const e of rows) expect(sliceDoc(text, e.char_start, e.char_end)).toBe(e.text)
  })

  test('an article in another language than English is not tagged by the English tagger; one in English is', () => {
    const english =
      'Alexander Lukashenko said the attackers fled towards Belarus after the concert at Crocus City Hall near Moscow, where the Federal Security Service later arrested four men.'
    const german =
      'Alexander Lukaschenko sagte, die Angreifer seien nach dem Konzert in der Crocus City Hall bei Moskau in Richtung Belarus geflohen, wo der Inlandsgeheimdienst später vier Männer festnahm.'
    const entities = (text: string) =>
      processDoc(fixtureDoc(`A title for the test\n\n${text}\n`, '043_language.txt'), ctx)
    const en = entities(english)
    expect(en.document?.language).toBe('en')
    expect(en.annotations?.entities.map((e) => e.text)).toContain('Moscow')
    const de = entities(german)
    expect(de.document?.language).toBe('de')
    expect(de.annotations?.entities).toEqual([])
  })

  describe("a document's paragraphs tagged together find what each finds alone", () => {
    const alone = (ps: readonly Paragraph[]) => ps.flatMap((p) => entitiesOf([p]))

    test("the release's paragraphs, more than one batch of text", () => {
      const rows = readFileSync(join(distDir, 'paragraphs.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Paragraph)
      // The whole release as one list: longer than compromise is given at once, so batches meet within it.
      expect(rows.reduce((n, p) => n + p.text.length, 0)).toBeGreaterThan(2 * 16384)
      const found = entitiesOf(rows)
      expect(found.length).toBeGreaterThan(100)
      expect(found).toEqual(alone(rows))
    })

    test.each([' Gen.', ' “We will'])('a paragraph ending in %j does not run into the next', (ending) => {
      // Given as one text, compromise reads such a paragraph and the next as one sentence, and tags them otherwise.
      const texts = releaseParagraphs(new URL('../dist/paragraphs.jsonl', import.meta.url))
      let offset = 0
      const ps = texts.map((text, i) => {
        const p = para(i < texts.length - 1 ? text + ending : text, `d:${String(i).padStart(4, '0')}`, offset)
        offset = p.char_end + 2
        return p
      })
      expect(entitiesOf(ps)).toEqual(alone(ps))
    })

    test('paragraphs compromise would join if given as one text: open quotes, abbreviations, punctuation alone, a long one', () => {
      // compromise merges a sentence into the next across a line break when it ends in an abbreviation, opens a quote or holds no letter.
      const words = [
        ...releaseParagraphs(new URL('../dist/paragraphs.jsonl', import.meta.url))
          .join(' ')
          .split(/\s+/),
        '“',
        'Mr.',
        'Gen.',
        '—',
        '(',
        'i.e.',
      ]
      const paragraph = fc
        .oneof(
          { arbitrary: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 60 }), weight: 4 },
          { arbitrary: fc.constantFrom(['—'], ['“'], ['...']), weight: 2 },
          // Longer than one piece, so that a batch may end within a paragraph (one in seven: each takes compromise a while).
          { arbitrary: fc.array(fc.constantFrom(...words), { minLength: 1700, maxLength: 2200 }), weight: 1 },
        )
        .map((ws) => ws.join(' '))
      fc.assert(
        fc.property(fc.array(paragraph, { minLength: 1, maxLength: 8 }), (texts) => {
          let offset = 0
          const ps = texts.map((text, i) => {
            const p = para(text, `d:${String(i).padStart(4, '0')}`, offset)
            offset = p.char_end + 2
            return p
          })
          expect(entitiesOf(ps)).toEqual(alone(ps))
        }),
        // A failure is reported as found: shrinking paragraphs of two thousand words takes minutes.
        { numRuns: 25, endOnFailure: true },
      )
    })
  })

  describe('compromise set up for entities: its matcher rewritten, its chunker left out', () => {
    const nlp = createRequire(import.meta.url)('compromise') as typeof nlpType
    const methods = nlp.methods() as { one: { bulkMatch: BulkMatch } }
    const world = nlp.world() as { hooks: string[] }
    const compromises = methods.one.bulkMatch.unwrapped ?? methods.one.bulkMatch
    // The chunker is the last step of compromise's own list: with it back, the list is compromise's.
    const compromiseHooks = world.hooks.includes('chunks') ? world.hooks : [...world.hooks, 'chunks']
    /** Every term's tags and every entity compromise finds, with the given matcher and steps. */
    const tagsOf = (texts: string[], bulkMatch: BulkMatch, hooks: string[]) => {
      const [current, currentHooks] = [methods.one.bulkMatch, world.hooks]
      ;[methods.one.bulkMatch, world.hooks] = [bulkMatch, hooks]
      try {
        return texts.map((text) => {
          const doc = nlp(text)
          const terms = doc.json({ offset: true }) as { terms: { text: string; tags: string[] }[] }[]
          const entities = [doc.people(), doc.places(), doc.organizations()].map((v) =>
            (v.out('offset') as { text: string; offset: unknown }[]).map((m) => [m.text, m.offset]),
          )
          return { terms: terms.map((s) => s.terms.map((t) => [t.text, [...t.tags].sort()])), entities }
        })
      } finally {
        ;[methods.one.bulkMatch, world.hooks] = [current, currentHooks]
      }
    }
    const ours = (texts: string[]) => tagsOf(texts, sentenceAtATime(compromises), entityHooks(compromiseHooks))
    const theirs = (texts: string[]) => tagsOf(texts, compromises, compromiseHooks)

    test("the chunker is left out, and it is compromise's last step", () => {
      expect(compromiseHooks.at(-1)).toBe('chunks')
      expect(entityHooks(compromiseHooks)).toEqual(compromiseHooks.slice(0, -1))
    })

    test('tags every term of the release and finds its entities exactly as compromise does', () => {
      const texts = releaseParagraphs(new URL('../dist/paragraphs.jsonl', import.meta.url))
      const found = ours(texts)
      expect(found.flatMap((t) => t.entities.flat()).length).toBeGreaterThan(100)
      expect(found).toEqual(theirs(texts))
    })

    test('tags any text made of the release words exactly as compromise does', () => {
      // Words of real paragraphs in random order and case, sentence breaks included: patterns meet new neighbours.
      const words = releaseParagraphs(new URL('../dist/paragraphs.jsonl', import.meta.url))
        .join(' ')
        .split(/\s+/)
      const text = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 80 }).map((ws) => ws.join(' '))
      fc.assert(
        fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (texts) => {
          expect(ours(texts)).toEqual(theirs(texts))
        }),
        { numRuns: 40 },
      )
    })
  })
})

describe('numbers', () => {
  test('reads counts with their units and leaves dates and years out', () => {
    const text =
      'On March 7 and 23 March, 1998 reports said at least 137 people died, 60 dead, over 13,000 square meters burned, €100 billion was spent, 17 million immigrants live there and 15 terrorist attacks hit in 2002.'
    expect(numbersOf(para(text)).map((n) => [n.text, n.value, n.unit])).toEqual([
      ['137 people', 137, 'people'],
      ['60 dead', 60, 'dead'],
      ['13,000 square meters', 13000, 'square meters'],
      ['€100 billion', 100e9, 'euro'],
      ['17 million immigrants', 17e6, 'immigrants'],
      ['15 terrorist attacks', 15, 'terrorist attacks'],
    ])
  })

  test('a number with nothing counted after it has a null unit', () => {
    expect(numbersOf(para('They were aged 19 to 32.')).map((n) => [n.value, n.unit])).toEqual([
      [19, null],
      [32, null],
    ])
  })

  test('the casualty figures the outlets report can be compared across the corpus', () => {
    const rows = readFileSync(join(distDir, 'numbers.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { doc_id: string; value: number; unit: string | null })
    const people = rows.filter((r) => r.unit === 'people' || r.unit === 'dead' || r.unit === 'lives')
    for (const figure of [60, 137, 139])
      expect(
        people.some((r) => r.value === figure),
        String(figure),
      ).toBe(true)
  })
})

describe('links', () => {
  test('keep their target and offsets into the paragraph text', () => {
    const doc = processDoc(
      fixtureDoc(
        'Title\n\nBy Jane Doe\nMay 1, 2024\n\nThe 😀 [officials](https://example.org/x) spoke on background.\n',
      ),
      ctx,
    )
    expect(doc.paragraphs?.[0]?.links).toEqual([{ start: 6, end: 15, text: 'officials', url: 'https://example.org/x' }])
  })
})

describe('reuse', () => {
  const shared = 'the attack has the mark of the CIA and its proxies in Kiev all over it'
  test('pairs each later paragraph of another document with the one that had the passage first', () => {
    const rows = findReuse([
      para(`As noted, ${shared}, they wrote.`, 'b:0001'),
      para(`In fact ${shared}.`, 'a:0003'),
      para(`Again ${shared}.`, 'a:0004'),
    ])
    expect(rows.map((r) => [r.paragraph_id_a, r.paragraph_id_b, r.n_words])).toEqual([
      ['b:0001', 'a:0003', 16],
      ['b:0001', 'a:0004', 16],
    ])
    expect(rows[0]?.shared_text).toBe(shared)
    expect(rows[0]?.share_b).toBe(Math.round((16 / 18) * 10000) / 10000)
  })

  test('n copies of a passage give n - 1 rows, not n(n - 1)/2, across the files the matches are sorted in', () => {
    // More documents than one file of matches holds (1024), so rows come from two files, in order.
    const copies = Array.from({ length: 1500 }, (_, i) =>
      para(`Copy ${i}: ${shared}.`, `d${String(i).padStart(4, '0')}:0000`),
    )
    const rows = findReuse(copies)
    expect(rows).toHaveLength(1499)
    expect(new Set(rows.map((r) => r.paragraph_id_a))).toEqual(new Set(['d0000:0000']))
    expect(rows.map((r) => r.doc_id_b)).toEqual(copies.slice(1).map((p) => p.doc_id))
  })

  test('the rows from disk equal those of an in-memory first-holder index, on random documents of few words', () => {
    // The oracle: the definition in memory, one Map from shingle to its first holder, pairs built per paragraph.
    const oracle = (ps: Paragraph[]) => {
      const first = new Map<string, { doc: string; id: string; j: number }>()
      const out: [string, string, string][] = []
      for (const p of ps) {
        const words = p.text.toLowerCase().split(' ')
        const runs = new Map<string, { d: number; start: number; last: number; length: number }[]>()
        for (let j = 0; j + 8 <= words.length; j += 1) {
          const key = words.slice(j, j + 8).join(' ')
          const seen = first.get(key)
          if (seen === undefined) first.set(key, { doc: p.doc_id, id: p.paragraph_id, j })
          if (seen === undefined || seen.doc === p.doc_id) continue
          const list = runs.get(seen.id) ?? []
          runs.set(seen.id, list)
          const run = list.find((r) => r.d === seen.j - j && r.last === j - 1)
          if (run === undefined) list.push({ d: seen.j - j, start: j, last: j, length: 1 })
          else Object.assign(run, { last: j, length: run.length + 1 })
        }
        for (const [a, list] of [...runs].sort(([x], [y]) => (x < y ? -1 : 1))) {
          const best = list.reduce((x, y) => (y.length > x.length ? y : x))
          out.push([a, p.paragraph_id, words.slice(best.start, best.start + best.length + 7).join(' ')])
        }
      }
      return out
    }
    // Two words: 8-word shingles (256 kinds) recur within and across documents, at several offsets.
    const doc = fc.array(fc.array(fc.constantFrom('a', 'b'), { maxLength: 30, size: 'max' }), {
      minLength: 1,
      maxLength: 3,
    })
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 8 }), (docs) => {
        const ps = docs.flatMap((d, i) =>
          d.map((words, k) => para(words.join(' '), `d${i}:${String(k).padStart(4, '0')}`)),
        )
        expect(findReuse(ps).map((r) => [r.paragraph_id_a, r.paragraph_id_b, r.shared_text])).toEqual(oracle(ps))
      }),
      { numRuns: 200 },
    )
  })

  test('the longest run at one offset is the passage, when a paragraph shares two passages with the first', () => {
    const other = 'nine words that are also shared with the first paragraph here'
    const rows = findReuse([para(`${shared}. Then ${other}.`, 'a:0000'), para(`${other}, and ${shared}.`, 'b:0000')])
    expect(rows.map((r) => [r.n_words, r.shared_text])).toEqual([[16, shared]])
  })

  test('seven shared words are not reuse', () => {
    expect(
      findReuse([
        para('one two three four five six seven here', 'a:0000'),
        para('there one two three four five six seven', 'b:0000'),
      ]),
    ).toEqual([])
  })
})
