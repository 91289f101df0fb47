import { Readability } from '@mozilla/readability'
import type { Element, ElementContent, Root, RootContent, Text } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { defaultHandlers, defaultNodeHandlers as nodeDefaults, toMdast, type Handle } from 'hast-util-to-mdast'
import type { Nodes as MdNodes, Paragraph as MdParagraph, RootContent as MdContent } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { documentOf, type DomElement } from './dom.ts'
import { readMarkup, squash, textOf } from './markup.ts'
import { failDoc, sourceLines, type Change, type Doc, type Message, type Stage } from '../types.ts'

// The page stage: a saved web page (.html) becomes Markdown text for the text stages. Readability finds
// the article in the DOM (linkedom: no script runs, nothing is fetched); hast-util-to-mdast turns it into
// Markdown with its headings, emphasis, links, lists and quotes; every line keeps the page lines it came
// from, and every region of the page left out is a `changes` row with its element path.

/** Elements whose content a browser never shows as text. */
const UNSHOWN = new Set(['head', 'script', 'style', 'noscript', 'template', 'title', 'meta', 'link', 'svg', 'math'])
/** Pages nested deeper are refused before the extractor walks them: real pages nest a few dozen elements deep, and the walk's cost grows with the depth. */
export const MAX_PAGE_DEPTH = 256
/** An article has at least this many words; a page whose extract has fewer has no article (a menu, a login wall, an error page). */
const MIN_ARTICLE_WORDS = 20
/** A letter or digit: text with one holds a word. */
const WORD = /[\p{L}\p{N}]/u

/** The words of some lines, counted as runs of letters and digits up to `enough` (the whole text need not be segmented to know it has an article's). */
function wordsUpTo(lines: readonly string[], enough: number): number {
  let n = 0
  for (const line of lines) {
    for (const _ of line.matchAll(/[\p{L}\p{N}]+/gu)) {
      n += 1
      if (n >= enough) return n
    }
  }
  return n
}

/** An inline style that hides an element (`display: none`, `visibility: hidden`). */
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i
/** Class or id words of a cookie or consent banner: a notice about the site, never the article (WordPress's `eu-cookie-law`, consent managers' `cmp`). */
const CONSENT_NAME =
  /(?:^|[-_\s])(?:cookies?|cookie-?(?:law|notice|banner|consent|bar)\w*|consent\w*|gdpr\w*|cmp)(?:[-_\s]|$)/i

/** An element's class names and id, each a name of its own (what a page calls its parts). */
function classAndId(el: Element): string[] {
  const names = Array.isArray(el.properties.className) ? el.properties.className.map(String) : []
  return typeof el.properties.id === 'string' && el.properties.id !== '' ? [...names, el.properties.id] : names
}

/** Whether a browser shows an element: not with the `hidden` attribute or an inline style that hides it. */
function isHidden(el: Element): boolean {
  const style = el.properties.style
  return el.properties.hidden !== undefined || (typeof style === 'string' && HIDING_STYLE.test(style))
}

/** Whether an element is left out before the extractor looks: hidden from readers, a ruby annotation, a form to write in, or a cookie or consent notice. */
function isPruned(el: Element): boolean {
  if (isHidden(el)) return true
  // A ruby annotation (furigana, pinyin) is a reading aid printed over the base text, not words of the article.
  if (el.tagName === 'rt' || el.tagName === 'rp') return true
  // A form to write in (a comment or contact form) holds labels and prompts, never the article's words.
  if (el.tagName === 'form' && holds(el, 'textarea')) return true
  return el.tagName !== 'body' && el.tagName !== 'html' && CONSENT_NAME.test(classAndId(el).join(' '))
}

/** Whether an element has a descendant of a tag. */
function holds(el: Element, tagName: string): boolean {
  const stack: ElementContent[] = [...el.children]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type !== 'element') continue
    if (node.tagName === tagName) return true
    stack.push(...node.children)
  }
  return false
}

/** Removes the elements the extractor must not see (see `isPruned`) from a tree, in place. */
function prune(tree: Root): void {
  const stack: (Root | Element)[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === undefined) break
    node.children = node.children.filter((c) => c.type !== 'element' || !isPruned(c)) as typeof node.children
    for (const c of node.children) if (c.type === 'element') stack.push(c)
  }
}

/** The attribute that carries each element's number through the DOM the extractor rewrites. */
const NUMBER = 'dataPn'

/** One element of the page, by its number. */
interface Numbered {
  el: Element
  parent: number
  start: number
  end: number
}

/** A shown text of the page: its node, its value, the element holding it and its line. */
interface PageText {
  node: Text
  value: string
  owner: number
  line: number
}

