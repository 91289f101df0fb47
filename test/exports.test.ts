import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { newContext } from '../pipeline/runner/context.ts'
import { processInput } from '../pipeline/index.ts'
import { auditConservation } from '../pipeline/stages/audit.ts'
import { articlesOf } from '../pipeline/stages/exports.ts'
import { decodeDoc, decodeDocx } from '../pipeline/stages/read.ts'
import { formatMessage, type Doc } from '../pipeline/types.ts'
import { CatalogRow } from '../schemas/index.ts'
import { docxOf, paragraphsOf } from '../eval/docx.ts'
import { fixturesRoot } from './fixtures.ts'

const ctx = newContext({ today: '2026-01-01' })
const dir = join(fixturesRoot, 'export')

/** An export's input in a fixture folder (`input.txt` or `input.html`) and the name it is read under. */
function inputOf(name: string): { bytes: Buffer; path: string } {
  const file = readdirSync(join(dir, name)).find((f) => f.startsWith('input.')) as string
  return { bytes: readFileSync(join(dir, name, file)), path: `raw/${name}${file.slice('input'.length)}` }
}

/** What a researcher sees of an export's articles: each document's fields, its paragraphs with their lines, its changes and messages. */
function summary(docs: readonly Doc[]) {
  return docs.map((d) => {
    const {
      text: _text,
      source_sha256: _sha,
      layout_signals: _signals,
      ...document
    } = d.document ?? ({} as NonNullable<Doc['document']>)
    return {
      document,
      paragraphs: (d.paragraphs ?? []).map((p) => `${p.line_start}-${p.line_end} ${p.text}`),
      changes: (d.changeRows ?? []).map(
        (c) => `${c.line_start}-${c.line_end} ${c.action} ${c.rule}${c.after === null ? '' : ` → ${c.after}`}`,
      ),
      messages: d.messages.map(formatMessage),
      failed: d.failed,
    }
  })
}

describe('press-database exports: each fixture, article by article', () => {
  for (const name of readdirSync(dir).sort()) {
    test(name.replaceAll('-', ' '), () => {
      const { bytes, path } = inputOf(name)
      const actual = `${JSON.stringify(summary(processInput(decodeDoc(bytes, path), ctx)), null, 2)}\n`
      const expectedFile = join(dir, name, 'expected.json')
      if (process.env.UPDATE === '1') writeFileSync(expectedFile, actual)
      if (!existsSync(expectedFile))
        throw new Error(`Missing ${expectedFile}, expected one per fixture (run with UPDATE=1 and review)`)
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'))
    })
  }
})

describe('press-database exports: nothing of the file lost', () => {
  const textFixtures = readdirSync(dir).filter((name) => inputOf(name).path.endsWith('.txt'))

  test.each(textFixtures)(
    '%s: the articles cover the file, each line once, and each article keeps every word',
    (name) => {
      const { bytes, path } = inputOf(name)
      const articles = articlesOf(decodeDoc(bytes, path))
      expect(articles.length).toBeGreaterThan(1)
      // Every line of the file belongs to exactly one article's block, in order.
      const covered = articles.flatMap((a) => a.page?.lineStart ?? [])
      expect(covered).toEqual(Array.from({ length: bytes.toString('utf8').split('\n').length }, (_, i) => i + 1))
      for (const doc of processInput(decodeDoc(bytes, path), ctx))
        expect(auditConservation(doc), doc.doc_id).toEqual([])
    },
  )

  test('Factiva: every paragraph of every article block is a paragraph of its document, with its lines', () => {
    const { bytes, path } = inputOf('factiva-two-articles')
    const html = bytes.toString('utf8')
    const docs = processInput(decodeDoc(bytes, path), ctx)
    const paragraphs = [...html.matchAll(/<p class="articleParagraph[^"]*">([\s\S]*?)<\/p>/g)].map((m) =>
      (m[1] ?? '').replace(/\s+/g, ' '),
    )
    expect(docs.flatMap((d) => d.paragraphs?.map((p) => p.text) ?? [])).toEqual(paragraphs)
    const lines = html.split('\n')
    for (const p of docs.flatMap((d) => d.paragraphs ?? []))
      expect(lines[p.line_start - 1]).toContain(p.text.slice(0, 20))
  })
})

