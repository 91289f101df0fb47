import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { processDoc } from '../pipeline/index.ts'
import { auditWords } from '../pipeline/stages/audit.ts'
import { textOf } from '../pipeline/stages/markup.ts'
import { documentOf } from '../pipeline/stages/dom.ts'
import { newReader, page } from '../pipeline/stages/page.ts'
import { declaredCharset, decodeDoc } from '../pipeline/stages/read.ts'
import type { Doc } from '../pipeline/types.ts'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { parseHTML } from 'linkedom'
import { newContext } from '../pipeline/runner/context.ts'
import { ctx, fixtureSuiteOf } from './fixtures.ts'
import { runCli as run } from './helpers.ts'

const pageDoc = (html: string | Uint8Array, name = 'page.html'): Doc =>
  decodeDoc(typeof html === 'string' ? new TextEncoder().encode(html) : html, `raw/${name}`)

describe('saved page fixtures', () => {
  fixtureSuiteOf('page', 'json', 'input.html', (bytes) => {
    const doc = processDoc(pageDoc(bytes), ctx)
    const d = doc.document
    return {
      failed: doc.failed,
      metadata:
        d === undefined
          ? null
          : {
              title: [d.title, d.title_source],
              authors: [d.authors, d.authors_source],
              published: [d.published, d.published_source],
              outlet: [d.outlet, d.outlet_source],
              url: d.url,
              language: [d.language, d.language_source],
            },
      paragraphs: (doc.paragraphs ?? []).map((p) => ({
        kind: p.kind,
        text: p.text,
        lines: [p.line_start, p.line_end],
      })),
      changes: (doc.changeRows ?? []).map((c) => ({
        rule: c.rule,
        action: c.action,
        lines: [c.line_start, c.line_end],
        before: c.before,
        ...(c.evidence === null ? {} : { evidence: c.evidence }),
      })),
      messages: doc.messages.map((m) => `${m.line ?? '-'}: ${m.reason} [${m.rule}]`),
    }
  })
})

/** The lines of a page from `start` to `end` (1-based, inclusive). */
const linesOf = (html: string, start: number, end: number) =>
  html
    .split('\n')
    .slice(start - 1, end)
    .join('\n')