/** The page's elements in document order (root first), and its shown text nodes with the element holding each. */
function numberPage(tree: Root): {
  elements: Numbered[]
  texts: PageText[]
  depth: number
  scripts: number
} {
  const elements: Numbered[] = []
  const texts: PageText[] = []
  let depth = 0
  let scripts = 0
  const stack: { node: RootContent; parent: number; depth: number; shown: boolean }[] = []
  for (let i = tree.children.length - 1; i >= 0; i -= 1)
    stack.push({ node: tree.children[i] as RootContent, parent: -1, depth: 1, shown: true })
  while (stack.length > 0) {
    const item = stack.pop()
    if (item === undefined) break
    const { node } = item
    if (node.type === 'text') {
      if (item.shown && /\S/.test(node.value))
        texts.push({
          node,
          value: node.value,
          owner: item.parent,
          line: node.position?.start.line ?? elements[item.parent]?.start ?? 1,
        })
      continue
    }
    if (node.type !== 'element') continue
    depth = Math.max(depth, item.depth)
    if (node.tagName === 'script') scripts += 1
    const n = elements.length
    node.properties[NUMBER] = String(n)
    elements.push({
      el: node,
      parent: item.parent,
      start: node.position?.start.line ?? 1,
      end: node.position?.end.line ?? node.position?.start.line ?? 1,
    })
    const shown = item.shown && !UNSHOWN.has(node.tagName) && !isHidden(node)
    const children = node.tagName === 'template' ? [] : node.children
    for (let i = children.length - 1; i >= 0; i -= 1)
      stack.push({ node: children[i] as RootContent, parent: n, depth: item.depth + 1, shown })
  }
  return { elements, texts, depth, scripts }
}

/**
 * Wraps each text standing loose in a div (`<div>Some words <img> more words</div>`, `<div>A line</div>`) in a
 * numbered span, in place, appending the spans to `elements` and making them the texts' owners. Readability
 * gathers such runs into paragraphs it makes anew, which carry no number: without a span of its own, a text the
 * article keeps would be counted as left out, and its paragraph would have no line of the page.
 */
function wrapLooseText(elements: Numbered[], texts: PageText[]): void {
  const ownerOf = new Map<Text, PageText>()
  for (const t of texts) ownerOf.set(t.node, t)
  const count = elements.length
  for (let n = 0; n < count; n += 1) {
    const { el } = elements[n] as Numbered
    if (el.tagName !== 'div') continue
    el.children = el.children.map((child) => {
      const text = child.type === 'text' ? ownerOf.get(child) : undefined
      if (text === undefined || !WORD.test(text.value)) return child
      const at = elements.length
      const span: Element = {
        type: 'element',
        tagName: 'span',
        properties: { [NUMBER]: String(at) },
        children: [child],
        ...(child.position === undefined ? {} : { position: child.position }),
      }
      elements.push({ el: span, parent: n, start: text.line, end: child.position?.end.line ?? text.line })
      text.owner = at
      return span
    })
  }
}

/** An element's place in the page, as a CSS-like path (`body > div#main > aside.related`). */
function pathOf(elements: readonly Numbered[], n: number): string {
  const parts: string[] = []
  for (let at = n; at !== -1 && parts.length < 12; at = elements[at]?.parent ?? -1) {
    const el = elements[at]?.el
    if (el === undefined || el.tagName === 'html') break
    const id = el.properties.id
    const cls = Array.isArray(el.properties.className) ? el.properties.className[0] : undefined
    parts.push(
      `${el.tagName}${typeof id === 'string' && id !== '' ? `#${id}` : cls !== undefined ? `.${String(cls)}` : ''}`,
    )
  }
  return parts.reverse().join(' > ')
}

/** A table's rows as paragraphs, cells apart: the text stages read paragraphs, and no Markdown table survives them. */
const tableRows: Handle = (state, node) => {
  const rows: MdParagraph[] = []
  const stack: ElementContent[] = [...node.children].reverse()
  while (stack.length > 0) {
    const child = stack.pop()
    if (child === undefined || child.type !== 'element') continue
    if (child.tagName === 'tr') {
      const cells = child.children
        .filter((c): c is Element => c.type === 'element')
        .map((c) => squash(textOf(c)))
        .filter((c) => c !== '')
      if (cells.length === 0) continue
      const row: MdParagraph = { type: 'paragraph', children: [{ type: 'text', value: cells.join(' | ') }] }
      state.patch(child, row)
      rows.push(row)
    } else for (let i = child.children.length - 1; i >= 0; i -= 1) stack.push(child.children[i] as ElementContent)
  }
  return rows
}

/** A caption as a paragraph of its own (hast-util-to-mdast drops captions). */
const captionParagraph: Handle = (state, node) => {
  const text = squash(textOf(node))
  if (text === '') return undefined
  const paragraph: MdParagraph = { type: 'paragraph', children: [{ type: 'text', value: text }] }
  state.patch(node, paragraph)
  return paragraph
}

/**
 * Class or id names of a box inside an article that is about the post, not of it: the names CMS themes give
 * these boxes (WordPress's `entry-meta` and `nav-links`, Jetpack's `sharedaddy`, Easy TOC's `ez-toc-container`),
 * which trafilatura's discard list also holds. Each is matched against one class name or the id, whole.
 */