describe('press-database exports: Word files', () => {
  test('a Nexis Uni DOCX gives the articles, fields and lines of the same export as text', async () => {
    const text = inputOf('nexis-uni-text').bytes.toString('utf8')
    const docx = await docxOf(paragraphsOf(text))
    const fromDocx = processInput(await decodeDocx(docx, 'raw/nexis-uni-text.docx'), ctx)
    const fromText = processInput(decodeDoc(Buffer.from(text), 'raw/nexis-uni-text.txt'), ctx)
    expect(fromDocx.map((d) => d.doc_id)).toEqual(['nexis-uni-text-001', 'nexis-uni-text-002'])
    const same = (docs: Doc[]) =>
      JSON.stringify(
        summary(docs).map(({ document: { source_path: _p, ...rest }, ...s }) => ({
          ...rest,
          ...s,
          messages: s.messages.map((m) => m.replace(/^raw\/\S+?:/, '')),
        })),
      )
    expect(same(fromDocx)).toBe(same(fromText))
  })

  test('a file that is not a Word document is named, with how to read it instead', async () => {
    const doc = await decodeDocx(Buffer.from('PK\u0003\u0004 not a zip at all'), 'raw/broken.docx')
    expect(doc.failed).toBe(true)
    expect(formatMessage(doc.messages[0] as Doc['messages'][number])).toMatch(
      /^raw\/broken\.docx: Cannot read this Word file \(.+\), expected a \.docx document; .*plain text \[read-docx\]$/,
    )
  })
})

describe('press-database exports: what is not one', () => {
  test.each([
    [
      'a count line in the text',
      'Title\n\nThe survey found that 3 of 10 DOCUMENTS were forged.\n\n3 of 10 DOCUMENTS\n\nMore text follows here.\n',
    ],
    [
      'an End of Document line without fields',
      'Title\n\nThe archive closes each file with a line.\n\nEnd of Document\n',
    ],
    [
      'separators without a Full text field',
      `Title\n\n${'_'.repeat(40)}\n\nA text between rules.\n\n${'_'.repeat(40)}\n`,
    ],
  ])('%s stays one document', (_name, text) => {
    const docs = articlesOf(decodeDoc(Buffer.from(text), 'raw/plain.txt'))
    expect(docs.map((d) => [d.doc_id, d.exported])).toEqual([['plain', undefined]])
  })

  test('a saved page with articles but no Factiva paragraphs stays a page', () => {
    const html =
      '<!doctype html><html><body><div class="article"><p>One story.</p></div><div class="article"><p>Another.</p></div></body></html>'
    expect(articlesOf(decodeDoc(Buffer.from(html), 'raw/page.html')).map((d) => d.doc_id)).toEqual(['page'])
  })
})

describe('press-database exports: ids', () => {
  test('an export of a thousand articles numbers them with four digits, in file order', () => {
    const article = (n: number) =>
      `                    ${n} of 1000 DOCUMENTS\n\n                    The Daily Example\n\n                    March 23, 2024\n\nHeadline ${n}\n\nLENGTH: 5 words\n\nThe text of article ${n}.\n\nLOAD-DATE: March 24, 2024\n\n`
    const text = Array.from({ length: 1000 }, (_, i) => article(i + 1)).join('')
    const docs = articlesOf(decodeDoc(Buffer.from(text), 'raw/big.txt'))
    expect(docs.length).toBe(1000)
    expect([docs[0]?.doc_id, docs[999]?.doc_id]).toEqual(['big-0001', 'big-1000'])
    expect(docs[41]?.exported?.title).toBe('Headline 42')
  })
})

describe('press-database exports: the catalogue', () => {
  test('a catalogue row naming an export is not applied to its articles, and each article says so', () => {
    const { bytes, path } = inputOf('nexis-uni-text')
    const catalog = new Map([
      [
        'nexis-uni-text.txt',
        CatalogRow.parse({ file: 'nexis-uni-text.txt', outlet: 'Wrong Outlet', author: 'Someone Else' }),
      ],
    ])
    const docs = processInput(decodeDoc(bytes, path), newContext({ today: '2026-01-01', catalog }))
    expect(docs.map((d) => [d.document?.outlet, d.document?.outlet_source])).toEqual([
      ['The Daily Example', 'export'],
      ['The Evening Sample', 'export'],
    ])
    expect(docs.map((d) => d.messages.filter((m) => m.rule === 'catalog').map((m) => m.reason))).toEqual([
      [
        "The catalogue's row for raw/nexis-uni-text.txt is not applied to article 1 of this export: each article has the fields the database states",
      ],
      [
        "The catalogue's row for raw/nexis-uni-text.txt is not applied to article 2 of this export: each article has the fields the database states",
      ],
    ])
  })
})

