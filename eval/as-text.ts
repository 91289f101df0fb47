import type { Element, Nodes, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'

// A saved page as "save as text" gives it: html2text's Markdown without links and images, paragraphs wrapped
// at 78 columns, the way devdata/web/raw was made. It lets the text reader be scored on the hundreds of sites of
// devdata/wide, not only on the 80 text pages there are. It follows html2text's documented output for the
// elements it names; it is an approximation of that library, written for evaluation only.

const QUIET = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'select', 'button'])
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'nav',
  'aside',
  'form',
  'figure',
  'figcaption',
  'address',
  'dl',
  'dt',
  'dd',
  'fieldset',
])
const EMPHASIS: Readonly<Record<string, string>> = { em: '_', i: '_', u: '_', strong: '**', b: '**' }
const WIDTH = 78

/** Renders a page's HTML as html2text would with `ignore_links`, `ignore_images` and a body width of 78. */
export function asText(html: string): string {
  const tree = fromHtml(html)
  const out = new Writer()
  walk(tree, out, [])
  return wrap(out.text())
}

/** Collects text, with html2text's paragraph breaks ("\n\n") and line breaks collapsed as it collapses them. */
class Writer {
  private parts: string[] = []
  private pending = 0
  private atLineStart = true
  prefix = ''
  /** A paragraph break: one blank line before what comes next. */
  paragraph(): void {
    this.pending = Math.max(this.pending, 2)
  }
  /** A line break. */
  line(): void {
    this.pending = Math.max(this.pending, 1)
  }
  write(text: string, raw = false): void {
    let t = raw ? text : text.replace(/\s+/g, ' ')
    if (t === '') return
    if (this.pending > 0 && this.parts.length > 0) {
      this.parts.push('\n'.repeat(this.pending))
      this.atLineStart = true
    }
    this.pending = 0
    if (this.atLineStart) {
      t = t.replace(/^ +/, '')
      if (t === '') return
      this.parts.push(this.prefix)
    }
    this.parts.push(t)
    this.atLineStart = false
  }
  text(): string {
    return `${this.parts.join('')}\n`
  }
}

function walk(node: Nodes, out: Writer, lists: ('ul' | 'ol')[]): void {
  if (node.type === 'text') {
    out.write(node.value)
    return
  }
  if (node.type !== 'root' && node.type !== 'element') return
  if (node.type === 'root') {
    for (const child of (node as Root).children) walk(child, out, lists)
    return
  }
  const el = node as Element
  const tag = el.tagName
  if (QUIET.has(tag)) return
  const children = () => {
    for (const child of el.children) walk(child, out, lists)
  }
  if (/^h[1-6]$/.test(tag)) {
    out.paragraph()
    out.write(`${'#'.repeat(Number(tag[1]))} `, true)
    children()
    out.paragraph()
  } else if (tag === 'br') {
    out.write('  ', true)
    out.line()
  } else if (tag === 'hr') {
    out.paragraph()
    out.write('* * *', true)
    out.paragraph()
  } else if (tag === 'blockquote') {
    out.paragraph()
    const before = out.prefix
    out.prefix = `${before}> `
    children()
    out.prefix = before
    out.paragraph()
  } else if (tag === 'ul' || tag === 'ol') {
    out.paragraph()
    for (const child of el.children) walk(child, out, [...lists, tag])
    out.paragraph()
  } else if (tag === 'li') {
    out.line()
    out.write(`${'  '.repeat(Math.max(1, lists.length))}${lists.at(-1) === 'ol' ? '1. ' : '* '}`, true)
    children()
    out.line()
  } else if (tag === 'tr') {
    out.line()
    let first = true
    for (const cell of el.children) {
      if (cell.type !== 'element') continue
      if (!first) out.write(' | ', true)
      first = false
      walk(cell, out, lists)
    }
    out.line()
  } else if (tag === 'table') {
    out.paragraph()
    children()
    out.paragraph()
  } else if (tag === 'pre') {
    out.paragraph()
    out.write(
      textOf(el)
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n'),
      true,
    )
    out.paragraph()
  } else if (EMPHASIS[tag] !== undefined) {
    const mark = EMPHASIS[tag] as string
    out.write(mark, true)
    children()
    out.write(mark, true)
  } else if (BLOCK.has(tag)) {
    out.paragraph()
    children()
    out.paragraph()
  } else children()
}

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' || node.type === 'root') return node.children.map(textOf).join('')
  return ''
}

/** html2text's `optwrap`: a line that is not a list item, a quote, indented or a table row is wrapped at 78 columns. */
function wrap(text: string): string {
  const lines: string[] = []
  for (const line of text.split('\n')) {
    if (line.length <= WIDTH || /^(?: {2}|\t|> |#)|\|/.test(line)) {
      lines.push(line)
      continue
    }
    let current = ''
    for (const word of line.split(' ')) {
      if (current !== '' && current.length + 1 + word.length > WIDTH) {
        lines.push(current)
        current = word
      } else current = current === '' ? word : `${current} ${word}`
    }
    lines.push(current)
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`
}
