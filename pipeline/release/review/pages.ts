// The review site's pages as hast trees (hastscript), serialised by hast-util-to-html: every text and
// attribute is escaped by construction. The style sheet and the scripts are files of their own beside them.
import type { Element, ElementContent, Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import type {
  ChangeRow,
  Document,
  Entity,
  MessageRow,
  NumberMention,
  Paragraph,
  Quote,
  Reuse,
} from '../../../schemas/index.ts'
import { barChart } from './charts.ts'

/** Rows of the index table a page of it shows at once. */
export const INDEX_PAGE_ROWS = 50

export const pageFile = (docId: string) => `articles/${encodeURIComponent(docId)}.html`
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

/** A page of the site: landmarks, a skip link, the site's style sheet and its script; nothing is fetched from anywhere else. */
function page(title: string, depth: number, body: ElementContent[], script?: string): string {
  const up = '../'.repeat(depth)
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', title),
          h('link', { rel: 'icon', href: 'data:,' }),
          h('link', { rel: 'stylesheet', href: `${up}style.css` }),
        ]),
        h('body', [
          h('a', { className: ['skip'], href: '#main' }, 'Skip to content'),
          h('header', { className: ['site'] }, [
            h('nav', { ariaLabel: 'Site' }, [
              h('a', { href: `${up}index.html` }, 'Review of the release'),
              ' · ',
              h('a', { href: `${up}figures.html` }, 'Figures by outlet'),
            ]),
          ]),
          h('main', { id: 'main' }, body),
          ...(script === undefined ? [] : [h('script', { src: `${up}${script}` })]),
        ]),
      ]),
    ],
  }
  return `${toHtml(tree)}\n`
}

/** An address a reader may follow from the review: the web's and mail's, never a script. */
const SAFE_URL = /^(?:https?:|mailto:)/i

/** A span of a paragraph to mark: a quote, an entity or a number, with what it is. */
export interface Mark {
  start: number
  end: number
  kind: 'q' | 'e' | 'n'
  title: string
}

/**
 * One paragraph's text with its quotes, entities and numbers marked, each kind with its own class (their
 * offsets count code points of the document's text), and its emphasis and links as the article had them
 * (their offsets count code points of the paragraph). The element's text stays exactly the paragraph's.
 */
function marked(p: Paragraph, spans: readonly Mark[]): ElementContent[] {
  const chars = Array.from(p.text)
  const cuts = new Set([0, chars.length])
  const local = spans
    .map((s) => ({
      ...s,
      start: Math.max(0, s.start - p.char_start),
      end: Math.min(chars.length, s.end - p.char_start),
    }))
    .filter((s) => s.end > s.start)
  const styled = [
    ...p.emphasis.map((e) => ({ start: e.start, end: e.end, tag: e.style === 'strong' ? 'strong' : 'em', href: null })),
    ...p.links.map((l) => ({ start: l.start, end: l.end, tag: 'a', href: l.url })),
  ].filter((s) => s.end > s.start)
  for (const s of [...local, ...styled]) cuts.add(Math.min(chars.length, s.start)).add(Math.min(chars.length, s.end))
  const points = [...cuts].sort((a, b) => a - b)
  const out: ElementContent[] = []
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [a, b] = [points[i] ?? 0, points[i + 1] ?? 0]
    let node: ElementContent = { type: 'text', value: chars.slice(a, b).join('') }
    const over = local.filter((s) => s.start <= a && s.end >= b)
    if (over.length > 0) {
      const classes = [...new Set(over.map((s) => s.kind))].sort()
      node = h('span', { className: classes, title: over.map((s) => s.title).join('; ') }, node)
    }
    for (const s of styled.filter((x) => x.start <= a && x.end >= b)) {
      if (s.tag !== 'a') node = h(s.tag, [node])
      else if (s.href !== null && SAFE_URL.test(s.href))
        node = h('a', { href: s.href, rel: ['nofollow', 'noreferrer'] }, node)
      else node = h('span', { className: ['link'], title: s.href ?? '' }, node)
    }
    out.push(node)
  }
  return out
}

/** An article's rows, as the article page shows them. */
export interface ArticleRows {
  paragraphs: Paragraph[]
  changes: ChangeRow[]
  quotes: Quote[]
  entities: Entity[]
  numbers: NumberMention[]
  messages: MessageRow[]
  /** The file lines of an article of an export (from its first change or paragraph to its last); null for a document that is the whole file. */
  span: [number, number] | null
}

/** Adds a value to the list a map keeps under `key`, in place (a copy each time would cost the square of the list). */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

