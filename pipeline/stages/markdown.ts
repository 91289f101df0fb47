import type { Nodes, Root, RootContent } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { Emphasis, Link } from '../../schemas/index.ts'
import { auditWords, auditWordsByLine, visibleText } from './audit.ts'
import type { Change } from '../types.ts'

/** A block of Markdown turned into plain text, with its raw line range. */
export interface MarkdownBlock {
  /** `heading` for `#` headings, `item` for list items, `paragraph` for everything else with text. */
  source: 'paragraph' | 'heading' | 'item'
  text: string
  line_start: number
  line_end: number
  emphasis: Emphasis[]
  links: Link[]
}

/** Moves spans (emphasis, links) by `by` characters, for text put after other text. */
export function shiftSpans<T extends { start: number; end: number }>(spans: readonly T[], by: number): T[] {
  return spans.map((span) => ({ ...span, start: span.start + by, end: span.end + by }))
}

const parser = unified().use(remarkParse)

/** Parses Markdown and flattens it to text blocks; `lineOffset` is added to every line number. */
export function markdownBlocks(markdown: string, lineOffset = 0): MarkdownBlock[] {
  const tree = parser.parse(markdown) as Root
  const blocks: MarkdownBlock[] = []
  collect(tree.children, 'paragraph', markdown, lineOffset, blocks)
  return blocks
}

/**
 * Records the words of the Markdown source that its text blocks do not keep (link targets, reference
 * labels, code fence info), one `markdown-syntax` removal per run of lines, so that no word vanishes.
 */
export function droppedSyntax(markdown: string, lineOffset: number, blocks: readonly MarkdownBlock[]): Change[] {
  return squeeze(markdown) === squeeze(blocks.map((b) => b.text).join(' '))
    ? []
    : droppedWords(markdown, lineOffset, blocks, { stepOver: true })
}

// Word boundaries always fall at white space and white space is never in a word, so text equal but for white space has the same words.
const squeeze = (text: string) => visibleText(text).replace(/\s+/g, ' ').trim()

/**
 * `droppedSyntax` word by word: the source's words are walked in order against the words its blocks keep.
 * With `stepOver`, a block whose lines have its words (equal but for white space) is stepped over
 * unsegmented, with its lines, whenever the walk reaches its lines with every word before it taken and
 * none of its own: word by word, each of its words would be taken in turn, so the walk goes on as it would have.
 */
export function droppedWords(
  markdown: string,
  lineOffset: number,
  blocks: readonly MarkdownBlock[],
  { stepOver = false } = {},
): Change[] {
  const source = sourceRegions(markdown, lineOffset, blocks, stepOver)
  // The blocks' words, segmented in order as the walk first needs them; a block stepped over adds none.
  const kept: string[] = []
  const keptFrom: number[] = []
  const addBlock = () => {
    const text = blocks[keptFrom.length]?.text ?? ''
    keptFrom.push(kept.length)
    for (const word of auditWords(text)) kept.push(word)
  }
  const keptAt = (i: number) => {
    while (i >= kept.length && keptFrom.length < blocks.length) addBlock()
    return kept[i]
  }
  const dropped: { word: string; line: number }[] = []
  let next = 0
  for (const [r, region] of source.regions.entries()) {
    const b = region.block
    if (b !== undefined) {
      while (keptFrom.length < b) addBlock()
      const from = keptFrom[b] ?? kept.length
      if (next === from) {
        if (keptFrom.length === b) keptFrom.push(kept.length)
        else next = keptFrom[b + 1] ?? kept.length
        continue
      }
    }
    const { words, lines } = source.wordsOf(r)
    for (const [k, word] of words.entries()) {
      if (keptAt(next) === word) {
        next += 1
        continue
      }
      // A word the text spells otherwise (`countr&#x79;` is `country`) would stall the walk: it steps over up to RESYNC words of
      // the text to where this word and the next stand again, so that one odd spelling does not drop the rest of the block.
      const skip = resync(keptAt, next, word, () => (k + 1 < words.length ? words[k + 1] : source.firstWordFrom(r + 1)))
      if (skip > 0) next += skip + 1
      else dropped.push({ word, line: (lines[k] ?? 1) + lineOffset })
    }
  }
  const changes: Change[] = []
  for (const { word, line } of dropped) {
    const last = changes.at(-1)
    if (last !== undefined && line - last.line_end <= 1)
      Object.assign(last, { before: `${last.before} ${word}`, line_end: line })
    else
      changes.push({
        rule: 'markdown-syntax',
        action: 'remove',
        line_start: line,
        line_end: line,
        before: word,
        after: '',
      })
  }
  return changes
}

