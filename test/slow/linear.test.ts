import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { abbreviations } from '../../pipeline/rules/sentences.ts'
import { planFurniture } from '../../pipeline/stages/furniture.ts'
import { prose } from '../fixtures.ts'
import { codePointOffset, countChars, countWords, sentenceSpans } from '../../pipeline/stages/text.ts'

// The one-pass versions the piecewise ones must equal: Intl.Segmenter over the whole text at once.
const words = new Intl.Segmenter('en', { granularity: 'word' })
const sentences = new Intl.Segmenter('en', { granularity: 'sentence' })
const wordsAtOnce = (text: string) => [...words.segment(text)].filter((s) => s.isWordLike).length
function sentencesAtOnce(text: string): string[] {
  const out: string[] = []
  for (const { segment } of sentences.segment(text)) {
    const last = out.at(-1)
    if (last !== undefined && (abbreviations.some((a) => a.pattern.test(last)) || /^\p{Ll}/u.test(segment)))
      out[out.length - 1] = last + segment
    else out.push(segment)
  }
  return out.map((s) => s.trim()).filter((s) => s !== '')
}

// Texts long enough to be cut into several pieces, from the pieces where cuts and segment rules meet.
const token = fc.constantFrom(
  'word',
  'Word',
  'Mr.',
  'U.S.',
  'Oct.',
  'end.',
  'end?',
  'end!',
  '“Quote.”',
  'x.',
  '(aside.)',
  '3.5',
  'é',
  '😀',
  '日本語',
  '—',
  ',',
  '',
  ' ',
)
const longText = fc.array(token, { minLength: 1500, maxLength: 3000 }).map((ts) => ts.join(' '))

describe('segmenting long texts in pieces', () => {
  test('counts the same words and finds the same sentences as one pass over the whole text', () => {
    fc.assert(
      fc.property(longText, (text) => {
        expect(countWords(text)).toBe(wordsAtOnce(text))
        expect(sentenceSpans(text).map((s) => s.text)).toEqual(sentencesAtOnce(text))
        for (const s of sentenceSpans(text)) expect(text.slice(s.start, s.end)).toBe(s.text)
      }),
      { numRuns: 15, seed: 20 },
    )
  }, 120_000)

  test('code-point offsets equal counting the code points before them, across surrogate pairs', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '😀', 'é', '𝔸'), maxLength: 400 }),
        fc.nat(),
        (text, n) => {
          const offsets = [0, text.length, n % (text.length + 1)].filter(
            (o) => o === 0 || o === text.length || !/[\uDC00-\uDFFF]/.test(text[o] ?? ''),
          )
          for (const o of offsets) expect(codePointOffset(text, o)).toBe(countChars(text.slice(0, o)))
        },
      ),
      { numRuns: 300, seed: 20 },
    )
  })
})

describe('files no stage can walk', () => {
  test('quotes or lists nested past the limit are left out before parsing, with the first line past it', async () => {
    const { processDoc } = await import('../../pipeline/index.ts')
    const { decodeDoc } = await import('../../pipeline/stages/read.ts')
    const { newContext } = await import('../../pipeline/runner/context.ts')
    const { MAX_DEPTH } = await import('../../pipeline/stages/markdown.ts')
    const run = (text: string) => processDoc(decodeDoc(new TextEncoder().encode(text), 'raw/deep.txt'), newContext())
    const quotes = run(`Title\n\n${'>'.repeat(20_000)} word\n`)
    expect(quotes.failed).toBe(true)
    expect(quotes.messages.at(-1)).toMatchObject({ rule: 'too-deep', line: 3, severity: 'error' })
    const list = run(`Title\n\n${Array.from({ length: 3_000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n`)
    expect(list.messages.at(-1)).toMatchObject({ rule: 'too-deep', line: 3 + MAX_DEPTH })
    // Nesting an article could have stays: a quote in a quote, a list three levels deep.
    expect(run('Title\n\n> > A quoted quote that goes on for a while.\n\n- one\n  - two\n    - three\n').failed).toBe(
      false,
    )
  })

  test('a stage that throws fails the document with its file and rule, never the build', async () => {
    const { processDoc, stages } = await import('../../pipeline/index.ts')
    const { decodeDoc } = await import('../../pipeline/stages/read.ts')
    const { newContext } = await import('../../pipeline/runner/context.ts')
    const ctx = newContext()
    const doc = decodeDoc(new TextEncoder().encode('Title\n\nBody text of the article.\n'), 'raw/x.txt')
    // A context whose catalogue throws when the metadata stage reads it, as an overflow would.
    const throwing = {
      ...ctx,
      catalog: {
        get: () => {
          throw new RangeError('Maximum call stack size exceeded')
        },
      } as unknown as typeof ctx.catalog,
    }
    const out = processDoc(doc, throwing)
    expect(stages.length).toBeGreaterThan(2)
    expect(out.failed).toBe(true)
    expect(out.messages.at(-1)).toMatchObject({ rule: 'stack-overflow', file: 'raw/x.txt', severity: 'error' })
  })
})