describe('saved pages', () => {
  test('every paragraph names page lines that hold its text', () => {
    const html = readFileSync(
      new URL('./fixtures/page/table-list-quote-and-figure/input.html', import.meta.url),
      'utf8',
    )
    const doc = processDoc(pageDoc(html), ctx)
    expect(doc.paragraphs?.length).toBeGreaterThan(5)
    for (const p of doc.paragraphs ?? []) {
      const first = auditWords(p.text)[0] ?? ''
      expect(linesOf(html, p.line_start, p.line_end), p.text).toContain(first)
    }
  })

  test('a charset is read from a BOM, <meta charset> or http-equiv, within the first 1024 bytes or later', () => {
    const bytes = (s: string) => new TextEncoder().encode(s)
    expect(declaredCharset(bytes('<meta charset="ISO-8859-1"><p>x'))).toBe('iso-8859-1')
    expect(declaredCharset(bytes("<meta http-equiv='content-type' content='text/html; charset=Shift_JIS'>"))).toBe(
      'shift_jis',
    )
    expect(declaredCharset(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c]))).toBe('utf-8')
    expect(declaredCharset(bytes(`<script charset="utf-8"></script>${' '.repeat(1100)}<meta charset="koi8-r">`))).toBe(
      'koi8-r',
    )
    expect(declaredCharset(bytes(`<meta charset="koi8-r">${' '.repeat(1100)}<meta charset="utf-8">`))).toBe('koi8-r')
    expect(declaredCharset(bytes('<p>no declaration</p>'))).toBeNull()
  })

  test("a charset declared after an archive's toolbar scripts decodes the page, as a browser reads it again", () => {
    const gbk = Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4]) // 中文 in GB2312
    const enc = (s: string) => [...new TextEncoder().encode(s)]
    const page = Uint8Array.from([
      ...enc(
        `<html><head><script src="/_static/toolbar.js" charset="utf-8"></script>${'<!-- toolbar -->'.repeat(80)}<meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><h1>`,
      ),
      ...gbk,
      ...enc('</h1></body></html>'),
    ])
    const doc = pageDoc(page)
    expect(doc.raw).toContain('中文')
    expect(doc.messages).toEqual([])
  })

  test("Readability weighs a hidden element down, but not a field whose label a CMS hides (Drupal's `field--label-hidden`)", () => {
    const { document } = parseHTML(
      '<html><body><div id="a" class="field field--label-hidden"></div><div id="b" class="hidden"></div><div id="c" class="note is-hidden"></div></body></html>',
    )
    const reader = newReader(document as never) as unknown as { _getClassWeight: (el: unknown) => number }
    expect(reader._getClassWeight(document.getElementById('a'))).toBe(0)
    expect(reader._getClassWeight(document.getElementById('b'))).toBe(-25)
    expect(reader._getClassWeight(document.getElementById('c'))).toBe(-25)
  })

  test("Readability's DOM is built from the parsed page as parsing its HTML again would build it: attributes in order, lists, booleans, SVG, templates", () => {
    const fixtures = readdirSync(new URL('./fixtures/page/', import.meta.url)).map((name) =>
      readFileSync(new URL(`./fixtures/page/${name}/input.html`, import.meta.url), 'utf8'),
    )
    const made =
      '<!doctype html><html lang="de"><head><title>T</title></head><body><!-- note --><img data-b="2.jpg" alt="a" data-a="1.jpg" srcset="a.jpg 1x, b.jpg 2x"><input type="checkbox" checked hidden><svg viewBox="0 0 1 1"><circle cx="1"/></svg><template><p>inside</p></template><p class="x  y" data-pn="3">a &amp; b &lt;c&gt;</p><script>if (a < b) x()</script></body></html>'
    for (const html of [made, ...fixtures]) {
      const tree = fromHtml(html)
      const built = documentOf(tree) as { documentElement: { outerHTML: string } }
      expect(built.documentElement.outerHTML).toBe(parseHTML(toHtml(tree)).document.documentElement.outerHTML)
    }
  })

  test('a page that declares no charset and is not UTF-8 is read as windows-1252, with a warning; an unknown charset is warned of', () => {
    const latin = Uint8Array.from([
      ...new TextEncoder().encode('<html><body><h1>Caf'),
      0xe9,
      ...new TextEncoder().encode('</h1></body></html>'),
    ])
    const doc = pageDoc(latin)
    expect(doc.raw).toContain('Café')
    expect(doc.messages.map((m) => m.rule)).toEqual(['read-encoding'])
    const unknown = pageDoc('<meta charset="x-no-such-charset"><p>text</p>')
    expect(unknown.messages[0]?.reason).toMatch(/declares the charset "x-no-such-charset", which is not known/)
  })

  test('no script of a page is ever run, and nothing is fetched', () => {
    const g = globalThis as { pageScriptRan?: boolean }
    const html = `<html><head><script>globalThis.pageScriptRan = true</script></head><body><article><h1>Title</h1>${'<p>Words of the article stand here in a sentence that goes on for a while.</p>'.repeat(4)}<img src="http://127.0.0.1:9/x.png" onerror="globalThis.pageScriptRan = true"><script>globalThis.pageScriptRan = true</script></article></body></html>`
    const doc = processDoc(pageDoc(html), ctx)
    expect(doc.failed).toBe(false)
    expect(g.pageScriptRan).toBeUndefined()
  })

  test('explain and split speak of the page: its lines, each region left out with its element path', () => {
    const file = new URL('./fixtures/page/meta-tags-only/input.html', import.meta.url).pathname
    const explained = run('explain', file)
    expect(explained.status, explained.stderr).toBe(0)
    expect(explained.stdout).toMatch(
      /^\s+14\s+remove\s+page-outside-article\s+Home \| News \| Sport \| Sign in\s+\[body > div\.top-bar\]$/mu,
    )
    expect(explained.stdout).toMatch(/^\s+16\s+header\s+header-title\s+/mu)
    const split = run('split', file)
    expect(
      split.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { line_start: number }).line_start),
    ).toEqual([18, 19, 20])
  })

  test('the catalogue wins over the markup, and a disagreement names both', () => {
    const html = readFileSync(new URL('./fixtures/page/json-ld-only/input.html', import.meta.url))
    const catalog = new Map([
      [
        'page.html',
        {
          file: 'page.html',
          author: 'Anna Lind',
          published: '2023-09-15',
          outlet: 'Harvest Weekly',
          url: null,
          language: null,
          licence: null,
        },
      ],
    ])
    const doc = processDoc(pageDoc(html), newContext({ catalog }))
    expect(doc.document).toMatchObject({
      authors: ['Anna Lind'],
      authors_source: 'catalog',
      published: '2023-09-15',
      published_source: 'catalog',
      outlet: 'Harvest Weekly',
      outlet_source: 'catalog',
    })
    expect(doc.messages.map((m) => m.reason)).toEqual([
      'The catalogue gives authors ["Anna Lind"], the json-ld ["Tomas Berg","Anna Lind"]; using the catalogue',
      'The catalogue gives published "2023-09-15", the json-ld "2023-09-14"; using the catalogue',
    ])
  })

  test('a markup date after the release date is null, with a warning, and the text is not asked instead', () => {
    const html = readFileSync(new URL('./fixtures/page/json-ld-only/input.html', import.meta.url))
    const doc = processDoc(pageDoc(html), newContext({ today: '2023-01-01' }))
    expect(doc.document?.published).toBeNull()
    expect(doc.messages.map((m) => m.rule)).toContain('page-date')
  })

  test('the lead between the headline and the article the extractor found opens the body, once; a byline there is no lead', () => {
    const para = (i: number) =>
      `<p>The council met for the ${i}th time on Tuesday, and the mayor spoke about the river wall for an hour before the vote, which passed by seven votes to two after a long debate about the cost.</p>`
    const story = [1, 2, 3, 4, 5, 6].map(para).join('')
    const build = (lead: string) =>
      processDoc(
        pageDoc(
          `<!doctype html><html lang="en"><head><title>The river wall</title></head><body><div class="top"><h1>The river wall</h1>${lead}<ul class="info"><li>By Jane Doe</li><li>4 May 2022</li></ul></div><div class="main"><div class="story">${story}</div></div></body></html>`,
        ),
        newContext(),
      ).document?.text ?? ''
    const standfirst = 'A standfirst of the story that tells in one sentence what the council decided on Tuesday night.'
    expect(build(`<h2>${standfirst}</h2>`).startsWith(`${standfirst}\n\nThe council met for the 1th time`)).toBe(true)
    // A summary the article repeats as its first paragraph stands once.
    const repeated = build(`<p>${para(1).replace(/<\/?p>/g, '')}</p>`)
    expect(repeated.split('The council met for the 1th time').length).toBe(2)
    expect(
      build('<p>By Jane Doe and John Roe, staff writers of the paper who cover the council and the town hall.</p>'),
    ).not.toContain('staff writers')
  })

  test('text files pass the page stage untouched', () => {
    const doc = decodeDoc(new TextEncoder().encode('Title\n\n<p>Not a page.</p>\n'), 'raw/a.txt')
    expect(page(doc, ctx)).toBe(doc)
  })
})