const BOX_NAMES: readonly RegExp[] = [
  // A post's own details line or footer: `Posted in X. Bookmark the permalink.`, `Erstellt am … abgelegt unter …`.
  /^(?:post|entry|article)[-_]?(?:meta(?:data)?|footer|utility|info)$/i,
  // An author's bio box under the post.
  /(?:^|[-_])(?:author[-_]?(?:bio|box|info|profile|description|card|about)|about[-_]?(?:the[-_]?)?author)(?:$|[-_])/i,
  // A rating widget: `Rate this article`.
  /(?:^|[-_])(?:rating|ratings|rate)$/i,
  // Share buttons.
  /(?:^|[-_])(?:share|sharing|social|sharedaddy)(?:$|[-_](?:buttons?|bar|box|links|icons|tools|container|wrapper))/i,
  // Links to the previous and next post.
  /^(?:post[-_]?nav(?:igation)?|nav[-_]links|pagination)$|(?:^|[-_])next[-_]prev(?:$|[-_])/i,
  // The comment section's notices (`Comments are closed`) and the spam filter's note, not the comments themselves.
  /^(?:nocomments|comments?[-_]?(?:closed|title|message|respond|form)|comment[-_](?:message|respond|form|notes)|respond)$|^akismet/i,
  // A newsletter or donation appeal.
  /(?:^|[-_])(?:newsletter|subscribe|subscription|donation|donate)(?:$|[-_])/i,
  // A table of contents, which repeats the article's headings.
  /^(?:ez-)?toc(?:$|[-_])|^table[-_]of[-_]contents$/i,
  // Related posts and recommendations.
  /(?:^|[-_])(?:related|recommend\w*|more[-_]articles)(?:$|[-_])/i,
  // A tag list.
  /^(?:post[-_]|entry[-_])?tags$|^tag[-_]?(?:list|links|cloud)$/i,
  // The placeholder of an external embed that waits for consent (`Klicken Sie auf den Button, um den Inhalt zu laden`; Borlabs' `_brlbs-content-blocker`).
  /(?:^|[-_])(?:content-blocker|brlbs\w*|privacy-embed\w*|third-party-services\w*|embed-placeholder)(?:$|[-_])/i,
  // A loading indicator's text (`Lade weitere Inhalte ...`).
  /(?:^|[-_])(?:loading|loader|load-more|spinner)(?:$|[-_])/i,
]

const HEADING = /^h[1-6]$/

/** Whether an element shows a word, read up to its first one. */
function showsWord(el: Element): boolean {
  const stack: ElementContent[] = [el]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'text' && WORD.test(node.value)) return true
    if (node.type === 'element' && !UNSHOWN.has(node.tagName)) stack.push(...node.children)
  }
  return false
}

/** Removes the headings that end an article (a heading introduces what follows it; with nothing after it, it is a label of the page), in place. */
function dropTrailingHeadings(content: Root, setAside: Map<number, string>): void {
  // Reads a node's children from the end: a heading is removed, an element with words is read the same way,
  // and the first word that stays ends the search. Whether the node still shows a word is returned.
  const strip = (parent: Root | Element): boolean => {
    const removed = new Set<RootContent>()
    let i = parent.children.length - 1
    for (; i >= 0; i -= 1) {
      const c = parent.children[i] as RootContent
      if (c.type === 'text' && WORD.test(c.value)) break
      if (c.type !== 'element' || !showsWord(c)) continue
      if (HEADING.test(c.tagName)) {
        removed.add(c)
        setAside.set(Number(c.properties[NUMBER]), 'page-trailing-heading')
      } else if (strip(c)) break
    }
    // The white space the headings stood between goes with them (thousands of adjacent blank texts cost the Markdown conversion dearly).
    if (removed.size > 0)
      parent.children = parent.children.filter(
        (c, k) => k <= i || !(removed.has(c) || (c.type === 'text' && !WORD.test(c.value))),
      ) as typeof parent.children
    return i >= 0
  }
  strip(content)
}

/**
 * The page element a paragraph the extractor made anew stands for (it has no number): the div it dissolved,
 * which held every numbered element of the paragraph (`div.imginline` around a picture and its caption); -1
 * when the elements came from different places, or from the paragraph's parent in the article (`parent`).
 */
function dissolvedOf(elements: readonly Numbered[], made: Element, parent: number): number {
  let shared = -1
  for (const c of made.children) {
    if (c.type !== 'element' || c.properties[NUMBER] === undefined) continue
    const at = elements[Number(c.properties[NUMBER])]?.parent ?? -1
    if (at === -1 || (shared !== -1 && at !== shared)) return -1
    shared = at
  }
  return shared === parent ? -1 : shared
}

/** How many wrappers the extractor may have unwrapped around an element it kept (a `div.newsletter` around its one `p`). */
const MAX_UNWRAPPED = 8

/**
 * The page elements an element of the article stands for: itself, then the page's wrappers between it and its
 * parent in the article, which the extractor unwrapped (outermost last); itself alone when it was moved.
 */
function standsFor(elements: readonly Numbered[], n: number, parent: number): number[] {
  const chain = [n]
  if (parent === -1) return chain
  for (let at = elements[n]?.parent ?? -1; at !== parent; at = elements[at]?.parent ?? -1) {
    if (at === -1 || chain.length > MAX_UNWRAPPED) return [n]
    chain.push(at)
  }
  return chain
}

/** Whether page elements (an element and its unwrapped wrappers) are a box of `BOX_NAMES` inside an article of `articleWords` words, with `parentWords` in the box's parent. */
function isBox(chain: readonly Element[], parentWords: () => number, articleWords: number): boolean {
  const named = (el: Element) => classAndId(el).some((n) => BOX_NAMES.some((r) => r.test(n)))
  const outer = chain.at(-1)
  if (outer === undefined || !chain.some(named)) return false
  const words = shownWords(chain[0] as Element)
  // A box is a small part of the article: a container a theme names so around the whole article is not one.
  if (words * 3 >= articleWords) return false
  // An inline element is a box only as its block's whole text (a `span.comment-message` heading), never a phrase of a sentence.
  return !INLINE.has(outer.tagName) || words === parentWords()
}