describe('time grows linearly with each shape of pathological input', () => {
  // The shapes that once grew with the square of their size (or worse): one long paragraph of words, of sentences, of unclosed emphasis; many paragraphs; many packed lines.
  const shapes: Record<string, (n: number) => string> = {
    'a paragraph of words without a full stop': (n) => `Title\n\n${'word '.repeat(n)}\n`,
    'a paragraph of short sentences': (n) => `Title\n\n${'This is a short sentence. '.repeat(n / 5)}\n`,
    'unclosed emphasis': (n) => `Title\n\n${'*a '.repeat(n)}\n`,
    'one-line paragraphs': (n) =>
      `Title\n\n${Array.from({ length: n / 5 }, (_, i) => `Paragraph number ${i} here.`).join('\n\n')}\n`,
    // Lines told apart by letters, not digits: a line repeated but for its number is a running header, rightly removed.
    'packed lines': (n) =>
      `Title\n\n${Array.from({ length: n / 5 }, (_, i) => `Line ${i.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)] ?? d)} of it`).join('\n')}\n`,
    // Saved pages: formatting tags never closed (a parser reopens them in every paragraph), many small elements, one long paragraph.
    'a saved page of unclosed formatting tags': (n) =>
      `<html><body><h1>Title</h1>${Array.from({ length: n / 10 }, (_, i) => `<p><b><i>word ${i.toString(36).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)] ?? d)} `).join('')}`,
    'a saved page of many small elements': (n) =>
      `<html><body><h1>Title</h1>${'<div><span>x</span> <a href="#">y</a></div>'.repeat(n / 10)}<p>${'word '.repeat(50)}end.</p></body></html>`,
    'a saved page of one long paragraph': (n) => `<html><body><h1>Title</h1><p>${'word '.repeat(n)}</p></body></html>`,
    // Runs of empty blocks: each is a field separator in an element's short text, which a pattern that could split a run two ways took exponential time to trim.
    'a saved page of empty blocks between words': (n) =>
      `<html><body><h1>Title</h1><p>${'word '.repeat(50)}end.</p>${`<div class="meta"><span>By</span>${'<div> </div>'.repeat(12)}<span>Posted</span></div>`.repeat(n / 200)}</body></html>`,
  }
  test.each(Object.keys(shapes))(
    '%s: four times the input takes well under sixteen times as long',
    async (name) => {
      const { processDoc } = await import('../../pipeline/index.ts')
      const { decodeDoc } = await import('../../pipeline/stages/read.ts')
      const { newContext } = await import('../../pipeline/runner/context.ts')
      const ctx = newContext()
      const make = shapes[name] as (n: number) => string
      // The best of two runs at each size; a quadratic step would make the ratio 16, a linear one 4.
      const time = (n: number) => {
        const text = new TextEncoder().encode(make(n))
        let best = Infinity
        for (let round = 0; round < 2; round += 1) {
          const started = performance.now()
          const doc = processDoc(decodeDoc(text, name.startsWith('a saved page') ? 'raw/x.html' : 'raw/x.txt'), ctx)
          best = Math.min(best, performance.now() - started)
          expect(doc.failed).toBe(false)
        }
        return best
      }
      time(2_000)
      const ratio = time(40_000) / time(10_000)
      expect(ratio).toBeLessThan(8)
    },
    120_000,
  )

  test('a paragraph too long to tag at once is tagged in pieces, with every entity at its place', async () => {
    const { entitiesOf } = await import('../../pipeline/stages/annotations/entities.ts')
    const text = 'John Smith went to Paris. '.repeat(400).trim()
    const p = {
      paragraph_id: 'x:0000',
      doc_id: 'x',
      index: 0,
      kind: 'paragraph' as const,
      section: null,
      text,
      n_words: 0,
      n_sentences: 0,
      n_chars: text.length,
      char_start: 0,
      char_end: text.length,
      line_start: 1,
      line_end: 1,
      emphasis: [],
      links: [],
    }
    const found = entitiesOf([p])
    expect(found.filter((e) => e.type === 'person')).toHaveLength(400)
    expect(found.filter((e) => e.type === 'place')).toHaveLength(400)
    for (const e of found) expect(text.slice(e.char_start, e.char_end)).toBe(e.text)
  })
})