/** The fields only an export states (section, edition, page, stated length, the database's id, the copyright), those it gives. */
function exportFields(doc: Document): [string, ElementContent[]][] {
  const fields: [string, string | null][] = [
    ['Section', doc.section],
    ['Edition', doc.edition],
    ['Page', doc.page],
    ['Stated length', doc.stated_length === null ? null : `${doc.stated_length} words (counted: ${doc.n_words})`],
    ['Database id', doc.database_id],
    ['Rights', doc.licence],
  ]
  return fields.filter((f): f is [string, string] => f[1] !== null).map(([k, v]) => [k, [{ type: 'text', value: v }]])
}

/** The article page of one document: its raw lines beside the result, every change labelled. */
export function articlePage(
  doc: Document,
  raw: string[] | null,
  rows: ArticleRows,
  reuse: ReadonlyMap<string, Reuse[]>,
  titles: ReadonlyMap<string, string>,
  reasons: ReadonlyMap<string, string>,
): string {
  const byLine = new Map<number, ChangeRow[]>()
  for (const c of rows.changes) push(byLine, c.line_start, c)
  // A line a whole-line removal took is struck through where it stands, beside its removal: each removal marks where its
  // lines start and end, and one pass adds the marks up, however long or many the removals.
  const depth = new Int32Array((raw?.length ?? 0) + 2)
  for (const c of rows.changes) {
    if (c.action !== 'remove' || c.rule === 'markdown-syntax' || c.line_start >= depth.length - 1) continue
    depth[c.line_start] = (depth[c.line_start] ?? 0) + 1
    const after = Math.min(c.line_end + 1, depth.length - 1)
    depth[after] = (depth[after] ?? 0) - 1
  }
  for (let l = 1; l < depth.length; l += 1) depth[l] = (depth[l] ?? 0) + (depth[l - 1] ?? 0)
  const struck = (line: number) => (depth[line] ?? 0) > 0
  const field = (c: ChangeRow): ElementContent[] => {
    if (c.rule === 'export-header')
      return c.after === null
        ? []
        : [h('span', { className: ['field'] }, `a field the export states, read as ${c.after}`)]
    const name = c.rule.replace(/^header-/, '')
    const source =
      name === 'title'
        ? doc.title_source
        : name === 'byline'
          ? doc.authors_source
          : name === 'date'
            ? doc.published_source
            : 'header'
    const column = name === 'byline' ? 'authors' : name === 'date' ? 'published' : name
    return [
      h(
        'span',
        { className: ['field'] },
        `${name} read from this line (the document's ${column} come${name === 'byline' ? '' : 's'} from: ${source})`,
      ),
    ]
  }
  const notes = (line: number): ElementContent[] =>
    (byLine.get(line) ?? []).flatMap((c): ElementContent[] => {
      const why = reasons.get(c.rule) ?? ''
      if (c.action === 'remove')
        return [
          h('del', { className: ['removal'], dataRule: c.rule }, c.before),
          h(
            'span',
            { className: ['why'] },
            `removed, lines ${c.line_start}–${c.line_end}, by ${c.rule}: ${why}${c.evidence === null ? '' : ` [${c.evidence}]`}`,
          ),
        ]
      if (c.action === 'header') return field(c)
      if (c.action === 'join')
        return [h('span', { className: ['join'] }, `lines ${c.line_start}–${c.line_end} joined by ${c.rule}: ${why}`)]
      return [h('span', { className: ['field'] }, `normalised by ${c.rule}`)]
    })
  const lines = raw ?? []
  // An article of an export shows its own lines of the file; any other document, the whole file.
  const [first, last] = rows.span ?? [1, lines.length]
  const rawList = lines.slice(first - 1, last).map((text, k) => {
    const i = k + first
    return h('li', { id: `L${i}`, value: i, className: struck(i) ? ['removed-line'] : undefined }, [text, ...notes(i)])
  })
  // Changes whose lines the raw file no longer has (or a file that cannot be read) are listed after it.
  const orphans = [...byLine.keys()].filter((l) => l > lines.length).sort((a, b) => a - b)
  const spansOf = new Map<string, Mark[]>()
  for (const q of rows.quotes)
    push(spansOf, q.paragraph_id, {
      start: q.char_start,
      end: q.char_end,
      kind: 'q',
      title: `quote${q.speaker === null ? '' : `, said by ${q.speaker}`}`,
    })
  for (const e of rows.entities)
    push(spansOf, e.paragraph_id, { start: e.char_start, end: e.char_end, kind: 'e', title: e.type })
  for (const n of rows.numbers)
    push(spansOf, n.paragraph_id, {
      start: n.char_start,
      end: n.char_end,
      kind: 'n',
      title: `${n.value}${n.unit === null ? '' : ` ${n.unit}`}`,
    })
  const result = rows.paragraphs.flatMap((p) => {
    const shared = (reuse.get(p.paragraph_id) ?? []).flatMap((r) => {
      const other =
        r.paragraph_id_a === p.paragraph_id
          ? { doc: r.doc_id_b, para: r.paragraph_id_b }
          : { doc: r.doc_id_a, para: r.paragraph_id_a }
      return [
        ` · shares ${r.n_words} words with `,
        h('a', { href: `../${pageFile(other.doc)}#${other.para}` }, titles.get(other.doc) ?? other.doc),
      ]
    })
    return [
      h(
        p.kind === 'heading' ? 'h3' : 'p',
        { className: ['para'], id: p.paragraph_id },
        marked(p, spansOf.get(p.paragraph_id) ?? []),
      ),
      h('div', { className: ['para-meta'] }, [
        h('a', { href: `#L${p.line_start}` }, `raw lines ${p.line_start}–${p.line_end}`),
        ...shared,
      ]),
    ]
  })
  const removals = rows.changes.filter((c) => c.action === 'remove').length
  const joins = rows.changes.filter((c) => c.action === 'join').length
  const meta: [string, ElementContent[]][] = [
    ['File', [h('code', doc.source_path), ' (sha256 ', h('code', `${doc.source_sha256.slice(0, 12)}…`), ')']],
    ['Outlet', [`${doc.outlet ?? 'none'} (from: ${doc.outlet_source})`]],
    ['Published', [`${doc.published ?? 'none'} (from: ${doc.published_source})`]],
    ['Authors', [`${doc.authors.join(', ') || 'none'} (from: ${doc.authors_source})`]],
    ...exportFields(doc),
    ['Layout', [doc.layout]],
    [
      'Counts',
      [
        `${count(doc.n_paragraphs, 'paragraph')}, ${count(doc.n_words, 'word')}, ${count(removals, 'removal')}, ${count(joins, 'join')}`,
      ],
    ],
  ].map(([k, v]) => [
    k as string,
    (v as (string | Element)[]).map((x) => (typeof x === 'string' ? { type: 'text' as const, value: x } : x)),
  ])
  const warnings =
    rows.messages.length === 0
      ? []
      : [
          h('h2', 'Warnings'),
          h(
            'ul',
            { className: ['warnings'] },
            rows.messages.map((m) =>
              h('li', [
                ...(m.line === null ? [] : [h('a', { href: `#L${m.line}` }, `line ${m.line}`), ': ']),
                `${m.reason} [${m.rule}]`,
              ]),
            ),
          ),
        ]
  const box = (kind: string, label: string) =>
    h('label', [h('input', { type: 'checkbox', dataKind: kind, checked: true }), ` ${label}`])
  const body: ElementContent[] = [
    h('h1', doc.title),
    h(
      'dl',
      meta.flatMap(([k, v]) => [h('dt', k), h('dd', v)]),
    ),
    ...warnings,
    h('fieldset', [
      h('legend', 'Highlight annotations'),
      box('q', 'quotes'),
      box('e', 'entities (underlined)'),
      box('n', 'numbers (boxed)'),
    ]),
    h('div', { className: ['columns'] }, [
      h('section', { ariaLabelledBy: 'raw-h' }, [
        h('h2', { id: 'raw-h' }, 'The raw file, line by line'),
        h(
          'p',
          'Removed text is struck through and labelled with its rule; header lines name the field they filled; joined breaks are marked.',
        ),
        h('ol', { className: ['raw'] }, rawList),
        ...orphans.map((l) => h('p', [`Line ${l}: `, ...notes(l)])),
      ]),
      h('section', { ariaLabelledBy: 'result-h', id: 'result' }, [
        h('h2', { id: 'result-h' }, 'The article as the release has it'),
        ...result,
      ]),
    ]),
  ]
  return page(doc.title, 1, body, 'article.js')
}

