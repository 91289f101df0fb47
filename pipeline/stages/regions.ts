import type { Element, Root, RootContent } from 'hast'
import { INVISIBLE } from '../rules/normalise.ts'

// The regions of a saved page's body as the header readers see them: which element is the headline, how far
// an element stands from it, and which regions hold other articles' or readers' words (comments, teasers,
// sidebars, menus), whose dates and names are never the page's own.

/** Tags of regions that are never the article's own: navigation, asides, forms. */
const OTHER_REGION_TAGS = new Set(['aside', 'nav', 'form', 'select', 'option', 'button'])
/** Class or id words of regions of other articles or of readers. */
const OTHER_REGION_CLASS =
  /(?:^|[-_\s])(?:wm-ipp-base|comments?|related|sidebar|recommend\w*|similar|popular|newsletter|breadcrumbs?|teasers?)(?:[-_\s]|$)/i
/** Class words of the article's own details box (`<aside class="meta">`, `teaser_text_meta` around the byline): its date and names are the page's, though the box is an aside or calls itself a teaser; a teaser list's meta stays out with its list. */
const DETAILS_CLASS = /(?:^|[-_\s])(?:meta(?:data)?|byline|dateline|date|author|info|details)(?:[-_\s]|$)/i
/** Region words that a details box may carry on itself; comments and related lists never name the page's own details. */
const DETAILS_MAY_CARRY = /(?:^|[-_\s])teasers?(?=[-_\s]|$)/gi
/** Class words of the sidebar an article's own template sets beside its text. */
const OWN_SIDEBAR = /(?:^|[-_\s])(?:article|post|entry|story)[-_]+sidebar(?=[-_\s]|$)/gi
/** Elements whose classes describe the whole page (a body's `has-sidebar`), never a region of it. */
const PAGE_TAGS = new Set(['html', 'body', 'main', 'article'])
/** Elements whose content is never shown as text. */
export const UNSHOWN = new Set(['script', 'style', 'template', 'head', 'noscript', 'svg', 'math'])

/** An element's attribute as text (hast keeps attributes as properties, some as lists). */
export function attr(el: Element, key: string): string | null {
  const value = el.properties[key]
  if (value === undefined || value === null || value === false) return null
  return Array.isArray(value) ? value.join(' ') : String(value)
}

/** Elements that end a line of text: their text is a field of its own (`Heiko Sauer` then `Do, 9. April`). */
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tr',
  'td',
  'th',
  'section',
  'header',
  'footer',
  'article',
  'address',
  'blockquote',
  'figure',
  'figcaption',
  'time',
])

/** The text of an element, its runs of white space as single spaces, up to about `limit` characters; the text of each block apart (` | `). */
export function shortText(el: Element, limit: number): string {
  let out = ''
  // Whether the text so far ends in a field separator: a run of empty blocks is one separator, so the limit counts shown text.
  let separated = true
  const separate = () => {
    if (!separated) out += ' | '
    separated = true
  }
  const stack: (RootContent | null)[] = [...el.children].reverse()
  while (stack.length > 0 && out.length <= limit) {
    const n = stack.pop()
    if (n === undefined) break
    // null marks the end of a block: what follows is another field.
    if (n === null || (n.type === 'element' && n.tagName === 'br')) separate()
    else if (n.type === 'text') {
      // Runs of white space count as one space (indentation is not text); a long text is cut, the caller only asks whether it is short.
      const value = (n.value.length > 4 * limit ? n.value.slice(0, 4 * limit) : n.value).replace(/\s+/g, ' ')
      if (/\S/.test(value)) {
        out += value
        separated = false
      } else if (!separated && !out.endsWith(' ')) out += ' '
    } else if (n.type === 'element' && !UNSHOWN.has(n.tagName)) {
      if (BLOCK.has(n.tagName)) {
        separate()
        stack.push(null)
      }
      for (let i = n.children.length - 1; i >= 0; i -= 1) stack.push(n.children[i] as RootContent)
    }
  }
  // Each run of separators is one, none at the ends (patterns that cannot match one run two ways: linear).
  return out
    .replace(/\s+/g, ' ')
    .replace(/^(?:\s*\|)+\s*|\s*(?:\|\s*)+$/g, '')
    .replace(/\s*\|(?:\s*\|)+\s*/g, ' | ')
    .trim()
}

/** Where an element stands: its number in document order and its class and id words. */
export interface Place {
  at: number
  cls: string
}

/** What a walk of the body is told: each element outside other regions (true: skip its content), each shown text after the headline with how many came before it, and the headline found. */
export interface BodyVisitor {
  // A visitor that skips nothing returns nothing: void, not undefined, is what such a callback's type says.
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback's return type, where void is the idiom
  element?: (el: Element, place: Place) => boolean | void
  text?: (value: string, place: Place, afterTitle: number) => void
  /** Each shown text before the headline. */
  before?: (value: string, place: Place) => void
  /** The headline, with its place. */
  title?: (at: number) => void
}

/**
 * Walks a page's body in document order, leaving out other regions and unshown content, and returns the
 * headline's number: the first h1-h3 whose text the page's title holds, else the first h1 (-1 without one).
 */
