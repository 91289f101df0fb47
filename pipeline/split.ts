import { markdownBlocks, type MarkdownBlock } from './markdown.ts'
import type { Block, Change, Doc, Layout, Stage } from './types.ts'

/** Share of adjacent body-line pairs with no blank line between them above which lines are paragraphs. */
const TIGHT_SHARE = 0.8
/** Median line length (characters) above which tightly packed lines are whole paragraphs, not a hard wrap. */
const LONG_LINE = 100
/** A heading without `#` has at most this many words. */
const MAX_HEADING_WORDS = 12

// Words that cannot end a sentence in English: a block that ends with one was cut mid-sentence.
const OPEN_ENDINGS = new Set(
  'a an the of in on at to for from by with into onto upon about over under and or but nor that which who whom whose as than if because while when where whether its his her their our your my'.split(' '),
)

/** Measures the layout: tightly packed long lines put one paragraph per line. */
export function detectLayout(lines: readonly string[]): Layout {
  const body = lines.flatMap((line, i) => (line.trim() === '' ? [] : [i]))
  if (body.length < 3) return 'blank-line'
  const tight = body.slice(1).filter((index, k) => index === (body[k] ?? -2) + 1).length / (body.length - 1)
  const lengths = body.map((i) => (lines[i] ?? '').length).sort((a, b) => a - b)
  const median = lengths[Math.floor(lengths.length / 2)] ?? 0
  return tight >= TIGHT_SHARE && median >= LONG_LINE ? 'line-per-paragraph' : 'blank-line'
}

/** Splits the cleaned body into paragraphs and headings, joining sentences cut by page breaks. */
export const split: Stage = (doc) => {
  const layout = detectLayout(doc.lines)
  const parsed =
    layout === 'line-per-paragraph'
      ? doc.lines.flatMap((line, i) => (line.trim() === '' ? [] : markdownBlocks(line, i)))
      : markdownBlocks(doc.lines.join('\n'))
  const changes: Change[] = []
  const blocks: Block[] = []
  for (const [k, block] of parsed.entries()) {
    const previous = blocks.at(-1)
    const prevSource = parsed[k - 1]
    if (previous !== undefined && prevSource !== undefined && previous.kind === 'paragraph' && continues(parsed[k - 2], prevSource, block)) {
      changes.push({ rule: 'page-break-join', action: 'join', line_start: previous.line_end, line_end: block.line_start, before: `${previous.text}\n\n${block.text}`, after: `${previous.text} ${block.text}` })
      blocks[blocks.length - 1] = joinBlocks(previous, block)
      continue
    }
    const kind = block.source === 'heading' || (block.source === 'paragraph' && isHeadingLike(block, prevSource, parsed[k + 1])) ? 'heading' : 'paragraph'
    blocks.push({ kind, text: block.text, line_start: block.line_start, line_end: block.line_end, emphasis: block.emphasis })
  }
  return { ...doc, layout, blocks, changes: [...doc.changes, ...changes] }
}

/** Whether `next` continues the sentence that `block` leaves open, across a page break. */
function continues(previous: MarkdownBlock | undefined, block: MarkdownBlock, next: MarkdownBlock): boolean {
  if (block.source !== 'paragraph' || next.source !== 'paragraph' || endsSentence(block.text)) return false
  // A lower-case word or a number cannot open a paragraph: it is the rest of a sentence.
  if (/^[\p{Ll}\p{N}]/u.test(next.text)) return true
  return /^[\p{Lu}"'“‘(]/u.test(next.text) && !isHeadingLike(block, previous, next)
}

/** Terminal punctuation, possibly followed by closing quotes or brackets, ends a sentence. */
function endsSentence(text: string): boolean {
  return /[.!?…:;]["'”’)\]]*$/.test(text) || /["”’)\]]$/.test(text)
}

/** A short line with no clause punctuation that does not end on a function word reads as a heading. */
function looksLikeHeading(text: string): boolean {
  const words = text.split(/\s+/)
  const last = (words.at(-1) ?? '').toLowerCase()
  return words.length <= MAX_HEADING_WORDS && !/[,;]/.test(text) && !OPEN_ENDINGS.has(last) && !/[.!?]$/.test(text.replace(/:$/, ''))
}

/** A one-line paragraph between two others that looks like a heading and ends no sentence is a heading. */
function isHeadingLike(block: MarkdownBlock, previous: MarkdownBlock | undefined, next: MarkdownBlock | undefined): boolean {
  // A paragraph under a heading opens with a capital or a quotation; a lower-case word or a number continues a cut sentence.
  if (block.line_start !== block.line_end || next === undefined || !/^[\p{Lu}"'“‘]/u.test(next.text) || !looksLikeHeading(block.text)) return false
  const unterminated = !endsSentence(block.text) || /:$/.test(block.text)
  const afterSentence = previous === undefined || endsSentence(previous.text)
  return unterminated && afterSentence && block.text.split(/\s+/).length <= (block.text.endsWith(':') ? 6 : MAX_HEADING_WORDS)
}

function joinBlocks(a: Block, b: Pick<Block, 'text' | 'line_end' | 'emphasis'>): Block {
  const shift = a.text.length + 1
  return {
    ...a,
    text: `${a.text} ${b.text}`,
    line_end: b.line_end,
    emphasis: [...a.emphasis, ...b.emphasis.map((e) => ({ ...e, start: e.start + shift, end: e.end + shift }))],
  }
}
