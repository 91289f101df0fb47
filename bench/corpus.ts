import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeDoc, random, styles, type EvalDoc } from '../eval/generate.ts'

/** Share of paragraphs copied verbatim from the pool, as wire copy and quoted statements are in real coverage. */
export const VERBATIM_SHARE = 0.05
/** Share of lower-case words replaced in a paragraph not copied: every article is its own text, and 8-word runs shared by chance are rare. */
const REPLACED_SHARE = 0.8
const LOWER = /^\p{Ll}{3,}$/u

/** A paragraph with most of its lower-case words swapped for other words of the pool. */
function vary(rnd: () => number, text: string, vocabulary: readonly string[]): string {
  return text
    .split(' ')
    .map((w) =>
      LOWER.test(w) && rnd() < REPLACED_SHARE ? (vocabulary[Math.floor(rnd() * vocabulary.length)] ?? w) : w,
    )
    .join(' ')
}

/**
 * The bench corpus's `size` articles, one at a time, each with its answer (see `EvalDoc`): made by the
 * evaluation's generator (the text styles and the artefacts the cleaner handles) from real paragraphs,
 * picked at random and mostly varied word by word, so that the corpus is as unique as real coverage is and
 * its distinct text grows with its size. Deterministic: the same size gives the same articles.
 */
export function* benchDocs(size: number, pool: readonly string[]): Generator<EvalDoc> {
  const vocabulary = [...new Set(pool.flatMap((p) => p.split(' ').filter((w) => LOWER.test(w))))].sort()
  const rnd = random(7)
  for (let i = 0; i < size; i += 1) {
    const chosen = Array.from({ length: 8 }, () => {
      const text = pool[Math.floor(rnd() * pool.length)] ?? ''
      return rnd() < VERBATIM_SHARE ? text : vary(rnd, text, vocabulary)
    })
    const style = styles[i % styles.length] ?? 'page-break'
    yield { ...makeDoc(rnd, style, i, chosen, i % 7 === 0), name: String(i).padStart(6, '0') }
  }
}

/** Writes the bench corpus into `raw` as `000000.txt`..., one article at a time, never held in memory. */
export function writeBenchCorpus(raw: string, size: number, pool: readonly string[]): void {
  mkdirSync(raw, { recursive: true })
  for (const doc of benchDocs(size, pool)) writeFileSync(join(raw, `${doc.name}.txt`), doc.text)
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
/** Words of a page's navigation, teasers, comments and footer. */
const MENU = [
  'World',
  'Politics',
  'Business',
  'Science',
  'Culture',
  'Sport',
  'Opinion',
  'Video',
  'Podcasts',
  'Newsletters',
  'Subscribe',
  'Sign in',
]
/** A page's own script: analytics and ad code about the size a saved news page carries inline. */
const SCRIPT = `window.dataLayer = window.dataLayer || [];\nfunction track(e) { dataLayer.push({ event: e, t: Date.now() }) }\n${Array.from({ length: 120 }, (_, i) => `track("slot-${i}"); var ad${i} = { id: ${i}, sizes: [[300, 250], [728, 90]], targeting: { section: "news" } };`).join('\n')}`
const STYLE = Array.from(
  { length: 60 },
  (_, i) =>
    `.c${i} { margin: ${i}px 0; font: 16px/1.5 Georgia, serif; color: #${(i * 4111).toString(16).padStart(6, '0').slice(0, 6)} }`,
).join('\n')

/**
 * An article of the bench corpus as a saved web page: its truth (title, paragraphs, headings) inside the
 * markup a news site wraps around it (meta tags, JSON-LD, inline scripts and styles, navigation, a share
 * bar, a figure, related stories, comments and a footer), about 25 KB a page. Deterministic.
 */
export function pageOf(doc: EvalDoc, index: number): string {
  const [first, ...rest] = doc.truth
  const title = escapeHtml((first?.text ?? doc.name).split(/[.!?]/)[0]?.slice(0, 90) ?? doc.name)
  const date = `2024-0${1 + (index % 9)}-1${index % 10}`
  const body = [first, ...rest]
    .filter((b) => b !== undefined)
    .map((b, i) =>
      b.kind === 'heading'
        ? `<h2>${escapeHtml(b.text)}</h2>`
        : `<p${i === 1 ? ' class="lede"' : ''}>${escapeHtml(b.text)}</p>`,
    )
  body.splice(
    Math.min(2, body.length),
    0,
    `<figure><img src="/img/${index}.jpg" alt=""><figcaption>A picture of the scene. Photo: Agency</figcaption></figure>`,
  )
  const links = (n: number, offset: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        `<li><a href="/${MENU[(i + offset) % MENU.length]?.toLowerCase()}">${MENU[(i + offset) % MENU.length]}</a></li>`,
    ).join('')
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title} | The Bench Gazette</title>
<meta property="og:title" content="${title}">
<meta property="og:site_name" content="The Bench Gazette">
<meta property="article:published_time" content="${date}T08:00:00Z">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://bench.example/${doc.name}">
<style>${STYLE}</style>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${title.replace(/"/g, '')}","datePublished":"${date}T08:00:00Z","author":[{"@type":"Person","name":"Jane Doe"}],"publisher":{"@type":"Organization","name":"The Bench Gazette"}}</script>
<script>${SCRIPT}</script>
</head>
<body class="article-page">
<header class="masthead"><a class="logo" href="/">The Bench Gazette</a><nav><ul>${links(12, 0)}</ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/world">World</a></div>
<main>
<article>
<h1>${title}</h1>
<p class="byline">By Jane Doe</p><time datetime="${date}">${date}</time>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<div class="article-body">
${body.join('\n')}
</div>
</article>
<aside class="related"><h3>Related stories</h3><ul>${links(6, 3)}</ul></aside>
<section class="comments"><h3>3 comments</h3>${Array.from({ length: 3 }, (_, i) => `<div class="comment"><b>reader${i}</b><p>I read this and thought about it for a while, comment number ${i}.</p></div>`).join('')}</section>
</main>
<footer><ul>${links(8, 5)}</ul><p>© 2024 The Bench Gazette. All rights reserved.</p></footer>
<script>${SCRIPT.slice(0, 2000)}</script>
</body>
</html>
`
}

/** Writes the bench corpus as saved pages, `000000.html`..., the same articles as `writeBenchCorpus` writes as text. */
export function writeBenchPages(raw: string, size: number, pool: readonly string[]): void {
  mkdirSync(raw, { recursive: true })
  let i = 0
  for (const doc of benchDocs(size, pool)) writeFileSync(join(raw, `${doc.name}.html`), pageOf(doc, i++))
}

/** The same article as plain text: its title and its paragraphs and headings, for comparing a page's cost with its text's. */
export function textOf(doc: EvalDoc): string {
  const title = (doc.truth[0]?.text ?? doc.name).split(/[.!?]/)[0]?.slice(0, 90) ?? doc.name
  return `${title}\n\nBy Jane Doe\n\n${doc.truth.map((b) => (b.kind === 'heading' ? `## ${b.text}` : b.text)).join('\n\n')}\n`
}
