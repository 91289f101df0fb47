import { decideHyphen } from './hyphenation.ts'
import { measureLayout, wrappedParagraphs } from './layout.ts'
import { endsOpen, endsSentence, endsWithStop, LIST_ITEM } from './text.ts'
import { droppedSyntax, markdownBlocks, shiftSpans, type MarkdownBlock } from './markdown.ts'
import { isPhrase, type CorpusProfile } from '../corpus/profile.ts'
import type { Block, Change, Context, Doc, LayoutSignals, Stage } from '../types.ts'

/** A heading without `#` has at most this many words, and a label ending in a colon at most `MAX_LABEL_WORDS`. */
const MAX_HEADING_WORDS = 12
const MAX_LABEL_WORDS = 6

/** What becomes of a parsed block: joined to the next one, a heading, or a paragraph of its own. */
type Decision = 'join' | 'heading' | 'paragraph'

/** Splits the cleaned body into paragraphs and headings, joining sentences cut by page breaks. */
export const split: Stage = (doc, ctx) => {
  const removed = removedLines(doc)
  const layout = measureLayout(doc.lines.map((line, i) => (removed.has(i) ? null : line)))
  const changes: Change[] = []
  const lines = layout.layout === 'line-per-paragraph' ? doc.lines : rejoinLineEnds(doc.lines, ctx, changes)
  const parsed: MarkdownBlock[] = []
  for (const [from, to] of chunks(lines, layout)) {
    const markdown = lines.slice(from, to + 1).join('\n')
    const blocks = markdownBlocks(markdown, from)
    // Loops, not push(...): a long file's chunk can hold more blocks than a call takes arguments.
    for (const block of blocks) parsed.push(block)
    for (const change of droppedSyntax(markdown, from, blocks)) changes.push(change)
  }
  const decisions: Decision[] = []
  // A saved page's blocks are its elements: its markup says which are headings, and no page break cut them.
  if (doc.format === 'html')
    for (const block of parsed) decisions.push(block.source === 'heading' ? 'heading' : 'paragraph')
  else
    for (const [k, block] of parsed.entries())
      decisions.push(decide(ctx.corpus, decisions[k - 1], block, parsed[k + 1], parsed[k + 2]))
  const blocks: Block[] = []
  for (const [k, block] of parsed.entries()) {
    const previous = blocks.at(-1)
    if (previous !== undefined && decisions[k - 1] === 'join') {
      const joined = joinBlocks(previous, block, ctx)
      changes.push(joined.change)
      blocks[blocks.length - 1] = joined.block
      continue
    }
    const kind = decisions[k] === 'heading' ? 'heading' : 'paragraph'
    blocks.push({
      kind,
      text: block.text,
      line_start: block.line_start,
      line_end: block.line_end,
      emphasis: block.emphasis,
      links: block.links,
    })
  }
  return { ...doc, layout, blocks, changes: [...doc.changes, ...changes] }
}

/** 0-based indices of the lines that cleaning removed or read into the header. */
function removedLines(doc: Doc): Set<number> {
  const removed = new Set<number>()
  for (const c of doc.changes)
    if (c.action === 'remove' || c.action === 'header')
      for (let l = c.line_start; l <= c.line_end; l += 1) removed.add(l - 1)
  return removed
}

/** The line ranges parsed as separate Markdown documents: the whole body, each line, or each wrapped paragraph. */
function chunks(lines: readonly string[], layout: LayoutSignals): [number, number][] {
  if (layout.layout === 'line-per-paragraph')
    return lines.flatMap((line, i): [number, number][] => (line.trim() === '' ? [] : [[i, i]]))
  if (layout.layout === 'hard-wrapped') return wrappedParagraphs(lines, layout.width)
  return [[0, lines.length - 1]]
}

/**
 * Mends what a line wrap did inside a paragraph, before Markdown reads it (it would join the lines with a
 * space): a word hyphenated across the wrap is rejoined when the evidence says the hyphen was the wrap's
 * (see decideHyphen), and kept with no space otherwise (555- / 1234 is 555-1234); a line that opens with
 * `- ` in mid-sentence is a dash, not a list item.
 */