/** What the index shows of one article. */
export interface IndexRow {
  id: string
  title: string
  outlet: string
  date: string
  authors: string
  paragraphs: number
  words: number
  removals: number
  layout: string
}

/** Counts by key, most first, then by key. */
export function ranked(counts: ReadonlyMap<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
}

/** Counts of a list of keys, most first, then by key. */
function tally(keys: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  return ranked(counts)
}

/** How many bars each chart of the index shows: the most frequent outlets and rules, the latest months. */
const CHART_BARS = { outlets: 20, months: 24, removals: 20, joins: 10, warnings: 10 } as const

/** The index: the corpus at a glance (charts drawn at build time) and a table of every article that sorts, filters and pages in the browser. */
export function indexPage(
  rows: readonly IndexRow[],
  rules: readonly [string, number][],
  joins: readonly [string, number][],
  rejects: number,
  warnings: readonly [string, number][],
): string {
  const total = (list: readonly [string, number][]) => list.reduce((n, [, c]) => n + c, 0)
  const figure = (key: string, n: number) => h('span', { dataCount: key }, String(n))
  const summary = h('ul', { id: 'summary' }, [
    h('li', [figure('articles', rows.length), ' articles']),
    h('li', [
      figure(
        'paragraphs',
        rows.reduce((n, r) => n + r.paragraphs, 0),
      ),
      ' paragraphs and headings, ',
      figure(
        'words',
        rows.reduce((n, r) => n + r.words, 0),
      ),
      ' words',
    ]),
    h('li', [
      figure(
        'removals',
        rows.reduce((n, r) => n + r.removals, 0),
      ),
      ' removals and ',
      figure('joins', total(joins)),
      ' joins',
    ]),
    h('li', [figure('warnings', total(warnings)), ' warnings (listed in ', h('code', 'messages.jsonl'), ')']),
    h('li', [figure('rejects', rejects), ' inputs left out (listed in ', h('code', 'rejects.jsonl'), ')']),
  ])
  const months = tally(rows.map((r) => r.date.slice(0, 7) || 'no date')).sort((a, b) => (a[0] < b[0] ? -1 : 1))
  const charts = h('div', { className: ['charts'] }, [
    barChart('Articles per outlet', tally(rows.map((r) => r.outlet)).slice(0, CHART_BARS.outlets)),
    barChart('Articles per month', months.slice(-CHART_BARS.months)),
    barChart('Removals by rule', rules.slice(0, CHART_BARS.removals)),
    barChart('Joins by rule', joins.slice(0, CHART_BARS.joins)),
    barChart('Warnings by rule', warnings.slice(0, CHART_BARS.warnings)),
  ])
  const columns = ['title', 'outlet', 'date', 'authors', 'paragraphs', 'words', 'removals', 'layout']
  const table = [
    h('h2', { id: 'articles-h' }, 'Articles'),
    h('p', [
      h('label', { for: 'filter' }, 'Filter by any column '),
      h('input', { id: 'filter', type: 'search', placeholder: 'outlet, title, author…' }),
      ' ',
      h('span', { id: 'shown', ariaLive: 'polite' }),
    ]),
    h('div', { className: ['table-wrap'] }, [
      h('table', { ariaLabelledBy: 'articles-h' }, [
        h('thead', [
          h(
            'tr',
            columns.map((k) => h('th', { scope: 'col' }, [h('button', { type: 'button', dataSort: k }, k)])),
          ),
        ]),
        h('tbody', { id: 'rows', dataPageSize: INDEX_PAGE_ROWS }),
      ]),
    ]),
    h('nav', { ariaLabel: 'Pages of the table' }, [
      h('button', { type: 'button', id: 'prev' }, 'Previous'),
      ' ',
      h('span', { id: 'page' }),
      ' ',
      h('button', { type: 'button', id: 'next' }, 'Next'),
    ]),
    // The rows as data for the table's script; `<` written as an escape, so no row can close the element.
    h('script', { type: 'application/json', id: 'data' }, JSON.stringify(rows).replace(/</g, '\\u003c')),
  ]
  return page('Review of the release', 0, [h('h1', 'Review of the release'), summary, charts, ...table], 'table.js')
}