/** Class and id words that mark a picture's caption or credit (the conventional names: caption, figcaption, credit, legend, the German `Bildunterschrift`, an image box or description). */
const CAPTION_NAME = /caption|credit|legend|bildunterschrift|image-?box|img-?desc/i

/** The most words of a picture's box (its caption, a teaser's headline and line), under a paragraph of prose. */
const PICTURE_BOX_WORDS = 40
/** Pictures smaller than this many pixels a side, or named as emoji or icons, are signs in the text, not pictures. */
const ICON_PIXELS = 50
const ICON_NAME = /emoji|smiley|icon/i

/** Whether an image is a picture, not an emoji or an icon set in a line of text. */
function isPicture(img: Element): boolean {
  const side = (v: unknown) =>
    typeof v === 'number' || typeof v === 'string' ? Number.parseInt(String(v), 10) : Number.NaN
  if (side(img.properties.width) < ICON_PIXELS || side(img.properties.height) < ICON_PIXELS) return false
  const names = `${Array.isArray(img.properties.className) ? img.properties.className.join(' ') : ''} ${img.properties.alt ?? ''}`
  return !ICON_NAME.test(names)
}

/**
 * Whether an element is a picture's box without a figure element (`div.imginline` with its caption, a teaser's
 * card): a div or span holding a picture and a few words, and no paragraph. Read up to the first paragraph or
 * the word past the limit.
 */
function isPictureBox(el: Element): boolean {
  if (el.tagName !== 'div' && el.tagName !== 'span') return false
  let words = 0
  let picture = false
  const stack: ElementContent[] = [...el.children]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'text') {
      words += node.value.match(/[\p{L}\p{N}]+/gu)?.length ?? 0
      if (words > PICTURE_BOX_WORDS) return false
    } else if (node.type === 'element' && !UNSHOWN.has(node.tagName)) {
      if (node.tagName === 'p') return false
      if (node.tagName === 'img' && isPicture(node)) picture = true
      stack.push(...node.children)
    }
  }
  return picture
}

/** Whether an element is a figure, a caption or a picture credit: by its tag, or by the class or id the page gives it, or a picture's box (see `isPictureBox`). */
function isCaption(el: Element): boolean {
  if (el.tagName === 'figure' || el.tagName === 'figcaption') return true
  if (isPictureBox(el)) return true
  return classAndId(el).some((n) => CAPTION_NAME.test(n))
}

/** The first and last page line of an mdast node: its own position, else that of its descendants. */
function linesOf(node: MdNodes): [number, number] | null {
  if (node.position !== undefined) return [node.position.start.line, node.position.end.line]
  let span: [number, number] | null = null
  const stack: MdNodes[] = 'children' in node ? [...node.children] : []
  while (stack.length > 0) {
    const n = stack.pop()
    if (n === undefined) break
    if (n.position !== undefined)
      span =
        span === null
          ? [n.position.start.line, n.position.end.line]
          : [Math.min(span[0], n.position.start.line), Math.max(span[1], n.position.end.line)]
    else if ('children' in n) stack.push(...n.children)
  }
  return span
}

/**
 * Emphasis as the text stages can read it: around nothing but white space (`countr<b> </b>and`) it is markup
 * without text, which as Markdown needs character references inside words; inside emphasis of its own kind
 * (`<b><i><b>`, as unclosed tags nest) it adds nothing but delimiters. Either is replaced by its content.
 */
function simplifyEmphasis(node: MdNodes): void {
  const stack: { node: MdNodes; inside: ReadonlySet<string> }[] = [{ node, inside: new Set() }]
  while (stack.length > 0) {
    const item = stack.pop()
    if (item === undefined || !('children' in item.node)) continue
    const children = item.node.children as MdNodes[]
    for (let i = 0; i < children.length; i += 1) {
      const child = children[i] as MdNodes
      const emphasis = child.type === 'emphasis' || child.type === 'strong'
      if (
        emphasis &&
        (item.inside.has(child.type) || child.children.every((c) => c.type === 'text' && c.value.trim() === ''))
      ) {
        children.splice(i, 1, ...(child.children as MdNodes[]))
        i -= 1
      } else stack.push({ node: child, inside: emphasis ? new Set([...item.inside, child.type]) : item.inside })
    }
  }
}

/** Top-level blocks to write one by one: a list item or a quoted paragraph keeps its own page lines. */
function blocksOf(children: readonly MdContent[]): MdContent[] {
  return children.flatMap((block): MdContent[] => {
    if (block.type === 'list')
      return block.children.map((item, i) => ({
        ...block,
        start: block.ordered === true ? (block.start ?? 1) + i : block.start,
        children: [item],
        position: item.position ?? block.position,
      }))
    if (block.type === 'blockquote')
      return block.children.map((child) => ({
        ...block,
        children: [child],
        position: child.position ?? block.position,
      }))
    return [block]
  })
}

/** Struck text (`del`, `s`, `strike`) is read as its words: a page shows them, and plain Markdown has no strikethrough. */
const struckText: Handle = (state, node) => state.all(node)