/** A run of the source's lines (1-based, inclusive): the lines of one block that may be stepped over, or the lines between. */
interface Region {
  from: number
  to: number
  block?: number
}

/**
 * The source cut into regions, and their words with their lines, segmented when first asked for: no word
 * crosses a line end (UAX #29 WB3a/b), so a run of whole lines has the words it has in the whole source.
 */
function sourceRegions(markdown: string, lineOffset: number, blocks: readonly MarkdownBlock[], stepOver: boolean) {
  const starts = [0]
  for (let at = markdown.indexOf('\n'); at !== -1; at = markdown.indexOf('\n', at + 1)) starts.push(at + 1)
  const linesOf = (from: number, to: number) =>
    markdown.slice(starts[from - 1] ?? 0, (starts[to] ?? markdown.length + 1) - 1)
  const regions: Region[] = []
  let line = 1
  for (const [i, b] of blocks.entries()) {
    const [from, to] = [b.line_start - lineOffset, b.line_end - lineOffset]
    // Regions follow each other: a block that starts inside one already made is walked word by word.
    if (!stepOver || from < line || to < from || to > starts.length || squeeze(linesOf(from, to)) !== squeeze(b.text))
      continue
    if (line < from) regions.push({ from: line, to: from - 1 })
    regions.push({ from, to, block: i })
    line = to + 1
  }
  if (line <= starts.length) regions.push({ from: line, to: starts.length })
  const segmented = new Map<number, { words: string[]; lines: number[] }>()
  const wordsOf = (r: number) => {
    const known = segmented.get(r)
    if (known !== undefined) return known
    const { from = 1, to = 0 } = regions[r] ?? {}
    const found = auditWordsByLine(linesOf(from, to))
    found.lines = found.lines.map((l) => l + from - 1)
    segmented.set(r, found)
    return found
  }
  // The first word of the regions from r on; each region is segmented once, so scanning past wordless ones stays linear.
  const firstWordFrom = (r: number): string | undefined => {
    for (let q = r; q < regions.length; q += 1) {
      const first = wordsOf(q).words[0]
      if (first !== undefined) return first
    }
    return undefined
  }
  return { regions, wordsOf, firstWordFrom }
}

/** How far ahead in the text a source word may be found again after words the source spells otherwise. */
const RESYNC = 3

/**
 * How many words of the text to step over so that `word` and the one after it match again; 0 when they do
 * not within RESYNC. The source's next word is asked for only when this one is found ahead.
 */
function resync(
  keptAt: (i: number) => string | undefined,
  next: number,
  word: string,
  after: () => string | undefined,
): number {
  for (let j = 1; j <= RESYNC; j += 1) {
    if (keptAt(next + j) !== word) continue
    const following = after()
    if (following === undefined || keptAt(next + j + 1) === following) return j
  }
  return 0
}

