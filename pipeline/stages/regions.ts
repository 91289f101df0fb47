import type { Element, Root, RootContent } from 'hast'

// The regions of a saved page's body as the header readers see them: which element is the headline, how far
// an element stands from it, and which regions hold other articles' or readers' words (comments, teasers,
// sidebars, menus), whose dates and names are never the page's own.

/** Tags of regions that are never the article's own: navigation, asides, forms. */
const OTHER_REGION_TAGS = new Set(['aside', 'nav', 'form', 'select', 'option', 'button'])
/** Class or id words of regions of other articles or of readers. */
const OTHER_REGION_CLASS = /(?:^|[-_\s])(?:comments?|related|sidebar|recommend\w*|similar|popular|newsletter|breadcrumbs?|teasers?)(?:[-_\s]|$)/i
/** Elements whose classes describe the whole page (a body's `has-sidebar`), never a region of it. */
const PAGE_TAGS = new Set(['html', 'body', 'main', 'article'])
/** Elements whose content is never shown as text. */
const UNSHOWN = new Set(['script', 'style', 'template', 'head', 'noscript', 'svg', 'math'])

/** An element's attribute as text (hast keeps attributes as properties, some as lists). */
export function attr(el: Element, key: string): string | null {
  const value = el.properties[key]
  if (value === undefined || value === null || value === false) return null
  return Array.isArray(value) ? value.join(' ') : String(value)
}

/** The text of an element, its runs of white space as single spaces, up to about `limit` characters. */
export function shortText(el: Element, limit: number): string {
  let out = ''
  const stack: RootContent[] = [...el.children].reverse()
  while (stack.length > 0 && out.length <= limit) {
    const n = stack.pop()
    if (n === undefined) break
    if (n.type === 'text') out += n.value
    else if (n.type === 'element' && !UNSHOWN.has(n.tagName)) for (let i = n.children.length - 1; i >= 0; i -= 1) stack.push(n.children[i] as RootContent)
  }
  return out.replace(/\s+/g, ' ').trim()
}

/** Where an element stands: its number in document order and its class and id words. */
export interface Place {
  at: number
  cls: string
}

/** What a walk of the body is told: each element outside other regions (true: skip its content), each shown text after the headline with how many came before it, and the headline found. */
export interface BodyVisitor {
  element?: (el: Element, place: Place) => boolean | void
  text?: (value: string, place: Place, afterTitle: number) => void
  title?: () => void
}

/**
 * Walks a page's body in document order, leaving out other regions and unshown content, and returns the
 * headline's number: the first h1-h3 whose text the page's title holds, else the first h1 (-1 without one).
 */
export function walkBody(tree: Root, title: string | null, visitor: BodyVisitor): number {
  let at = 0
  let titleAt = -1
  let firstH1 = -1
  let afterTitle = 0
  const wanted = (title ?? '').replace(/\s+/g, ' ').trim().toLowerCase()
  const stack: (Root | RootContent)[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === undefined) break
    if (node.type === 'text') {
      if ((titleAt !== -1 || firstH1 !== -1) && /\S/.test(node.value)) visitor.text?.(node.value, { at, cls: '' }, afterTitle++)
      continue
    }
    if (node.type !== 'element' && node.type !== 'root') continue
    if (node.type === 'element') {
      at += 1
      const el = node
      const tag = el.tagName
      if (UNSHOWN.has(tag)) continue
      const cls = `${attr(el, 'className') ?? ''} ${attr(el, 'id') ?? ''}`
      if (OTHER_REGION_TAGS.has(tag) || (!PAGE_TAGS.has(tag) && OTHER_REGION_CLASS.test(cls))) continue
      if (/^h[1-3]$/.test(tag) && titleAt === -1) {
        const text = shortText(el, 300).toLowerCase()
        if (text.length >= 8 && wanted !== '' && wanted.includes(text)) {
          titleAt = at
          afterTitle = 0
          visitor.title?.()
        } else if (tag === 'h1' && firstH1 === -1) firstH1 = at
      }
      if (visitor.element?.(el, { at, cls }) === true) continue
    }
    for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i] as RootContent)
  }
  return titleAt === -1 ? firstH1 : titleAt
}

/** An element's distance from the headline for ranking: after it first (nearest first), then before it (nearest first). */
export const fromTitle = (at: number, titleAt: number): number => (titleAt === -1 ? at : at >= titleAt ? at - titleAt : 1e6 + (titleAt - at))