/** How an article's blocks are written as Markdown. */
export const MARKDOWN = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
} as const

/** An article's tree as Markdown's: tables as rows of text, a caption as a paragraph, struck text as its words, comments left out. */
export function articleMdast(content: Root): MdNodes {
  return toMdast(content, {
    handlers: {
      ...defaultHandlers,
      table: tableRows,
      caption: captionParagraph,
      menu: defaultHandlers.ul as Handle,
      del: struckText,
      s: struckText,
      strike: struckText,
    },
    nodeHandlers: { ...nodeDefaults, comment: () => undefined },
  })
}

/** Class and id words of the element CMSs put an article's body in (WordPress's `entry-content`, `post-body`, `article__body`, `story-text`...). */
const BODY_NAME =
  /(?:^|[-_\s])(?:(?:entry|post|article|story|blog-?post|news|beitrag|artikel)[-_]{0,2}(?:content|body|text|entry|inner|copy|inhalt)|articlebody|articletext|postcontent|postbody|storybody|artikeltext|newstext)(?:[-_\s]|$)/i
/** A body container holds an article's words: one of fewer is a teaser's or an empty template's. */
const MIN_BODY_WORDS = 50
/** Readability's pick stands unless the page's marked body container holds more than this many times its words. */
const BODY_OVER_EXTRACT = 2

/** The words of an element's shown text (runs of letters and digits), outside scripts and styles. */
function shownWords(el: Element | Root): number {
  let n = 0
  const stack: (Element | Root | RootContent)[] = [el]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === undefined) break
    if (node.type === 'text') n += node.value.match(/[\p{L}\p{N}]+/gu)?.length ?? 0
    else if ((node.type === 'element' && !UNSHOWN.has(node.tagName)) || node.type === 'root')
      stack.push(...node.children)
  }
  return n
}

/** The page's marked article body: `itemprop="articleBody"`, else the largest element a CMS names as the body, else the largest `<article>`; null when none holds an article's words. */
function bodyContainer(tree: Root): { el: Element; words: number; rank: number } | null {
  const found: { el: Element; words: number; rank: number }[] = []
  const stack: (Root | Element)[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === undefined) break
    for (const c of node.children) {
      if (c.type !== 'element' || UNSHOWN.has(c.tagName)) continue
      const names = classAndId(c).join(' ')
      const rank =
        c.properties.itemProp === 'articleBody' ||
        (Array.isArray(c.properties.itemProp) && c.properties.itemProp.includes('articleBody'))
          ? 0
          : BODY_NAME.test(names) && !/comment/i.test(names)
            ? 1
            : c.tagName === 'article'
              ? 2
              : -1
      if (rank !== -1) {
        const words = shownWords(c)
        if (words >= MIN_BODY_WORDS) found.push({ el: c, words, rank })
      }
      stack.push(c)
    }
  }
  const best = found.reduce<(typeof found)[number] | null>(
    (a, f) => (a === null || f.rank < a.rank || (f.rank === a.rank && f.words > a.words) ? f : a),
    null,
  )
  return best
}

/** An element alone, as a document of its own (Readability reads a document, not a fragment). */
function alone(el: Element): Root {
  return {
    type: 'root',
    children: [
      {
        type: 'element',
        tagName: 'html',
        properties: {},
        children: [{ type: 'element', tagName: 'body', properties: {}, children: [structuredClone(el)] }],
      },
    ],
  }
}

/** The last segment of an address's path, without a file extension; null when too short to name one article. */
function addressSlug(url: string): string | null {
  const segment =
    url
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '')
      .split('/')
      .at(-1)
      ?.replace(/\.\w{2,5}$/, '') ?? ''
  return segment.length >= MIN_SLUG ? segment : null
}

/** A slug shorter than this (`index`, `2019`) names no one article. */
const MIN_SLUG = 8

/**
 * The `<article>` a page's canonical address names, on a page of several: the one whose id or whose own address
 * (`data-path`, `data-url`, `about`) ends with the address's last segment; null unless exactly one does.
 */
function namedArticle(tree: Root, url: string | null): Element | null {
  const slug = url === null ? null : addressSlug(url)
  if (slug === null) return null
  let articles = 0
  const named: Element[] = []
  const stack: (Root | Element)[] = [tree]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const c of node.children) {
      if (c.type !== 'element' || UNSHOWN.has(c.tagName)) continue
      if (c.tagName === 'article') {
        articles += 1
        const own = [c.properties.id, c.properties.dataPath, c.properties.dataUrl, c.properties.about].filter(
          (v): v is string => typeof v === 'string',
        )
        if (own.some((v) => v === slug || addressSlug(v) === slug)) named.push(c)
      }
      stack.push(c)
    }
  }
  return articles >= 2 && named.length === 1 && shownWords(named[0] as Element) >= MIN_BODY_WORDS
    ? (named[0] as Element)
    : null
}

/** The page numbers of the elements inside a tree. */
function numbersIn(node: Root | Element): Set<string> {
  const out = new Set<string>()
  const stack: (Root | RootContent)[] = [node]
  while (stack.length > 0) {
    const n = stack.pop()
    if (n === undefined) break
    if (n.type === 'element' && n.properties[NUMBER] !== undefined) out.add(String(n.properties[NUMBER]))
    if (n.type === 'element' || n.type === 'root') stack.push(...n.children)
  }
  return out
}

