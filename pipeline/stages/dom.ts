import type { ElementContent, Root, RootContent } from 'hast'
import { parseHTML } from 'linkedom'
import { find, html, svg } from 'property-information'

// A page's tree handed to Readability without an HTML string in between: linkedom's DOM built straight from
// the hast tree parse5 gave, with no serialising and no second parse of the whole page.

/** The part of linkedom's DOM this module builds, and that the page stage reads of Readability's article. */
interface DomNode {
  nodeType: number
}
export interface DomElement extends DomNode {
  innerHTML: string
  setAttribute(name: string, value: string): void
  appendChild(node: unknown): unknown
}
interface DomDocument {
  documentElement: DomElement
  createElement(tag: string): DomElement
  createElementNS(space: string, tag: string): DomElement
  createTextNode(text: string): DomNode
  createComment(text: string): DomNode
  replaceChild(node: unknown, old: unknown): unknown
}

const SVG_SPACE = 'http://www.w3.org/2000/svg'

/** How many property names the memo below holds before it is emptied. */
const MAX_MEMO = 10_000
/** Each property's attribute name, and whether its list is written with commas, by schema (property-information's lookup, once a name). */
const ATTRIBUTES = { html: new Map<string, [string, boolean]>(), svg: new Map<string, [string, boolean]>() }

/** A hast property as the attribute a browser would read (as hast-util-to-html writes it); null when the attribute is absent. */
function attribute(space: 'html' | 'svg', key: string, value: unknown): [string, string] | null {
  if (value === null || value === undefined || value === false || (typeof value === 'number' && Number.isNaN(value)))
    return null
  let known = ATTRIBUTES[space].get(key)
  if (known === undefined) {
    const info = find(space === 'svg' ? svg : html, key)
    known = [info.attribute, info.commaSeparated]
    // Pages make up data-* names without end: the memo is emptied before it grows large.
    if (ATTRIBUTES[space].size >= MAX_MEMO) ATTRIBUTES[space].clear()
    ATTRIBUTES[space].set(key, known)
  }
  if (value === true) return [known[0], '']
  return [known[0], Array.isArray(value) ? value.join(known[1] ? ', ' : ' ') : String(value)]
}

/** A linkedom document holding a hast tree's elements, text and comments, as parsing its HTML would give. */
export function documentOf(tree: Root): unknown {
  const { document } = parseHTML('<!DOCTYPE html><html></html>') as unknown as { document: DomDocument }
  const stack: { node: RootContent; parent: DomElement | null; space: 'html' | 'svg' }[] = []
  for (let i = tree.children.length - 1; i >= 0; i -= 1)
    stack.push({ node: tree.children[i] as RootContent, parent: null, space: 'html' })
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, parent } = item
    let made: DomNode | null = null
    if (node.type === 'text') made = document.createTextNode(node.value)
    else if (node.type === 'comment') made = document.createComment(node.value)
    else if (node.type === 'element') {
      // An <svg> and what it holds are of SVG's namespace, where attribute names keep their case (viewBox).
      const space = item.space === 'svg' || node.tagName === 'svg' ? 'svg' : 'html'
      const el =
        space === 'svg' ? document.createElementNS(SVG_SPACE, node.tagName) : document.createElement(node.tagName)
      // linkedom puts an attribute set first: set last to first, they stand in the page's order.
      const keys = Object.keys(node.properties)
      for (let k = keys.length - 1; k >= 0; k -= 1) {
        const key = keys[k] as string
        const pair = attribute(space, key, node.properties[key])
        if (pair !== null) el.setAttribute(pair[0], pair[1])
      }
      // A template's content is its children, as its serialised HTML would read.
      const children: readonly (RootContent | ElementContent)[] =
        node.tagName === 'template' && node.content !== undefined ? node.content.children : node.children
      for (let i = children.length - 1; i >= 0; i -= 1)
        stack.push({ node: children[i] as RootContent, parent: el, space })
      made = el
      if (parent === null && node.tagName === 'html') {
        document.replaceChild(el, document.documentElement)
        continue
      }
    }
    if (made !== null && parent !== null) parent.appendChild(made)
  }
  return document
}