export function walkBody(tree: Root, title: string | null, visitor: BodyVisitor): number {
  const headline = headlineOf(tree, title)
  let at = 0
  let titleAt = -1
  let afterTitle = 0
  // Inside the <article> that holds the headline, a sidebar is the article's own (its details box), not another region.
  let inArticle = 0
  const stack: (Root | RootContent | typeof LEAVE_ARTICLE)[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === undefined) break
    if (node === LEAVE_ARTICLE) {
      inArticle -= 1
      continue
    }
    if (node.type === 'text') {
      if (!/\S/.test(node.value)) continue
      if (titleAt !== -1) visitor.text?.(node.value, { at, cls: '' }, afterTitle++)
      else visitor.before?.(node.value, { at, cls: '' })
      continue
    }
    if (node.type !== 'element' && node.type !== 'root') continue
    if (node.type === 'element') {
      at += 1
      const el = node
      const tag = el.tagName
      if (UNSHOWN.has(tag)) continue
      // The names a page gives its parts: class, id, and the test ids of component frameworks (`data-testid="prism-byline"`).
      const cls = `${attr(el, 'className') ?? ''} ${attr(el, 'id') ?? ''} ${attr(el, 'dataTestid') ?? ''}`
      // A region that holds the headline is the article's, whatever its class says (a theme's `id="sidebar"` around the content).
      if (!headline.around.has(el) && isOtherRegion(tag, inArticle > 0 ? cls.replace(SIDEBAR, ' ') : cls)) continue
      if (tag === 'article' && headline.around.has(el)) {
        inArticle += 1
        stack.push(LEAVE_ARTICLE)
      }
      if (el === headline.el) {
        titleAt = at
        visitor.title?.(at)
      }
      if (visitor.element?.(el, { at, cls }) === true) continue
    }
    for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i] as RootContent)
  }
  return titleAt
}

/** The walk's mark for leaving the headline's <article>. */
const LEAVE_ARTICLE = { type: 'leave-article' } as const
/** The sidebar class word, which inside the headline's <article> names its own details column. */
const SIDEBAR = /(?:^|[-_\s])sidebar(?=[-_\s]|$)/gi

/** Whether an element is a region of other articles or of readers, by its tag or its class words. */
function isOtherRegion(tag: string, rawCls: string): boolean {
  const otherTag = OTHER_REGION_TAGS.has(tag)
  if (!otherTag && (PAGE_TAGS.has(tag) || !OTHER_REGION_CLASS.test(rawCls))) return false
  // An article's own sidebar (`article-sidebar`, `post-sidebar`) holds its byline and date, not other articles.
  const cls = rawCls.replace(OWN_SIDEBAR, ' ')
  const details = DETAILS_CLASS.test(cls)
  if (otherTag) return !(tag === 'aside' && details)
  return OTHER_REGION_CLASS.test(details ? cls.replace(DETAILS_MAY_CARRY, ' ') : cls)
}

/** The headlines found per page and title: the date search and the byline search walk the same page for the same headline. */
const headlines = new WeakMap<Root, Map<string | null, Headline>>()

/** The headline of a page for a title, found once. */
function headlineOf(tree: Root, title: string | null): Headline {
  let byTitle = headlines.get(tree)
  if (byTitle === undefined) {
    byTitle = new Map()
    headlines.set(tree, byTitle)
  }
  let found = byTitle.get(title)
  if (found === undefined) {
    found = findHeadline(tree, title)
    byTitle.set(title, found)
  }
  return found
}

/** A page's headline element and the elements around it. */
interface Headline {
  el: Element | null
  around: Set<Element>
}

/** The headline element (the first h1-h3 whose text the page's title holds, or a lower heading that is the whole title, else the first h1, else an element whose own text is the whole title) and the elements around it. */
function findHeadline(tree: Root, title: string | null): Headline {
  // Soft hyphens and zero-width characters are invisible: a headline set with them is the title without them.
  const wanted = (title ?? '').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim().toLowerCase()
  const parent = new Map<Element, Element | null>()
  let firstH1: Element | null = null
  let found: Element | null = null
  let foundLength = 0
  let whole: Element | null = null
  const stack: { node: Root | Element; up: Element | null }[] = [{ node: tree, up: null }]
  // The walk ends early only at a heading that is the whole title.
  while (stack.length > 0 && (found === null || foundLength < wanted.length)) {
    const item = stack.pop()
    if (item === undefined) break
    const { node } = item
    if (node.type === 'element') {
      parent.set(node, item.up)
      if (/^h[1-6]$/.test(node.tagName)) {
        const text = shortText(node, 300).replace(INVISIBLE, '').toLowerCase()
        // A lower heading is the headline only when it is the page's whole title (a CMS that sets its headline in an h4).
        // Of the headings the title holds, the longest: a menu's heading (`Aktuelles`) may be a word of the title too.
        if (
          text.length >= 8 &&
          text.length > foundLength &&
          wanted !== '' &&
          (/^h[1-3]$/.test(node.tagName) ? wanted.includes(text) : wanted === text)
        ) {
          found = node
          foundLength = text.length
        } else if (node.tagName === 'h1') firstH1 ??= node
        continue
      }
      // A page set without headings (an old table layout's bold line): an element whose own text is the whole title.
      if (
        whole === null &&
        wanted.length >= 8 &&
        node.children.some((c) => c.type === 'text' && c.value.replace(/\s+/g, ' ').trim().toLowerCase() === wanted)
      )
        whole = node
    }
    const up = node.type === 'element' ? node : null
    for (let i = node.children.length - 1; i >= 0; i -= 1) {
      const c = node.children[i] as RootContent
      if (c.type === 'element' && !UNSHOWN.has(c.tagName)) stack.push({ node: c, up })
    }
  }
  const el = found ?? firstH1 ?? whole
  const around = new Set<Element>()
  for (let at = el; at !== null && at !== undefined; at = parent.get(at) ?? null) around.add(at)
  return { el, around }
}

/** An element's distance from the headline for ranking: after it first (nearest first), then before it (nearest first). */
export const fromTitle = (at: number, titleAt: number): number =>
  titleAt === -1 ? at : at >= titleAt ? at - titleAt : ABOVE_TITLE + (titleAt - at)

/** Where `fromTitle` counts places above the headline from: after every place below it. */
export const ABOVE_TITLE = 1e6