/** Whether Readability's content holds any element of a page element's subtree. */
function sharesElements(content: Root, el: Element): boolean {
  const inside = numbersIn(el)
  for (const n of numbersIn(content)) if (inside.has(n)) return true
  return false
}

/** The document Readability reads. */
type ReaderDocument = ConstructorParameters<typeof Readability>[0]

/** Readability over a document, with its own class weights but one: a class saying a part's label is hidden (Drupal's `field--label-hidden`) does not weigh against the field. It gives the article as a DOM node, not as HTML. */
export function newReader(document: ReaderDocument): Readability<DomElement> {
  const reader = new Readability(document, { serializer: (node) => node as unknown as DomElement })
  const own = reader as unknown as { REGEXPS: Record<string, RegExp> }
  own.REGEXPS = {
    ...own.REGEXPS,
    negative: new RegExp((own.REGEXPS.negative as RegExp).source.replace('hidden', '(?<!label-)hidden'), 'i'),
  }
  return reader
}

/** Readability's article from a tree (as hast, elements still numbered), and its words. */
function readability(tree: Root): { content: Root; words: number } {
  const article = newReader(documentOf(tree) as ReaderDocument).parse()?.content
  // The article is read back through its HTML: Readability's rewrites break HTML's content model (a heading inside a
  // paragraph, a table cell outside its table), and parsing is what gives the text stages a tree a browser would show.
  const content = fromHtml(article?.innerHTML ?? '', { fragment: true })
  return { content, words: shownWords(content) }
}

/**
 * The article of a page: Readability's pick, unless the page marks its body (see `bodyContainer`) and that
 * body holds more than twice the words Readability kept (it took a comment form, a cookie notice or a box
 * beside the article); then Readability over the marked body alone, or the body itself when that finds too little.
 */
function extract(tree: Root, url: string | null): Root {
  // A page that scrolls on into other articles: the one its canonical address names is the page's.
  const named = namedArticle(tree, url)
  if (named !== null) {
    const inside = readability(alone(named))
    if (inside.words * BODY_OVER_EXTRACT >= shownWords(named)) return inside.content
  }
  const first = readability(tree)
  const body = bodyContainer(tree)
  if (body === null) return first.content
  // A pick wholly outside the body a CMS names, and shorter than it (an author's box, the comment form beside a short post), is not the article.
  const elsewhere = body.rank <= 1 && body.words > first.words && !sharesElements(first.content, body.el)
  if (!elsewhere && body.words <= BODY_OVER_EXTRACT * first.words) return first.content
  const inside = readability(alone(body.el))
  return inside.words * BODY_OVER_EXTRACT >= body.words
    ? inside.content
    : { type: 'root', children: [structuredClone(body.el)] }
}