describe('bad pages: one clear message each, left out, the rest built', () => {
  const article = (title: string) =>
    `<!doctype html><html><body><article><h1>${title}</h1>${`<p>The article ${title} has a paragraph of ordinary words that say something about the day and end in a full stop.</p>`.repeat(3)}</article></body></html>`
  const files: Record<string, string | Buffer> = {
    'good.html': article('A good page'),
    'text.txt':
      'Another article\n\nBy Jane Doe\nMay 1, 2024\n\nIts body is text, one paragraph of it, with a full stop at the end.\n',
    'plain.html': 'This is plain text saved under an .html name, with no markup at all.\n',
    'empty.html': '',
    'blank.html': '<!doctype html><html><head><title>Nothing</title></head><body>   </body></html>',
    'scripted.html':
      '<!doctype html><html><head><title>App</title></head><body><div id="root"></div><script src="app.js"></script></body></html>',
    'menu.html': '<!doctype html><html><body><nav><a href="/">Home</a> <a href="/a">About</a></nav></body></html>',
    'deep.html': `<!doctype html><html><body>${'<div>'.repeat(400)}<p>deep words here</p></body></html>`,
    'same.html': article('Same id as a text file'),
    'same.txt': 'Same id\n\nThe text file of the same name, which comes second by name, with a full stop.\n',
  }

  test('each is named with its rule and listed in rejects.jsonl', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pages-'))
    const raw = join(dir, 'raw')
    mkdirSync(raw)
    for (const [name, content] of Object.entries(files)) writeFileSync(join(raw, name), content)
    const out = join(dir, 'dist')
    const { status, stderr } = run('build', '--raw', raw, '--out', out)
    expect(status).toBe(1)
    expect(stderr).not.toMatch(/\n\s+at /)
    const rejects = readFileSync(join(out, 'rejects.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { source_path: string; rule: string })
    expect(rejects.map((r) => [r.source_path, r.rule])).toEqual([
      ['raw/blank.html', 'page-empty'],
      ['raw/deep.html', 'too-deep'],
      ['raw/empty.html', 'read-empty'],
      ['raw/menu.html', 'page-no-article'],
      ['raw/plain.html', 'page-not-html'],
      ['raw/same.txt', 'doc-id-conflict'],
      ['raw/scripted.html', 'page-script-only'],
    ])
    expect(stderr).toContain(
      'raw/same.txt: Same document id "same" as raw/same.html, left out; rename one of them [doc-id-conflict]',
    )
    expect(stderr).toContain('raw/plain.html:1: No HTML markup, expected a saved web page')
    const ids = readFileSync(join(out, 'documents.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { doc_id: string }).doc_id)
    expect(ids).toEqual(['good', 'same', 'text'])
  })
})

/** The words a browser shows of a page: text outside head, script, style, noscript and template. */
function shownWords(html: string): string[] {
  const tree = fromHtml(html)
  const body = tree.children.find((c) => c.type === 'element' && c.tagName === 'html')
  const out: string[] = []
  const walk = (node: { type: string; tagName?: string; children?: unknown[]; value?: string }) => {
    if (node.type === 'text') out.push(node.value ?? '')
    if (node.type === 'element' && ['head', 'script', 'style', 'noscript', 'template'].includes(node.tagName ?? ''))
      return
    for (const child of (node.children ?? []) as (typeof node)[]) walk(child)
  }
  if (body !== undefined) walk(body as never)
  return auditWords(out.join(' '))
}

describe('conservation on generated pages', () => {
  const word = fc.constantFrom(
    'river',
    'council',
    'market',
    'Tuesday',
    'bridge',
    'school',
    'report',
    'winter',
    'police',
    'harbour',
    'Maria',
    'seven',
    '2024',
    'budget',
    'train',
  )
  const sentence = fc.array(word, { minLength: 6, maxLength: 18 }).map((w) => `${w.join(' ')}.`)
  const block = fc.oneof(
    sentence.map((s) => `<p>${s}</p>`),
    sentence.map((s) => `<p><em>${s}</em> ${s}</p>`),
    fc
      .array(word, { minLength: 2, maxLength: 4 })
      .map((w) => `<nav>${w.map((x) => `<a href="/${x}">${x}</a>`).join(' ')}</nav>`),
    fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => `<ul>${s.map((x) => `<li>${x}</li>`).join('')}</ul>`),
    sentence.map((s) => `<blockquote><p>${s}</p></blockquote>`),
    sentence.map((s) => `<figure><img src="a.jpg"><figcaption>${s}</figcaption></figure>`),
    fc
      .array(word, { minLength: 2, maxLength: 6 })
      .map((w) => `<table><tr>${w.map((x) => `<td>${x}</td>`).join('')}</tr></table>`),
    sentence.map((s) => `<aside><h3>Related</h3><p>${s}</p></aside>`),
    sentence.map((s) => `<div class="wrap"><div><p>${s}</p></div></div>`),
    sentence.map((s) => `<footer><p>${s}</p></footer>`),
    fc.constant('<script>var x = "not shown";</script><style>p { color: red }</style>'),
  )

  test('every word the page shows is in the body, the header or a change row', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 3, maxLength: 25 }), sentence, (blocks, title) => {
        const article = `${'<p>The opening paragraph of the article has twenty words or more in it so that an extractor takes it for text.</p>'}`
        const html = `<!doctype html>\n<html><head><title>t</title></head><body>\n<h1>${title}</h1>\n${article}\n${blocks.join('\n')}\n</body></html>`
        const doc = processDoc(pageDoc(html), ctx)
        if (doc.failed) return
        const placed = new Map<string, number>()
        const add = (text: string) => {
          for (const w of auditWords(text)) placed.set(w, (placed.get(w) ?? 0) + 1)
        }
        for (const p of doc.paragraphs ?? []) add(p.text)
        for (const c of doc.changeRows ?? []) if (c.action === 'remove' || c.action === 'header') add(c.before)
        for (const w of shownWords(html)) {
          const left = placed.get(w) ?? 0
          expect(left, `${w} of ${html}`).toBeGreaterThan(0)
          placed.set(w, left - 1)
        }
      }),
      { numRuns: 150, seed: 22 },
    )
  })

  test('textOf reads the text of nested elements in order', () => {
    expect(textOf(fromHtml('<p>a <b>b <i>c</i></b> d</p>', { fragment: true }))).toBe('a b c d')
  })
})