describe('press-database exports: pathological files', () => {
  test('a Factiva page nested past what the parser can walk is named and left out, never a crash', () => {
    const deep = `${'<div>'.repeat(200_000)}x${'</div>'.repeat(200_000)}`
    const html = `<html><body>${deep}<div class="article"><div id="hd">Head</div><p class="articleParagraph">Text.</p></div></body></html>`
    const docs = processInput(decodeDoc(Buffer.from(html), 'raw/deep.html', { maxBytes: 1 << 24 }), ctx)
    expect(docs.map((d) => [d.failed, d.messages.map(formatMessage)])).toEqual([
      [
        true,
        [
          expect.stringMatching(
            /^raw\/deep\.html: Cannot split this file into its articles: it nests too deeply for the stack .*, left out \[stack-overflow\]$/,
          ),
        ],
      ],
    ])
  })

  test('labelled lines everywhere in a long article are text, and an article of 200,000 lines is read whole', () => {
    const body = Array.from(
      { length: 100_000 },
      (_, i) => `Line ${i} of the text goes on.\nNOTE: a remark ${i} in the text`,
    ).join('\n')
    const text = `                    1 of 1 DOCUMENTS\n\n                    The Daily Example\n\nHeadline\n\nLENGTH: 5 words\n\n${body}\n\nLOAD-DATE: March 24, 2024\n`
    const [doc] = articlesOf(decodeDoc(Buffer.from(text), 'raw/long.txt', { maxBytes: 1 << 24 }))
    // Only the fields above and below the text are the database's: the text's own labelled lines stay in it.
    expect(doc?.exported?.lines.map((l) => l.line)).toEqual([1, 3, 5, 7, 200_010])
  })
})

describe('press-database exports: headlines and labels', () => {
  const centred = (s: string) => `${' '.repeat(20)}${s}`
  const nexis = (head: string[]) =>
    [
      centred('1 of 2 DOCUMENTS'),
      '',
      centred('The Daily Example'),
      '',
      centred('March 23, 2024'),
      '',
      ...head,
      '',
      'The text of the first article is here.',
      '',
      'LOAD-DATE: March 24, 2024',
      '',
      centred('2 of 2 DOCUMENTS'),
      '',
      centred('The Daily Example'),
      '',
      centred('March 23, 2024'),
      '',
      'LENGTH: 8 words',
      '',
      'The text of the second article is here.',
      '',
    ].join('\n')

  test('a headline that opens with a label (`BREAKING:`) is the headline, and a label no table knows after it is a field', () => {
    const docs = processInput(
      decodeDoc(
        Buffer.from(nexis(['BREAKING: Gunmen open fire', '', 'WYDANIE: Krajowe', '', 'BYLINE: Jane Roe'])),
        'raw/b.txt',
      ),
      ctx,
    )
    expect(docs[0]?.document && [docs[0].document.title, docs[0].document.authors, docs[0].document.text]).toEqual([
      'BREAKING: Gunmen open fire',
      ['Jane Roe'],
      'The text of the first article is here.',
    ])
    expect(docs[0]?.changeRows?.filter((c) => c.rule === 'export-field').map((c) => c.before)).toEqual([
      'WYDANIE: Krajowe',
      'LOAD-DATE: March 24, 2024',
    ])
  })

  test('an article without a headline is kept, named by its place, with no title source', () => {
    const docs = processInput(decodeDoc(Buffer.from(nexis(['Headline', '', 'LENGTH: 7 words'])), 'raw/b.txt'), ctx)
    expect(docs[1]?.document && [docs[1].document.title, docs[1].document.title_source, docs[1].document.text]).toEqual(
      ['(untitled: article 2 of raw/b.txt)', 'none', 'The text of the second article is here.'],
    )
  })
})

describe('press-database exports: variants of a layout', () => {
  test("Factiva's byline without a class, between the headline and the word count, is the byline", () => {
    const html =
      '<html><body><div class="article enArticle"><div id="hd"><span class="enHeadline">Headline</span></div><div>By Jane Roe</div><div>9 words</div><div>23 March 2024</div><div>The Daily Example</div><div>DAIEX</div><p class="articleParagraph">The text of the first article is here now.</p><div>Document DAIEX00020240323ek3n0001x</div></div><div class="article enArticle"><div id="hd"><span class="enHeadline">Other</span></div><div>9 words</div><div>24 March 2024</div><div>The Daily Example</div><p class="articleParagraph">The text of the second article is here now.</p><div>Document DAIEX00020240324ek3n0002x</div></div></body></html>'
    const docs = processInput(decodeDoc(Buffer.from(html), 'raw/f.html'), ctx)
    expect(docs.map((d) => [d.document?.authors, d.document?.stated_length, d.document?.outlet])).toEqual([
      [['Jane Roe'], 9, 'The Daily Example'],
      [[], 9, 'The Daily Example'],
    ])
  })

  test("ProQuest's closing fields under a `Details` heading are fields, not text", () => {
    const text = inputOf('proquest-two-articles')
      .bytes.toString('utf8')
      .replace('Subject: Terrorism; Attacks', 'Details\n\nSubject: Terrorism; Attacks')
    const [first] = processInput(decodeDoc(Buffer.from(text), 'raw/p.txt'), ctx)
    expect(first?.paragraphs?.map((p) => p.text.slice(0, 20))).toEqual(['The attack began sho', 'Officials said on Sa'])
    expect(first?.changeRows?.find((c) => c.before === 'Details')?.rule).toBe('export-cover')
  })
})