function rejoinLineEnds(source: readonly string[], ctx: Context, changes: Change[]): string[] {
  const lines = [...source]
  const text = (i: number) => lines[i] ?? ''
  const blank = (i: number) => text(i).trim() === ''
  for (let i = 0; i + 1 < lines.length; i += 1) {
    if (blank(i) || blank(i + 1) || /^\s{0,3}#/.test(text(i + 1))) continue
    const before = `${text(i)}\n${text(i + 1)}`
    const hyphen = mendHyphen(lines, i, ctx)
    if (hyphen !== null)
      changes.push({
        rule: hyphen,
        action: 'join',
        line_start: i + 1,
        line_end: i + 2,
        before,
        after: `${text(i)}\n${text(i + 1)}`,
      })
    else if (mendDash(lines, i))
      changes.push({
        rule: 'dash-line-join',
        action: 'join',
        line_start: i + 1,
        line_end: i + 2,
        before,
        after: `${text(i)}\n${text(i + 1)}`,
      })
  }
  return lines
}

/** Rejoins `left-` / `right` at lines `i`, `i + 1` without the hyphen, or with it and no space; the rule it applied, or null. */
function mendHyphen(lines: string[], i: number, ctx: Context): 'hyphen-join' | 'hyphen-keep-join' | null {
  const line = (lines[i] ?? '').trimEnd()
  const left = /(?<![-‐])([\p{L}\p{N}]+)-$/u.exec(line)?.[1]
  const right = /^\s*([\p{L}\p{N}]+)/u.exec(lines[i + 1] ?? '')?.[1]
  if (left === undefined || right === undefined || LIST_ITEM.test(lines[i + 1] ?? '')) return null
  const join = /^\p{L}+$/u.test(left) && /^\p{Ll}/u.test(right) && decideHyphen(left, right, ctx.corpus).join
  const head = line.slice(0, -(left.length + 1)).trimEnd()
  // Moving the first half down must not empty a line: a blank line would end the paragraph.
  if (head === '') return null
  lines[i] = head
  lines[i + 1] = `${left}${join ? '' : '-'}${(lines[i + 1] ?? '').trimStart()}`
  return join ? 'hyphen-join' : 'hyphen-keep-join'
}

/** Moves a `- ` that opens line `i + 1` in mid-sentence up to the end of line `i`; whether it did. */
function mendDash(lines: string[], i: number): boolean {
  const line = lines[i] ?? ''
  const next = /^\s*-\s+(\S.*)$/.exec(lines[i + 1] ?? '')
  // A list follows a line that ends a sentence or a colon, and has more than one item; a dash continues an open sentence.
  if (next === null || LIST_ITEM.test(line) || endsSentence(line.trim()) || LIST_ITEM.test(lines[i + 2] ?? ''))
    return false
  lines[i] = `${line.trimEnd()} -`
  lines[i + 1] = next[1] ?? ''
  return true
}

/**
 * Decides a block from its neighbours. A block that ends a sentence is a paragraph (or a short label
 * heading). One that does not is joined to the next when the next cannot open a paragraph (lower case,
 * a number), when the corpus writes the two words at the seam together, or when the next opens with a
 * capital or a quotation and this block does not read as a heading; it ends its paragraph before a
 * list or a heading. Only a block that opens a section (the one before it was not joined to it) can be
 * a heading.
 */
function decide(
  corpus: CorpusProfile,
  previous: Decision | undefined,
  block: MarkdownBlock,
  next: MarkdownBlock | undefined,
  after: MarkdownBlock | undefined,
): Decision {
  if (block.source === 'heading') return 'heading'
  if (block.source !== 'paragraph') return 'paragraph'
  const opensSection = previous !== 'join'
  if (endsSentence(block.text))
    return block.text.endsWith(':') && opensSection && headingShaped(block, next) ? 'heading' : 'paragraph'
  if (next === undefined || next.source !== 'paragraph')
    return opensSection && headingShaped(block, next) ? 'heading' : 'paragraph'
  // A lower-case word or a number cannot open a paragraph, nor a quotation opening in lower case: it is the rest of a sentence.
  if (/^["'“‘]*[\p{Ll}\p{N}]/u.test(next.text)) return 'join'
  // Two words the corpus writes together inside lines (Interior / Minister) are one phrase cut in two.
  if (pairSeen(block.text, next.text, corpus)) return 'join'
  // Before a heading a paragraph may end without punctuation (… a further meeting in June / What the talks mean).
  if (headingShaped(next, after)) return 'paragraph'
  if (opensSection && headingShaped(block, next)) return 'heading'
  return /^[\p{Lu}"'“‘(]/u.test(next.text) ? 'join' : 'paragraph'
}

/** Whether the last word of `text` and the first of `next` are one phrase in the corpus (see `isPhrase`). */
function pairSeen(text: string, next: string, corpus: CorpusProfile): boolean {
  const left = /([\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*)$/u.exec(text)?.[1]
  const right = /^(\p{Lu}[\p{L}\p{N}]*(?:[-'’][\p{L}\p{N}]+)*)/u.exec(next)?.[1]
  return left !== undefined && right !== undefined && isPhrase(corpus, left, right)
}

// An opening quotation or bracket left open means the sentence goes on past the block.
function balanced(text: string): boolean {
  const count = (re: RegExp) => (text.match(re) ?? []).length
  return count(/“/g) === count(/”/g) && count(/\(/g) === count(/\)/g) && count(/"/g) % 2 === 0
}

/** One short line, balanced, no clause punctuation, not ending on a function word, followed by a paragraph opening. */
function headingShaped(block: MarkdownBlock, next: MarkdownBlock | undefined): boolean {
  if (block.line_start !== block.line_end || next === undefined || next.source !== 'paragraph' || !balanced(block.text))
    return false
  const words = block.text.split(/\s+/)
  const label = block.text.endsWith(':')
  return (
    words.length <= (label ? MAX_LABEL_WORDS : MAX_HEADING_WORDS) &&
    !/[,;]/.test(block.text) &&
    !endsOpen(block.text) &&
    !endsWithStop(block.text) &&
    /^[\p{Lu}"'“‘]/u.test(next.text)
  )
}

/** Joins a block cut by a page break to its continuation; a word hyphenated across the break is rejoined on evidence. */
function joinBlocks(a: Block, b: MarkdownBlock, ctx: Context): { block: Block; change: Change } {
  const left = /(\p{L}+)-$/u.exec(a.text)?.[1]
  const right = /^(\p{Ll}\p{L}*)/u.exec(b.text)?.[1]
  const hyphen = left !== undefined && right !== undefined ? decideHyphen(left, right, ctx.corpus) : undefined
  const head = hyphen === undefined ? `${a.text} ` : hyphen.join ? a.text.slice(0, -1) : a.text
  const block: Block = {
    ...a,
    text: head + b.text,
    line_end: b.line_end,
    emphasis: [...a.emphasis, ...shiftSpans(b.emphasis, head.length)],
    links: [...a.links, ...shiftSpans(b.links, head.length)],
  }
  const rule = hyphen?.join ? 'hyphen-join' : 'page-break-join'
  return {
    block,
    change: {
      rule,
      action: 'join',
      line_start: a.line_end,
      line_end: b.line_start,
      before: `${a.text}\n\n${b.text}`,
      after: block.text,
    },
  }
}