/** Turns a saved page into Markdown text with a line map, the regions left out and what its markup says; text passes through. */
export const page: Stage = (doc) => {
  // An export's article arrives with its line map made (exports.ts): there is no page to extract it from.
  if (doc.format !== 'html' || doc.page !== undefined) return doc
  const messages: Message[] = []
  const file = doc.source_path
  // Anything short of an HTML document under an .html name is another kind of file, not a page to guess at.
  if (!/<(?:!doctype\s+html|html|head|body|p|div|article|main|h[1-6])\b/i.test(doc.raw.slice(0, 1 << 20)))
    return failDoc(doc, 'page-not-html', 'No HTML markup, expected a saved web page (a text file is read as .txt)', 1)
  const tree = fromHtml(doc.raw)
  const { elements, texts, depth, scripts } = numberPage(tree)
  if (depth > MAX_PAGE_DEPTH)
    return failDoc(
      doc,
      'too-deep',
      `The page nests elements ${depth} deep, expected at most ${MAX_PAGE_DEPTH}; left out`,
    )
  if (!texts.some((t) => WORD.test(t.value))) {
    if (scripts > 0)
      return failDoc(
        doc,
        'page-script-only',
        'The page shows no text of its own: its scripts would write it, and no script of a page is run; save the page as the browser shows it',
      )
    return failDoc(doc, 'page-empty', 'The page shows no text')
  }
  const markup = readMarkup(tree, (rule, reason, line) =>
    messages.push({ file, rule, severity: 'warning', reason, ...(line === undefined ? {} : { line }) }),
  )

  // Readability rewrites the DOM; each element's number rides along as an attribute and tells what it kept.
  wrapLooseText(elements, texts)
  prune(tree)
  const content = extract(tree, markup.url)
  const kept = new Set<number>()
  // Elements left out of the article the extractor kept, with the rule that left each out.
  const setAside = new Map<number, string>()
  dropTrailingHeadings(content, setAside)
  const articleWords = shownWords(content)
  const stack: (Root | RootContent)[] = [content]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === undefined) break
    delete node.position
    if (node.type !== 'element' && node.type !== 'root') continue
    // Figures and captions describe a picture, not the story, and a box about the post (see `BOX_NAMES`) is not
    // of it: they leave the text, each a change of its own.
    // Readability drops class names: a numbered element is judged by its own in the page.
    let parentWords = -1
    const wordsOfNode = () => {
      if (parentWords === -1) parentWords = shownWords(node)
      return parentWords
    }
    const parentNumber =
      node.type === 'element' && node.properties[NUMBER] !== undefined ? Number(node.properties[NUMBER]) : -1
    const dissolved = (made: Element) => dissolvedOf(elements, made, parentNumber)
    const keep = (child: RootContent | ElementContent) => {
      if (child.type !== 'element') return true
      const n = child.properties[NUMBER] !== undefined ? Number(child.properties[NUMBER]) : dissolved(child)
      const source = elements[n]
      if (source === undefined) return true
      const chain = standsFor(elements, n, parentNumber)
      const rule = isCaption(source.el)
        ? 'page-caption'
        : isBox(
              chain.map((at) => (elements[at] as Numbered).el),
              wordsOfNode,
              articleWords,
            )
          ? 'page-box'
          : null
      if (rule === null) return true
      for (const at of chain) setAside.set(at, rule)
      return false
    }
    node.children = node.children.filter(keep) as typeof node.children
    if (node.type === 'element') {
      const n = Number(node.properties[NUMBER])
      delete node.properties[NUMBER]
      const source = elements[n]
      if (source !== undefined) {
        kept.add(n)
        node.position = { start: { line: source.start, column: 1 }, end: { line: source.end, column: 1 } }
        // Readability makes every heading of the article h2 or lower; the page's own h1 is its title.
        if (source.el.tagName === 'h1') node.tagName = 'h1'
      }
    }
    stack.push(...node.children)
  }
  const title = titleHeading(elements, markup.title?.value ?? markup.documentTitle)
  if (title !== undefined && !kept.has(title)) {
    // The lead between the headline and the article the extractor found (a standfirst in an h2, a `teaser-text`) is the article's first paragraph.
    let firstKept = elements.length
    for (const n of kept) if (n > title && n < firstKept) firstKept = n
    // A lead the article repeats (a summary that is its first sentence) is not added twice.
    const opening = squash(textOf(content)).slice(0, 2000).toLowerCase()
    for (const { n, text } of leadBlocks(elements, title, firstKept)
      .filter((lead) => !opening.includes(lead.text.toLowerCase().slice(0, 80)))
      .reverse()) {
      const source = elements[n] as Numbered
      content.children.unshift({
        type: 'element',
        tagName: 'p',
        properties: {},
        children: [{ type: 'text', value: text }],
        position: { start: { line: source.start, column: 1 }, end: { line: source.end, column: 1 } },
      })
      kept.add(n)
      for (let d = n + 1; d < elements.length && isWithin(elements, d, n); d += 1) kept.add(d)
    }
    // The headline stands above the article the extractor found: it opens the text, where the header search reads it.
    const source = elements[title] as Numbered
    content.children.unshift({
      type: 'element',
      tagName: 'h1',
      properties: {},
      children: [{ type: 'text', value: squash(textOf(source.el)) }],
      position: { start: { line: source.start, column: 1 }, end: { line: source.end, column: 1 } },
    })
    kept.add(title)
  }
  const mdast = articleMdast(content)
  simplifyEmphasis(mdast)
  const blocks = blocksOf('children' in mdast ? (mdast.children as MdContent[]) : [])
  const lines: string[] = []
  const lineStart: number[] = []
  const lineEnd: number[] = []
  let previous = 1
  for (const block of blocks) {
    const text = toMarkdown(block, MARKDOWN).replace(/\n+$/, '')
    if (text.trim() === '') continue
    const [start, end] = linesOf(block) ?? [previous, previous]
    if (lines.length > 0) {
      lines.push('')
      lineStart.push(previous)
      lineEnd.push(previous)
    }
    for (const line of text.split('\n')) {
      lines.push(line)
      lineStart.push(start)
      lineEnd.push(end)
    }
    previous = end
  }
  const words = wordsUpTo(lines, MIN_ARTICLE_WORDS)
  if (words < MIN_ARTICLE_WORDS)
    return failDoc(
      { ...doc, messages: [...doc.messages, ...messages] },
      'page-no-article',
      `The extractor found no article on the page (${words} words), expected an article's text`,
    )
  const removed = removedRegions(elements, texts, kept, setAside)
  const all = [...doc.messages, ...messages]
  return {
    ...doc,
    raw: lines.join('\n'),
    page: { lineStart, lineEnd, removed, markup, textMessagesFrom: all.length },
    messages: all,
  }
}

