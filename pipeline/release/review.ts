import { existsSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type {
  ChangeRow,
  Document,
  Entity,
  MessageRow,
  NumberMention,
  Paragraph,
  Quote,
  Reuse,
} from '../../schemas/index.ts'
import { makeFolder } from '../write/folders.ts'
import { LineReader } from '../write/jsonl.ts'
import { ruleList } from './dictionary.ts'
import { decodeDocx, docIdOf, inputExtension } from '../stages/read.ts'

// The review site: a static, self-contained site of a built release (its tables and the raw files they
// name), for seeing what the cleaning did. It reads the JSON Lines tables one document at a time and
// writes a page per article as it goes; only the index's rows and the reuse pairs are held whole.

/** Rows of the index table a page of it shows at once. */
const INDEX_PAGE_ROWS = 50
/** Units of the numbers table that count casualties: the figures the outlets page compares. */
const CASUALTY_UNITS =
  /^(?:people|persons|dead|deaths|killed|lives|victims|injured|wounded|hostages|bodies|children|casualties)\b/i

/** A table of the release read one row at a time (none, for a file an older release lacks). */
function rowsOf<T>(file: string): LineReader<T> {
  return new LineReader<T>(existsSync(file) ? file : '/dev/null')
}

/** Adds a value to the list a map keeps under `key`, in place (a copy each time would cost the square of the list). */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const pageFile = (docId: string) => `articles/${encodeURIComponent(docId)}.html`
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

const STYLE = `:root{--fg:#1b1b1b;--muted:#555;--line:#ccc;--removed:#8a1c1c;--header:#1c4f8a;--join:#6b4a00}
*{box-sizing:border-box}body{font:1rem/1.5 system-ui,sans-serif;color:var(--fg);margin:0;padding:0 1rem 2rem;max-width:84rem;margin-inline:auto}
a{color:#0b57a4}a:focus,button:focus,input:focus{outline:3px solid #f5a623;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
header.site{border-bottom:1px solid var(--line);padding:.5rem 0;margin-bottom:1rem}
table{border-collapse:collapse;width:100%}.table-wrap{overflow-x:auto}th,td{border-bottom:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;text-decoration:underline dotted}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}.charts figure{margin:0}
.columns{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}@media (max-width:60rem){.columns{grid-template-columns:1fr}}
ol.raw{font:.85rem/1.45 ui-monospace,monospace;padding-left:4.5em;white-space:pre-wrap;word-break:break-word}
ol.raw li.removed-line{text-decoration:line-through;color:var(--muted)}
del.removal{display:block;color:var(--removed);text-decoration:line-through}
.why{display:block;font:italic .8rem/1.3 system-ui,sans-serif;color:var(--removed)}.why::before{content:"✂ "}
.field{display:block;font:italic .8rem/1.3 system-ui,sans-serif;color:var(--header)}.field::before{content:"▤ "}
.join{display:block;font:italic .8rem/1.3 system-ui,sans-serif;color:var(--join)}.join::before{content:"⏎ "}
.para-meta{font-size:.8rem;color:var(--muted);margin:-.6rem 0 .9rem}
.q{background:#fff1b8;font-style:italic}.e{text-decoration:underline dotted 2px}.n{outline:1px solid #2b7a3d;outline-offset:1px}
.hide-q .q{background:none;font-style:inherit}.hide-e .e{text-decoration:none}.hide-n .n{outline:none}
fieldset{border:1px solid var(--line);margin:0 0 1rem}`

/** A page of the site: landmarks, a skip link, the site's style sheet; nothing is fetched from anywhere else. */
function page(title: string, depth: number, body: string, script = ''): string {
  const up = '../'.repeat(depth)
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${up}style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><nav aria-label="Site"><a href="${up}index.html">Review of the release</a> · <a href="${up}figures.html">Figures by outlet</a></nav></header>
<main id="main">
${body}
</main>
${script === '' ? '' : `<script>${script}</script>\n`}</body>
</html>
`
}

/** A horizontal bar chart as SVG, drawn at build time (deterministic bytes), with its numbers as text. */
function barChart(title: string, rows: readonly [string, number][]): string {
  const max = Math.max(1, ...rows.map(([, n]) => n))
  const bar = 22
  const height = rows.length * bar + 8
  const bars = rows
    .map(([label, n], i) => {
      const y = i * bar + 4
      const w = Math.round((n / max) * 180)
      return `<text x="0" y="${y + 15}" font-size="12">${esc(label.length > 28 ? `${label.slice(0, 27)}…` : label)}</text><rect x="190" y="${y + 3}" width="${w}" height="${bar - 8}" fill="#4a6fa5"><title>${esc(label)}: ${n}</title></rect><text x="${196 + w}" y="${y + 15}" font-size="12">${n}</text>`
    })
    .join('')
  return `<figure><figcaption><strong>${esc(title)}</strong></figcaption><svg role="img" aria-label="${esc(title)}" viewBox="0 0 420 ${height}" width="100%" xmlns="http://www.w3.org/2000/svg">${bars}</svg></figure>`
}

/** Counts by key, most first, then by key. */
function ranked(counts: ReadonlyMap<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
}

/** Counts of a list of keys, most first, then by key. */
function tally(keys: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  return ranked(counts)
}

/** An address a reader may follow from the review: the web's and mail's, never a script. */
const SAFE_URL = /^(?:https?:|mailto:)/i

/**
 * One paragraph's text with its quotes, entities and numbers marked, each kind with its own class (their
 * offsets count code points of the document's text), and its emphasis and links as the article had them
 * (their offsets count code points of the paragraph). The element's text stays exactly the paragraph's.
 */
function marked(
  p: Paragraph,
  spans: readonly { start: number; end: number; kind: 'q' | 'e' | 'n'; title: string }[],
): string {
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
  let out = ''
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [a, b] = [points[i] ?? 0, points[i + 1] ?? 0]
    let text = esc(chars.slice(a, b).join(''))
    const over = local.filter((s) => s.start <= a && s.end >= b)
    if (over.length > 0)
      text = `<span class="${[...new Set(over.map((s) => s.kind))].sort().join(' ')}" title="${esc(over.map((s) => s.title).join('; '))}">${text}</span>`
    for (const s of styled.filter((x) => x.start <= a && x.end >= b)) {
      if (s.tag !== 'a') text = `<${s.tag}>${text}</${s.tag}>`
      else
        text =
          s.href !== null && SAFE_URL.test(s.href)
            ? `<a href="${esc(s.href)}" rel="nofollow noreferrer">${text}</a>`
            : `<span class="link" title="${esc(s.href ?? '')}">${text}</span>`
    }
    out += text
  }
  return out
}

/** What the index shows of one article. */
interface IndexRow {
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

/** A raw file's lines as the pipeline numbered them (a Word file's text, line by line), or null when it cannot be read. */
async function rawLines(rawDir: string, sourcePath: string): Promise<string[] | null> {
  try {
    const bytes = await readFile(join(rawDir, sourcePath.replace(/^raw\//, '')))
    const text =
      inputExtension(sourcePath) === '.docx' ? (await decodeDocx(bytes, sourcePath)).raw : bytes.toString('utf8')
    return text.replace(/\r\n?/g, '\n').split('\n')
  } catch {
    return null
  }
}

/** The first and last file line an article's rows name. */
function spanOf(rows: { paragraphs: readonly Paragraph[]; changes: readonly ChangeRow[] }): [number, number] {
  let first = Number.POSITIVE_INFINITY
  let last = 0
  for (const r of [...rows.paragraphs, ...rows.changes]) {
    first = Math.min(first, r.line_start)
    last = Math.max(last, r.line_end)
  }
  return last === 0 ? [1, 0] : [first, last]
}

/** The fields only an export states (section, edition, page, stated length, the database's id, the copyright), those it gives. */
function exportFields(doc: Document): [string, string][] {
  const fields: [string, string | number | null][] = [
    ['Section', doc.section],
    ['Edition', doc.edition],
    ['Page', doc.page],
    ['Stated length', doc.stated_length === null ? null : `${doc.stated_length} words (counted: ${doc.n_words})`],
    ['Database id', doc.database_id],
    ['Rights', doc.licence],
  ]
  return fields.filter((f): f is [string, string | number] => f[1] !== null).map(([k, v]) => [k, esc(String(v))])
}

/** The article page of one document. */
function articlePage(
  doc: Document,
  raw: string[] | null,
  rows: {
    paragraphs: Paragraph[]
    changes: ChangeRow[]
    quotes: Quote[]
    entities: Entity[]
    numbers: NumberMention[]
    messages: MessageRow[]
  },
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
  const field = (c: ChangeRow) => {
    if (c.rule === 'export-header')
      return c.after === null ? '' : `<span class="field">a field the export states, read as ${esc(c.after)}</span>`
    const name = c.rule.replace(/^header-/, '')
    const source =
      name === 'title'
        ? doc.title_source
        : name === 'byline'
          ? doc.authors_source
          : name === 'date'
            ? doc.published_source
            : 'header'
    return `<span class="field">${esc(name)} read from this line (the document's ${esc(name === 'byline' ? 'authors' : name === 'date' ? 'published' : name)} come${name === 'byline' ? '' : 's'} from: ${esc(source)})</span>`
  }
  const notes = (line: number) =>
    (byLine.get(line) ?? [])
      .map((c) => {
        if (c.action === 'remove')
          return `<del class="removal" data-rule="${esc(c.rule)}">${esc(c.before)}</del><span class="why">removed, lines ${c.line_start}–${c.line_end}, by ${esc(c.rule)}: ${esc(reasons.get(c.rule) ?? '')}${c.evidence === null ? '' : ` [${esc(c.evidence)}]`}</span>`
        if (c.action === 'header') return field(c)
        if (c.action === 'join')
          return `<span class="join">lines ${c.line_start}–${c.line_end} joined by ${esc(c.rule)}: ${esc(reasons.get(c.rule) ?? '')}</span>`
        return `<span class="field">normalised by ${esc(c.rule)}</span>`
      })
      .join('')
  const lines = raw ?? []
  // An article of an export shows its own lines of the file: from its first change or paragraph to its last.
  const [first, last] = doc.doc_id === docIdOf(doc.source_path) ? [1, lines.length] : spanOf(rows)
  const rawList = lines
    .slice(first - 1, last)
    .map((text, k) => {
      const i = k + first - 1
      return `<li id="L${i + 1}" value="${i + 1}"${struck(i + 1) ? ' class="removed-line"' : ''}>${esc(text)}${notes(i + 1)}</li>`
    })
    .join('\n')
  // Changes whose lines the raw file no longer has (or a file that cannot be read) are listed after it.
  const orphans = [...byLine.keys()].filter((l) => l > lines.length).sort((a, b) => a - b)
  const spansOf = new Map<string, { start: number; end: number; kind: 'q' | 'e' | 'n'; title: string }[]>()
  const add = (pid: string, s: { start: number; end: number; kind: 'q' | 'e' | 'n'; title: string }) =>
    push(spansOf, pid, s)
  for (const q of rows.quotes)
    add(q.paragraph_id, {
      start: q.char_start,
      end: q.char_end,
      kind: 'q',
      title: `quote${q.speaker === null ? '' : `, said by ${q.speaker}`}`,
    })
  for (const e of rows.entities) add(e.paragraph_id, { start: e.char_start, end: e.char_end, kind: 'e', title: e.type })
  for (const n of rows.numbers)
    add(n.paragraph_id, {
      start: n.char_start,
      end: n.char_end,
      kind: 'n',
      title: `${n.value}${n.unit === null ? '' : ` ${n.unit}`}`,
    })
  const result = rows.paragraphs
    .map((p) => {
      const tag = p.kind === 'heading' ? 'h3' : 'p'
      const shared = (reuse.get(p.paragraph_id) ?? [])
        .map((r) => {
          const other =
            r.paragraph_id_a === p.paragraph_id
              ? { doc: r.doc_id_b, para: r.paragraph_id_b }
              : { doc: r.doc_id_a, para: r.paragraph_id_a }
          return ` · shares ${r.n_words} words with <a href="../${pageFile(other.doc)}#${esc(other.para)}">${esc(titles.get(other.doc) ?? other.doc)}</a>`
        })
        .join('')
      return `<${tag} class="para" id="${esc(p.paragraph_id)}">${marked(p, spansOf.get(p.paragraph_id) ?? [])}</${tag}>\n<div class="para-meta"><a href="#L${p.line_start}">raw lines ${p.line_start}–${p.line_end}</a>${shared}</div>`
    })
    .join('\n')
  const meta = [
    ['File', `<code>${esc(doc.source_path)}</code> (sha256 <code>${doc.source_sha256.slice(0, 12)}…</code>)`],
    ['Outlet', `${esc(doc.outlet ?? 'none')} (from: ${doc.outlet_source})`],
    ['Published', `${esc(doc.published ?? 'none')} (from: ${doc.published_source})`],
    ['Authors', `${esc(doc.authors.join(', ') || 'none')} (from: ${doc.authors_source})`],
    ...exportFields(doc),
    ['Layout', esc(doc.layout)],
    [
      'Counts',
      `${count(doc.n_paragraphs, 'paragraph')}, ${count(doc.n_words, 'word')}, ${count(rows.changes.filter((c) => c.action === 'remove').length, 'removal')}, ${count(rows.changes.filter((c) => c.action === 'join').length, 'join')}`,
    ],
  ]
  const warnings =
    rows.messages.length === 0
      ? ''
      : `<h2>Warnings</h2>\n<ul class="warnings">${rows.messages.map((m) => `<li>${m.line === null ? '' : `<a href="#L${m.line}">line ${m.line}</a>: `}${esc(m.reason)} [${esc(m.rule)}]</li>`).join('')}</ul>`
  const body = `<h1>${esc(doc.title)}</h1>
<dl>${meta.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
${warnings}
<fieldset><legend>Highlight annotations</legend>
<label><input type="checkbox" data-kind="q" checked> quotes</label>
<label><input type="checkbox" data-kind="e" checked> entities (underlined)</label>
<label><input type="checkbox" data-kind="n" checked> numbers (boxed)</label>
</fieldset>
<div class="columns">
<section aria-labelledby="raw-h"><h2 id="raw-h">The raw file, line by line</h2>
<p>Removed text is struck through and labelled with its rule; header lines name the field they filled; joined breaks are marked.</p>
<ol class="raw">
${rawList}
</ol>
${orphans.map((l) => `<p>Line ${l}: ${notes(l)}</p>`).join('\n')}
</section>
<section aria-labelledby="result-h" id="result"><h2 id="result-h">The article as the release has it</h2>
${result}
</section>
</div>`
  const script = `document.querySelectorAll('input[data-kind]').forEach(function (box) { box.addEventListener('change', function () { document.getElementById('result').classList.toggle('hide-' + box.dataset.kind, !box.checked) }) })`
  return page(doc.title, 1, body, script)
}

/** The index: the corpus at a glance (charts drawn at build time) and a table of every article that sorts, filters and pages in the browser. */
function indexPage(
  rows: readonly IndexRow[],
  rules: readonly [string, number][],
  joins: readonly [string, number][],
  rejects: number,
  warnings: readonly [string, number][],
): string {
  const words = rows.reduce((n, r) => n + r.words, 0)
  const paragraphs = rows.reduce((n, r) => n + r.paragraphs, 0)
  const removals = rows.reduce((n, r) => n + r.removals, 0)
  const summary = `<ul id="summary">
<li><span data-count="articles">${rows.length}</span> articles</li>
<li><span data-count="paragraphs">${paragraphs}</span> paragraphs and headings, <span data-count="words">${words}</span> words</li>
<li><span data-count="removals">${removals}</span> removals and <span data-count="joins">${joins.reduce((n, [, c]) => n + c, 0)}</span> joins</li>
<li><span data-count="warnings">${warnings.reduce((n, [, c]) => n + c, 0)}</span> warnings (listed in <code>messages.jsonl</code>)</li>
<li><span data-count="rejects">${rejects}</span> inputs left out (listed in <code>rejects.jsonl</code>)</li>
</ul>`
  const charts = `<div class="charts">
${barChart('Articles per outlet', tally(rows.map((r) => r.outlet)).slice(0, 20))}
${barChart(
  'Articles per month',
  tally(rows.map((r) => r.date.slice(0, 7) || 'no date'))
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .slice(-24),
)}
${barChart('Removals by rule', rules.slice(0, 20))}
${barChart('Joins by rule', joins.slice(0, 10))}
${barChart('Warnings by rule', warnings.slice(0, 10))}
</div>`
  const table = `<h2 id="articles-h">Articles</h2>
<p><label for="filter">Filter by any column </label><input id="filter" type="search" placeholder="outlet, title, author…"> <span id="shown" aria-live="polite"></span></p>
<div class="table-wrap"><table aria-labelledby="articles-h"><thead><tr>${['title', 'outlet', 'date', 'authors', 'paragraphs', 'words', 'removals', 'layout'].map((k) => `<th scope="col"><button type="button" data-sort="${k}">${k}</button></th>`).join('')}</tr></thead>
<tbody id="rows"></tbody></table></div>
<nav aria-label="Pages of the table"><button type="button" id="prev">Previous</button> <span id="page"></span> <button type="button" id="next">Next</button></nav>
<script type="application/json" id="data">${JSON.stringify(rows).replace(/</g, '\\u003c')}</script>`
  const script = `(function () {
var rows = JSON.parse(document.getElementById('data').textContent), shown = rows, key = 'title', dir = 1, at = 0, size = ${INDEX_PAGE_ROWS};
var esc = function (s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c] }) };
function draw() {
  var body = document.getElementById('rows'), page = shown.slice(at, at + size);
  body.innerHTML = page.map(function (r) { return '<tr><td><a href="articles/' + encodeURIComponent(r.id) + '.html">' + esc(r.title) + '</a></td><td>' + esc(r.outlet) + '</td><td>' + esc(r.date) + '</td><td>' + esc(r.authors) + '</td><td>' + r.paragraphs + '</td><td>' + r.words + '</td><td>' + r.removals + '</td><td>' + esc(r.layout) + '</td></tr>' }).join('');
  document.getElementById('shown').textContent = shown.length + ' of ' + rows.length + ' articles';
  document.getElementById('page').textContent = 'rows ' + (shown.length === 0 ? 0 : at + 1) + '–' + Math.min(at + size, shown.length);
  document.getElementById('prev').disabled = at === 0;
  document.getElementById('next').disabled = at + size >= shown.length;
}
function sort() { shown = shown.slice().sort(function (a, b) { return (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0) * dir }) }
document.getElementById('filter').addEventListener('input', function (e) {
  var q = e.target.value.toLowerCase();
  shown = rows.filter(function (r) { return [r.title, r.outlet, r.date, r.authors, r.layout].join(' ').toLowerCase().indexOf(q) !== -1 });
  sort(); at = 0; draw();
});
document.querySelectorAll('button[data-sort]').forEach(function (b) { b.addEventListener('click', function () { dir = key === b.dataset.sort ? -dir : 1; key = b.dataset.sort; sort(); at = 0; draw() }) });
document.getElementById('prev').addEventListener('click', function () { at = Math.max(0, at - size); draw() });
document.getElementById('next').addEventListener('click', function () { at = at + size; draw() });
sort(); draw();
})()`
  return page('Review of the release', 0, `<h1>Review of the release</h1>\n${summary}\n${charts}\n${table}`, script)
}

/** The outlets side by side: every casualty figure the numbers table holds, by unit, with who reported it and when. */
function figuresPage(
  mentions: readonly {
    unit: string
    value: number
    text: string
    doc: string
    paragraph: string
    outlet: string
    date: string
    title: string
  }[],
): string {
  const units = [...new Set(mentions.map((m) => m.unit))].sort()
  const sections = units
    .map((unit) => {
      const rows = mentions
        .filter((m) => m.unit === unit)
        .sort((a, b) =>
          a.date < b.date
            ? -1
            : a.date > b.date
              ? 1
              : a.outlet < b.outlet
                ? -1
                : a.outlet > b.outlet
                  ? 1
                  : a.value - b.value,
        )
      return `<h2 id="unit-${esc(unit.replace(/\W+/g, '-'))}">${esc(unit)}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">date</th><th scope="col">outlet</th><th scope="col">figure</th><th scope="col">as written</th><th scope="col">article</th></tr></thead><tbody>
${rows.map((m) => `<tr><td>${esc(m.date || 'no date')}</td><td>${esc(m.outlet)}</td><td>${m.value.toLocaleString('en')}</td><td>${esc(m.text)}</td><td><a href="${pageFile(m.doc)}#${esc(m.paragraph)}">${esc(m.title)}</a></td></tr>`).join('\n')}
</tbody></table></div>`
    })
    .join('\n')
  return page(
    'Figures by outlet',
    0,
    `<h1>Figures by outlet</h1>\n<p>Every casualty figure in the <code>numbers</code> table (${count(mentions.length, 'mention')}), by what it counts: who reported what, and when.</p>\n${sections || '<p>No casualty figures.</p>'}`,
  )
}

/**
 * Writes the review site of the release in `releaseDir` (its tables) into `outDir`, reading the raw files
 * from `rawDir`: index.html, figures.html and articles/<doc_id>.html. Returns the files written, relative
 * to `outDir`, in the order written.
 */
export async function writeReview(releaseDir: string, rawDir: string, outDir: string): Promise<string[]> {
  makeFolder(join(outDir, 'articles'))
  const reasons = new Map(ruleList().map((r) => [r.id, r.reason]))
  // Each input's messages, to list on its page; the warnings by rule, for the index.
  const messages = new Map<string, MessageRow[]>()
  const warningCounts = new Map<string, number>()
  for await (const m of rowsOf<MessageRow>(join(releaseDir, 'messages.jsonl')).rest()) {
    push(messages, m.source_path, m)
    if (m.severity === 'warning') warningCounts.set(m.rule, (warningCounts.get(m.rule) ?? 0) + 1)
  }
  const titles = new Map<string, string>()
  // A paragraph links to paragraphs of later articles too, so every title is known before the first page.
  for await (const d of rowsOf<Document>(join(releaseDir, 'documents.jsonl')).rest()) titles.set(d.doc_id, d.title)
  // Reuse pairs are linked both ways: each paragraph lists the others that share a passage with it.
  const reuse = new Map<string, Reuse[]>()
  for await (const r of rowsOf<Reuse>(join(releaseDir, 'reuse.jsonl')).rest())
    for (const p of [r.paragraph_id_a, r.paragraph_id_b]) push(reuse, p, r)
  // The tables hold each document's rows together, in the release's order: each is read alongside the documents.
  const tables = {
    paragraphs: rowsOf<Paragraph>(join(releaseDir, 'paragraphs.jsonl')),
    changes: rowsOf<ChangeRow>(join(releaseDir, 'changes.jsonl')),
    quotes: rowsOf<Quote>(join(releaseDir, 'quotes.jsonl')),
    entities: rowsOf<Entity>(join(releaseDir, 'entities.jsonl')),
    numbers: rowsOf<NumberMention>(join(releaseDir, 'numbers.jsonl')),
  }
  const written: string[] = []
  const index: IndexRow[] = []
  const ruleCounts = new Map<string, number>()
  const joinCounts = new Map<string, number>()
  const mentions: Parameters<typeof figuresPage>[0][number][] = []
  let rawOf: { path: string; lines: string[] | null } = { path: '', lines: null }
  for await (const doc of rowsOf<Document>(join(releaseDir, 'documents.jsonl')).rest()) {
    const mine = (row: { doc_id: string }) => row.doc_id === doc.doc_id
    const rows = {
      paragraphs: await tables.paragraphs.takeWhile(mine),
      changes: await tables.changes.takeWhile(mine),
      quotes: await tables.quotes.takeWhile(mine),
      entities: await tables.entities.takeWhile(mine),
      numbers: await tables.numbers.takeWhile(mine),
      messages: messages.get(doc.source_path) ?? [],
    }
    // An export's articles follow each other: their file is read once for all of them.
    if (doc.source_path !== rawOf.path)
      rawOf = { path: doc.source_path, lines: await rawLines(rawDir, doc.source_path) }
    const raw = rawOf.lines
    if (doc.doc_id !== docIdOf(doc.source_path)) {
      // An export's messages are the file's: each article lists those within its lines.
      const [first, last] = spanOf(rows)
      rows.messages = rows.messages.filter((m) => m.line === null || (m.line >= first && m.line <= last))
    }
    writeFileSync(join(outDir, pageFile(doc.doc_id)), articlePage(doc, raw, rows, reuse, titles, reasons))
    written.push(pageFile(doc.doc_id))
    for (const c of rows.changes) {
      if (c.action === 'remove') ruleCounts.set(c.rule, (ruleCounts.get(c.rule) ?? 0) + 1)
      if (c.action === 'join') joinCounts.set(c.rule, (joinCounts.get(c.rule) ?? 0) + 1)
    }
    for (const n of rows.numbers)
      if (n.unit !== null && CASUALTY_UNITS.test(n.unit))
        mentions.push({
          unit: n.unit.split(' ')[0]?.toLowerCase() ?? n.unit,
          value: n.value,
          text: n.text,
          doc: doc.doc_id,
          paragraph: n.paragraph_id,
          outlet: doc.outlet ?? 'no outlet named',
          date: doc.published ?? '',
          title: doc.title,
        })
    index.push({
      id: doc.doc_id,
      title: doc.title,
      outlet: doc.outlet ?? 'no outlet named',
      date: doc.published ?? '',
      authors: doc.authors.join(', '),
      paragraphs: rows.paragraphs.length,
      words: doc.n_words,
      removals: rows.changes.filter((c) => c.action === 'remove').length,
      layout: doc.layout,
    })
  }
  let rejects = 0
  for await (const _ of rowsOf<unknown>(join(releaseDir, 'rejects.jsonl')).rest()) rejects += 1
  writeFileSync(
    join(outDir, 'index.html'),
    indexPage(index, ranked(ruleCounts), ranked(joinCounts), rejects, ranked(warningCounts)),
  )
  writeFileSync(join(outDir, 'figures.html'), figuresPage(mentions))
  // One style sheet for every page, beside them: pages load it from file:// as from any host.
  writeFileSync(join(outDir, 'style.css'), `${STYLE}\n`)
  written.push('index.html', 'figures.html', 'style.css')
  return written
}