describe('a time limit per document', () => {
  // The five articles beside one file that takes seconds (a million words: linear, but long).
  async function corpusWithSlowFile(): Promise<string> {
    const { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { rawDir } = await import('../helpers.ts')
    const raw = join(mkdtempSync(join(tmpdir(), 'timeout-')), 'raw')
    mkdirSync(raw)
    for (const name of readdirSync(rawDir).filter((n) => n.endsWith('.txt')))
      copyFileSync(join(rawDir, name), join(raw, name))
    writeFileSync(join(raw, 'zz_slow.txt'), `Title\n\n${'word '.repeat(1_000_000)}\n`)
    return raw
  }

  test.each([2, 1])(
    'with --jobs %i, a document past the limit is stopped, named and left out; the others are written as without it; nothing of it is cached',
    async (jobs) => {
      const { buildInto, readTable, distDir } = await import('../helpers.ts')
      const { mkdtempSync } = await import('node:fs')
      const { tmpdir } = await import('node:os')
      const { join } = await import('node:path')
      const raw = await corpusWithSlowFile()
      const cacheDir = mkdtempSync(join(tmpdir(), 'timeout-cache-'))
      const { out, result } = await buildInto(raw, jobs, {
        docTimeout: 5,
        cacheDir,
        provenance: { commit: 'test', released: '2026-11-30' },
      })
      expect(result.rejected).toEqual([
        { source_path: 'raw/zz_slow.txt', rule: 'doc-timeout', line: null, reason: 'Took longer than 5 s, left out' },
      ])
      expect(result.documents.map((d) => d.doc_id)).toHaveLength(5)
      expect(readTable(out, 'paragraphs')).toEqual(readTable(distDir, 'paragraphs'))
      // The five come from the cache the second time; the stopped one is tried again, and stopped again.
      const again = await buildInto(raw, jobs, {
        docTimeout: 5,
        cacheDir,
        provenance: { commit: 'test', released: '2026-11-30' },
      })
      expect(again.result.summary.cache).toMatchObject({ hits: 5, misses: 1 })
      expect(again.result.rejected.map((r) => r.rule)).toEqual(['doc-timeout'])
      // --strict treats it like any other reject: nothing is written.
      const { build } = await import('../../pipeline/runner/build.ts')
      const { existsSync } = await import('node:fs')
      const strictOut = join(mkdtempSync(join(tmpdir(), 'timeout-strict-')), 'dist')
      const strict = await build({
        rawDir: raw,
        outDir: strictOut,
        threads: jobs,
        docTimeout: 5,
        strict: true,
        provenance: { commit: 'test', released: '2026-11-30' },
      })
      expect([strict.written, existsSync(strictOut), strict.rejected.map((r) => r.rule)]).toEqual([
        false,
        false,
        ['doc-timeout'],
      ])
    },
    120_000,
  )
})

describe('a folder of every pathological shape beside the five articles', () => {
  test('the build finishes, writes the five, and names every other file as written or left out with its rule', async () => {
    const { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { buildInto, rawDir } = await import('../helpers.ts')
    const raw = join(mkdtempSync(join(tmpdir(), 'shapes-')), 'raw')
    mkdirSync(raw)
    const five = readdirSync(rawDir).filter((n) => n.endsWith('.txt'))
    for (const name of five) copyFileSync(join(rawDir, name), join(raw, name))
    // Each at a size that once took a minute or more, or overflowed the stack.
    const shapes: Record<string, string> = {
      'p1_words.txt': 'word '.repeat(50_000),
      'p2_sentences.txt': 'This is a short sentence. '.repeat(10_000),
      'p3_emphasis.txt': '*a '.repeat(50_000),
      'p4_paragraphs.txt': Array.from({ length: 10_000 }, (_, i) => `Paragraph number ${i} here.`).join('\n\n'),
      'p5_quotes.txt': `${'>'.repeat(20_000)} word`,
      'p6_list.txt': Array.from({ length: 3_000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'),
      // Near the 10 MiB limit: stopped by the time limit wherever it runs (in a worker it needs more than the worker's heap, and runs again without that limit).
      'p7_million_words.txt': 'word '.repeat(1_900_000),
    }
    for (const [name, body] of Object.entries(shapes)) writeFileSync(join(raw, name), `Title\n\n${body}\n`)
    const { result } = await buildInto(raw, 2, {
      docTimeout: 15,
      provenance: { commit: 'test', released: '2026-11-30' },
    })
    const written = result.documents.map((d) => `${d.doc_id}.txt`)
    const rejected = new Map(result.rejected.map((r) => [r.source_path.replace('raw/', ''), r.rule]))
    for (const name of five) expect(written).toContain(name)
    for (const name of Object.keys(shapes)) expect(written.includes(name) || rejected.has(name), name).toBe(true)
    expect([rejected.get('p5_quotes.txt'), rejected.get('p6_list.txt'), rejected.get('p7_million_words.txt')]).toEqual([
      'too-deep',
      'too-deep',
      'doc-timeout',
    ])
    expect(written.filter((n) => n.startsWith('p'))).toEqual([
      'p1_words.txt',
      'p2_sentences.txt',
      'p3_emphasis.txt',
      'p4_paragraphs.txt',
    ])
  }, 300_000)
})

describe('the page-block classifier', () => {
  test('grows linearly: a page of many blocks and a very long paragraph are classed in bounded time', () => {
    const many = Array.from({ length: 40_000 }, (_, i) =>
      i % 3 === 0
        ? '  * Menu item'
        : i % 3 === 1
          ? ''
          : 'A sentence of the article that goes on for a while and ends here.',
    ).join('\n')
    const long = [prose(5_000)]
    const t0 = performance.now()
    planFurniture(many.split('\n'))
    planFurniture(long)
    // Generous: a quadratic step over 40,000 lines would take minutes.
    expect(performance.now() - t0).toBeLessThan(20_000)
  })
})