/** Tags of a lead paragraph, and the inline tags it may hold. */
const LEAD_TAGS = new Set(['p', 'h2', 'h3', 'div'])
const INLINE = new Set(['a', 'em', 'strong', 'b', 'i', 'span', 'br', 'abbr', 'q', 'small', 'sup', 'sub', 'mark'])
/** A lead is a sentence or two: this many words at least and at most, and it ends as a sentence does. */
const LEAD_WORDS = [12, 120] as const
const SENTENCE_END = /[.!?…]["'“”’»«)\]]*$/u
/** How many elements after the headline are searched for the lead, and how many lead blocks are taken. */
const LEAD_REACH = 40
const MAX_LEAD_BLOCKS = 2

/** Whether element `n` lies inside element `outer` (elements are numbered in document order). */
function isWithin(elements: readonly Numbered[], n: number, outer: number): boolean {
  for (let at = elements[n]?.parent ?? -1; at !== -1; at = elements[at]?.parent ?? -1) if (at === outer) return true
  return false
}

/**
 * The lead blocks between the headline and the first element the extractor kept: shown paragraphs of a
 * sentence or two (inline markup only, few links) that no byline or caption is, nearest the headline first.
 */
function leadBlocks(elements: readonly Numbered[], title: number, firstKept: number): { n: number; text: string }[] {
  const out: { n: number; text: string }[] = []
  const end = Math.min(firstKept, title + LEAD_REACH, elements.length)
  for (let n = title + 1; n < end && out.length < MAX_LEAD_BLOCKS; n += 1) {
    const { el } = elements[n] as Numbered
    if (!LEAD_TAGS.has(el.tagName) || isWithin(elements, n, title) || out.some((o) => isWithin(elements, n, o.n)))
      continue
    if (!el.children.every((c) => c.type !== 'element' || INLINE.has(c.tagName))) continue
    let hidden = false
    for (let at: number = n; at !== -1 && !hidden; at = elements[at]?.parent ?? -1)
      hidden = isPruned(elements[at]?.el as Element) || isCaption(elements[at]?.el as Element)
    if (hidden) continue
    const text = squash(textOf(el))
    const words = text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0
    const linkWords =
      squash(
        el.children
          .filter((c): c is Element => c.type === 'element' && c.tagName === 'a')
          .map((a) => textOf(a))
          .join(' '),
      ).match(/[\p{L}\p{N}]+/gu)?.length ?? 0
    if (
      words < LEAD_WORDS[0] ||
      words > LEAD_WORDS[1] ||
      linkWords * 5 > words ||
      !SENTENCE_END.test(text) ||
      /^(?:by|von|par|por|door)\s/i.test(text)
    )
      continue
    out.push({ n, text })
  }
  return out
}

/** The page's headline element: the h1 whose text the markup's title holds (or holds it), else the first h1; undefined without one. */
function titleHeading(elements: readonly Numbered[], title: string | null): number | undefined {
  const h1s = elements.flatMap((e, n) => (e.el.tagName === 'h1' && squash(textOf(e.el)) !== '' ? [n] : []))
  const wanted = squash(title ?? '').toLowerCase()
  const matching = h1s.find((n) => {
    const text = squash(textOf(elements[n]?.el as Element)).toLowerCase()
    return wanted !== '' && (wanted.includes(text) || text.includes(wanted))
  })
  return matching ?? h1s[0]
}

/**
 * The regions of the page the article does not hold: each element outside the kept ones whose parent is
 * kept or holds kept elements (the largest such subtree), and each shown text directly inside such a parent.
 */
function removedRegions(
  elements: readonly Numbered[],
  texts: readonly PageText[],
  kept: ReadonlySet<number>,
  setAside: ReadonlyMap<number, string>,
): Change[] {
  // An element that holds kept elements is on the way to the article: its other children are regions left out.
  const onPath = new Set<number>()
  for (const n of kept)
    for (let at = elements[n]?.parent ?? -1; at !== -1 && !onPath.has(at); at = elements[at]?.parent ?? -1)
      onPath.add(at)
  const inside = (n: number) => kept.has(n) || onPath.has(n)
  // The root of each region: climb from a text's element to the last ancestor outside the article's elements.
  const rootOf = new Map<number, number>()
  const regionOf = (owner: number): number => {
    const known = rootOf.get(owner)
    if (known !== undefined) return known
    let at = owner
    while ((elements[at]?.parent ?? -1) !== -1 && !inside(elements[at]?.parent ?? -1)) at = elements[at]?.parent ?? -1
    rootOf.set(owner, at)
    return at
  }
  const regions = new Map<string, { start: number; end: number; text: string[]; evidence: string; rule: string }>()
  for (const t of texts) {
    if (kept.has(t.owner)) continue
    const key = onPath.has(t.owner) ? `text:${t.owner}:${t.line}` : `el:${regionOf(t.owner)}`
    let region = regions.get(key)
    if (region === undefined) {
      const root = onPath.has(t.owner) ? undefined : elements[regionOf(t.owner)]
      const setAsideBy = onPath.has(t.owner) ? undefined : setAside.get(regionOf(t.owner))
      region = {
        start: root?.start ?? t.line,
        end: root?.end ?? t.line,
        text: [],
        evidence: `${pathOf(elements, onPath.has(t.owner) ? t.owner : regionOf(t.owner))}${onPath.has(t.owner) ? ' (text)' : ''}`,
        rule: setAsideBy ?? 'page-outside-article',
      }
      regions.set(key, region)
    }
    region.text.push(t.value)
  }
  return [...regions.values()]
    .map((r) => ({
      rule: r.rule,
      action: 'remove' as const,
      line_start: r.start,
      line_end: Math.max(r.start, r.end),
      before: squash(r.text.join(' ')),
      after: '',
      evidence: r.evidence,
    }))
    .filter((c) => c.before !== '')
}

/** A processed page's messages with the page's lines instead of the Markdown's. */
export function inPageLines(doc: Doc): Doc {
  const from = doc.page?.textMessagesFrom
  if (from === undefined) return doc
  return {
    ...doc,
    messages: doc.messages.map((m, i) =>
      i < from || m.line === undefined ? m : { ...m, line: sourceLines(doc, m.line, m.line)[0] },
    ),
  }
}