/** One figure a numbers row reports, with where it stands. */
export interface Mention {
  unit: string
  value: number
  text: string
  doc: string
  paragraph: string
  outlet: string
  date: string
  title: string
}

/** The outlets side by side: every figure of the units the figures page shows, by unit, with who reported it and when. */
export function figuresPage(mentions: readonly Mention[]): string {
  const units = [...new Set(mentions.map((m) => m.unit))].sort()
  const order = (a: Mention, b: Mention) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.outlet < b.outlet ? -1 : a.outlet > b.outlet ? 1 : a.value - b.value
  const sections = units.flatMap((unit) => [
    h('h2', { id: `unit-${unit.replace(/\W+/g, '-')}` }, unit),
    h('div', { className: ['table-wrap'] }, [
      h('table', [
        h('thead', [
          h(
            'tr',
            ['date', 'outlet', 'figure', 'as written', 'article'].map((k) => h('th', { scope: 'col' }, k)),
          ),
        ]),
        h(
          'tbody',
          mentions
            .filter((m) => m.unit === unit)
            .sort(order)
            .map((m) =>
              h('tr', [
                h('td', m.date || 'no date'),
                h('td', m.outlet),
                h('td', m.value.toLocaleString('en')),
                h('td', m.text),
                h('td', [h('a', { href: `${pageFile(m.doc)}#${m.paragraph}` }, m.title)]),
              ]),
            ),
        ),
      ]),
    ]),
  ])
  return page('Figures by outlet', 0, [
    h('h1', 'Figures by outlet'),
    h('p', [
      'Every casualty figure in the ',
      h('code', 'numbers'),
      ` table (${count(mentions.length, 'mention')}), by what it counts: who reported what, and when.`,
    ]),
    ...(sections.length > 0 ? sections : [h('p', 'No casualty figures.')]),
  ])
}
