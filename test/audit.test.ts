import { newContext } from '../pipeline/runner/context.ts'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { auditConservation, auditWords, auditWordsByLine, changeRows } from '../pipeline/stages/audit.ts'
import { CorpusLearner } from '../pipeline/corpus/profile.ts'
import { processDoc } from '../pipeline/index.ts'
import { learnProfile } from '../pipeline/runner/build.ts'
import { droppedSyntax, droppedWords, markdownBlocks } from '../pipeline/stages/markdown.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
import { tables } from '../schemas/index.ts'
import { ctx, fixtureDoc } from './fixtures.ts'
import { rawDir } from './helpers.ts'

const corpusDocs = () => {
  const inputs = readdirSync(rawDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => decodeDoc(readFileSync(join(rawDir, f)), `raw/${f}`))
  const corpus = learnProfile(inputs)
  return inputs.map((d) => processDoc(d, newContext({ corpus })))
}

describe("the audit's words", () => {
  const lineByLine = (text: string) => {
    const pairs = text.split('\n').flatMap((line, i) => auditWords(line).map((word) => [word, i + 1] as const))
    return { words: pairs.map((p) => p[0]), lines: pairs.map((p) => p[1]) }
  }

  test("the whole text segmented at once gives each line's words with its line, as segmenting line by line does", () => {
    const line = fc
      .array(
        fc.oneof(
          fc.constantFrom('word', "l'œil", '3.5', '_x_', 'U.S.', '\u00ad', '\u00a0', ' ', '—', '東京', '\t', '**'),
          fc.string(),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(' '))
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        expect(auditWordsByLine(lines.join('\n'))).toEqual(lineByLine(lines.join('\n')))
      }),
      { numRuns: 300 },
    )
    // Lines past the piece the segmenter is given at once, and a text without a line end.
    const long = [`${'alpha beta '.repeat(900)}end`, '', 'gamma', `${'delta '.repeat(2000)}`].join('\n')
    expect(auditWordsByLine(long)).toEqual(lineByLine(long))
    expect(auditWordsByLine('one two')).toEqual({ words: ['one', 'two'], lines: [1, 1] })
  })
})

describe('conservation on the corpus', () => {
  test('every word of every raw file is in a paragraph, a header field or a change, in order', () => {
    for (const doc of corpusDocs()) expect(auditConservation(doc), doc.doc_id).toEqual([])
  })

  test('the audit notices a lost word and an added word, with the line', () => {
    const [doc] = corpusDocs()
    if (doc === undefined) throw new Error('Cannot test without the corpus, expected raw/ to hold articles')
    const blocks = doc.blocks.map((b, i) =>
      i === 0 ? { ...b, text: b.text.replace('terrible ', '') } : i === 1 ? { ...b, text: `${b.text} Invented` } : b,
    )
    expect(auditConservation({ ...doc, blocks })).toEqual([
      { word: 'terrible', line: 8, place: 'raw' },
      { word: 'Invented', line: 10, place: 'output' },
    ])
  })

  test('the changes table has one valid row per change, in raw-line order', () => {
    for (const doc of corpusDocs()) {
      const rows = changeRows(doc)
      expect(rows).toHaveLength(doc.changes.length)
      for (const row of rows) tables.changes.schema.parse(row)
      expect(rows.map((r) => r.line_start)).toEqual([...rows.map((r) => r.line_start)].sort((a, b) => a - b))
      expect(rows.filter((r) => r.action === 'remove').every((r) => r.after === null)).toBe(true)
    }
  })
})

// Generated documents: real-looking words, Markdown emphasis and links, and the artefacts the cleaner handles.
const word = fc.constantFrom(
  'the',
  'attack',
  'Moscow',
  'said',
  'in',
  'of',
  '137',
  'people',
  '“quoted”',
  'U.S.',
  'Mr.',
  'international',
  'well-known',
  '*Times*',
  '[report](https://example.org/r)',
  'don’t',
  'a\u00a0b',
  'soft\u00adhyphen',
)
const sentence = fc.array(word, { minLength: 3, maxLength: 14 }).map((ws) => `${ws.join(' ')}.`)
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((ss) => ss.join(' '))
const furniture = fc.constantFrom(
  '',
  '\nFeatured Photo: www.example.com',
  '\n__________',
  '\n\nTo contact the WSWS and the Socialist Equality Party visit:\n\nwsws.org/contact',
  '\n\nPlease subscribe to our newsletter and consider donating today.',
)
const article = fc.record({
  title: fc.constantFrom('A title', '# A Markdown title', 'Who Attacked The Concert?'),
  byline: fc.constantFrom(
    'By Jane Doe\nMarch 3, 2024',
    'Jane Doe\n26 March 2024',
    'Brief #1 | By: Jane Doe | April 01, 2024',
    '',
  ),
  paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 6 }),
  separator: fc.constantFrom('\n\n', '\n', '\r\n\r\n'),
  breaks: fc.array(fc.nat(), { maxLength: 3 }),
  tail: furniture,
})

type Article = typeof article extends fc.Arbitrary<infer T> ? T : never