function collect(
  nodes: RootContent[],
  source: MarkdownBlock['source'],
  markdown: string,
  lineOffset: number,
  out: MarkdownBlock[],
  inList = false,
): void {
  for (const node of nodes) {
    if (node.type === 'list') {
      // A numbered "list" that starts past 1 is a sentence opening with a number (2015. In recent months…).
      const sentence = node.ordered === true && (node.start ?? 1) > 1
      for (const item of node.children)
        collect(item.children, sentence ? source : 'item', markdown, lineOffset, out, true)
    } else if (node.type === 'blockquote') {
      collect(node.children, source, markdown, lineOffset, out, inList)
    } else if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'code' || node.type === 'html') {
      const flat = flatten(node)
      // An ordered-list number ("1999. The bombings") is text of the source, not list syntax to drop.
      const marker = inList ? orderedMarker(markdown, node) : ''
      if (flat.text === '' && marker === '') continue
      out.push({
        source: node.type === 'heading' ? 'heading' : source,
        text: marker === '' ? flat.text : `${marker} ${flat.text}`,
        line_start: (node.position?.start.line ?? 1) + lineOffset,
        line_end: (node.position?.end.line ?? 1) + lineOffset,
        emphasis: marker === '' ? flat.emphasis : shiftSpans(flat.emphasis, marker.length + 1),
        links: marker === '' ? flat.links : shiftSpans(flat.links, marker.length + 1),
      })
    } else if ('children' in node) {
      collect(node.children as RootContent[], source, markdown, lineOffset, out, inList)
    }
  }
}

/** The `12.` or `3)` that starts the line of a list item's first paragraph, if any. */
function orderedMarker(markdown: string, node: Nodes): string {
  const line = markdown.split('\n', node.position?.start.line ?? 1).at(-1) ?? ''
  return /^\s*(\d{1,9}[.)])\s/.exec(line)?.[1] ?? ''
}

interface Flat {
  text: string
  emphasis: Emphasis[]
  links: Link[]
}

/** Resolves inline Markdown to one line of plain text, keeping emphasised spans and links as offsets. */
export function flatten(node: Nodes): Flat {
  const state: Flat = { text: '', emphasis: [], links: [] }
  visit(node, state)
  const text = state.text.trimEnd()
  const clip = <T extends { start: number; end: number; text: string }>(spans: T[]): T[] =>
    spans
      .map((e) => ({ ...e, end: Math.min(e.end, text.length) }))
      .filter((e) => e.end > e.start)
      .map((e) => ({ ...e, text: text.slice(e.start, e.end) }))
      .sort((a, b) => a.start - b.start || b.end - a.end)
  return { text, emphasis: clip(state.emphasis), links: clip(state.links) }
}

function visit(node: Nodes, state: Flat): void {
  const start = state.text.length
  if (node.type === 'emphasis' || node.type === 'strong') {
    for (const child of node.children) visit(child, state)
    state.emphasis.push({
      start,
      end: state.text.length,
      text: '',
      style: node.type === 'strong' ? 'strong' : 'emphasis',
    })
  } else if (node.type === 'link') {
    for (const child of node.children) visit(child, state)
    if (node.url !== '') state.links.push({ start, end: state.text.length, text: '', url: node.url })
  } else if (node.type === 'break') {
    append(state, ' ')
  } else if (node.type === 'image' || node.type === 'imageReference') {
    append(state, node.alt ?? '')
  } else if ('value' in node) {
    append(state, node.value)
  } else if ('children' in node) {
    for (const child of node.children) visit(child as Nodes, state)
  }
}

// White space inside a block (soft line breaks, runs of spaces) is layout: one space keeps the words apart.
function append(state: { text: string }, value: string): void {
  let piece = value.replace(/\s+/g, ' ')
  if (state.text === '' || state.text.endsWith(' ')) piece = piece.replace(/^ /, '')
  state.text += piece
}

/** How deep block quotes and lists may nest in one document: no article comes near it, and past it the parse's cost and recursion grow with the depth. */
export const MAX_DEPTH = 64

/** The first line whose quote markers and list items nest deeper than `limit` (an upper bound: indentation counts a level per two spaces), or null. */
export function tooDeep(lines: readonly string[], limit = MAX_DEPTH): { depth: number; line: number } | null {
  for (const [i, line] of lines.entries()) {
    const prefix = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t>]|$))*/.exec(line)?.[0] ?? ''
    if (prefix === '') continue
    const markers = prefix.match(/>|[-*+]|\d{1,9}[.)]/g)?.length ?? 0
    const depth = markers + Math.floor((/^[ \t]*/.exec(line)?.[0].length ?? 0) / 2)
    if (depth > limit) return { depth, line: i }
  }
  return null
}