function render(a: Article): string {
  const paragraphs = a.paragraphs.map((p, i) => {
    const cut = a.breaks[i]
    if (cut === undefined) return p
    const words = p.split(' ')
    const at = 1 + (cut % Math.max(1, words.length - 1))
    return `${words.slice(0, at).join(' ')}\n\n${words.slice(at).join(' ')}`
  })
  return `${a.title}\n\n${a.byline}\n\n${paragraphs.join(a.separator)}${a.tail}\n`
}

describe('conservation on generated documents', () => {
  test('no word disappears without a change that says why, whatever the layout and artefacts', () => {
    fc.assert(
      fc.property(article, (a) => {
        const doc = processDoc(fixtureDoc(render(a)), ctx)
        expect(auditConservation(doc)).toEqual([])
      }),
      { numRuns: 300, seed: 42 },
    )
  })

  test('arbitrary text never crashes a stage and still conserves every word', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const learner = new CorpusLearner()
        learner.add(text)
        const doc = processDoc(fixtureDoc(text), newContext({ corpus: learner.profile() }))
        if (!doc.failed) expect(auditConservation(doc)).toEqual([])
      }),
      { numRuns: 300, seed: 7 },
    )
  })
})

describe('conservation on Markdown-heavy text', () => {
  const token = fc.constantFrom(
    'word',
    'Other',
    ' ',
    ' ',
    '\n',
    '\n\n',
    '*',
    '**',
    '_',
    '[',
    ']',
    '(',
    ')',
    '](x.org/y)',
    '# ',
    '> ',
    '- ',
    '1. ',
    '`',
    '```',
    '<b>',
    '&amp;',
    '\\',
    '|',
    ':',
    '.',
    '3',
    '    ',
  )
  test('syntax the text does not keep is recorded as a markdown-syntax removal', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 80 }), (tokens) => {
        const doc = processDoc(fixtureDoc(`Title\n\n${tokens.join('')}\n`), ctx)
        if (!doc.failed) expect(auditConservation(doc)).toEqual([])
      }),
      { numRuns: 500, seed: 3 },
    )
  })

  // Spaces of every kind, line breaks, and the marks that join or attach to what stands beside them (Unicode word-break rules WB3c, WB4, WB13c).
  const edge = fc.constantFrom(
    '\u00a0',
    '\u2007',
    '\u202f',
    '\u3000',
    '\u2028',
    '\t',
    '\r\n',
    '\ufeff',
    '\u200b',
    '\u200d',
    '\u2060',
    '\u00ad',
    '\u0301',
    '\u{1f1fa}',
    '\u{1f1f8}',
    '\u{1f469}',
    'can’t',
    'a.b',
    '1,000',
    '_x_',
    'ü',
  )
  test('the shortcut for blocks that keep all their source text finds what the word-by-word walk finds', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(token, edge), { maxLength: 60 }), (tokens) => {
        const markdown = tokens.join('')
        const blocks = markdownBlocks(markdown, 4)
        expect(droppedSyntax(markdown, 4, blocks)).toEqual(droppedWords(markdown, 4, blocks))
      }),
      { numRuns: 3000, seed: 5 },
    )
    // Every raw file of the release, parsed whole: mostly the shortcut's case.
    for (const file of readdirSync(rawDir).filter((f) => f.endsWith('.txt'))) {
      const markdown = readFileSync(join(rawDir, file), 'utf8')
      const blocks = markdownBlocks(markdown)
      expect(droppedSyntax(markdown, 0, blocks)).toEqual(droppedWords(markdown, 0, blocks))
    }
  })

  // Paragraphs of plain words (blocks the walk may step over) among links, odd spellings, emphasis, headings, items, quotes and code.
  const word = fc.constantFrom('word', 'Other', 'country', 'x.org', '3', 'y', 'https', 'can’t', '1,000', 'ü', 'a.b')
  const inline = fc.oneof(
    { weight: 6, arbitrary: word },
    {
      weight: 1,
      arbitrary: fc.constantFrom('[word](https://x.org/y)', '[Other](x.org)', 'countr&#x79;', '*word*', '`y`'),
    },
    { weight: 1, arbitrary: edge },
  )
  const line = fc.array(inline, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '))
  const block = fc
    .oneof(
      { weight: 4, arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n')) },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constantFrom('# ', '- ', '> ', '1. ', '12. ', '    ', '[y]: https://x.org '), line),
      },
      { weight: 1, arbitrary: fc.constantFrom('```y\nword\n```', '<b>word</b>', '—', '', '\n') },
    )
    .map((b) => (Array.isArray(b) ? b.join('') : b))
  test("a walk that steps over blocks with all their lines' words finds what the word-by-word walk finds", () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 40, size: 'max' }), fc.constantFrom('\n\n', '\n'), (blocks, gap) => {
        const markdown = blocks.join(gap)
        const parsed = markdownBlocks(markdown, 4)
        expect(droppedWords(markdown, 4, parsed, { stepOver: true })).toEqual(droppedWords(markdown, 4, parsed))
      }),
      { numRuns: 800, seed: 11 },
    )
  })
})
