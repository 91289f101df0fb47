import type { Layout, LayoutSignals } from '../types.ts'
import { endsSentence } from './text.ts'

/** Share of body lines followed directly by another body line above which lines are packed. */
const PACKED_SHARE = 0.5
/** Share of lines ending a sentence above which each line is a paragraph rather than a wrapped fragment. */
const TERMINAL_SHARE = 0.6
/** Wrapped lines are at most this long (e-mail, Project Gutenberg and PDF text wrap at 60–80 columns). */
const MAX_WRAP_WIDTH = 100

/** The value at quantile `q` of sorted numbers (0 for none). */
export const percentile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0

/**
 * Measures how a body lays out its paragraphs from its lines (`null` for lines removed by cleaning,
 * which count as neither text nor blank): how many lines are packed against the next one, how many end
 * a sentence, and how long they are. Packed lines that end sentences are one paragraph per line; packed
 * short lines that mostly do not are hard-wrapped; anything else is separated by blank lines.
 */
export function measureLayout(lines: readonly (string | null)[]): LayoutSignals {
  const present = lines.flatMap((line) => (line === null ? [] : [line]))
  const body = present.flatMap((line, i) => (line.trim() === '' ? [] : [i]))
  const lengths = body.map((i) => (present[i] ?? '').length).sort((a, b) => a - b)
  const packed =
    body.length < 2
      ? 0
      : body.slice(0, -1).filter((i) => (present[i + 1] ?? '').trim() !== '').length / (body.length - 1)
  const terminal = body.length === 0 ? 0 : body.filter((i) => endsSentence(present[i] ?? '')).length / body.length
  const signals = {
    body_lines: body.length,
    packed_share: Math.round(packed * 1000) / 1000,
    terminal_share: Math.round(terminal * 1000) / 1000,
    median_length: percentile(lengths, 0.5),
    width: percentile(lengths, 0.95),
  }
  return { ...signals, layout: decideLayout(signals) }
}

function decideLayout(s: Omit<LayoutSignals, 'layout'>): Layout {
  if (s.body_lines < 3 || s.packed_share < PACKED_SHARE) return 'blank-line'
  if (s.terminal_share >= TERMINAL_SHARE) return 'line-per-paragraph'
  return s.width <= MAX_WRAP_WIDTH ? 'hard-wrapped' : 'blank-line'
}

/**
 * Splits runs of packed, hard-wrapped lines into paragraphs. A line ends its paragraph when the next
 * line is indented, or the next line's first word would have fitted on it (the wrapper would not have
 * broken there). A short line that ends no sentence, after a line that does and before an indented,
 * blank or missing line, stands alone: a heading. Returns 0-based [first, last] line ranges.
 */
export function wrappedParagraphs(lines: readonly string[], width: number): [number, number][] {
  const blank = (i: number) => (lines[i] ?? '').trim() === ''
  const indented = (i: number) => /^\s{2,}\S/.test(lines[i] ?? '')
  const standalone = (i: number) =>
    !blank(i) &&
    (lines[i] ?? '').trim().split(/\s+/).length <= 12 &&
    !endsSentence((lines[i] ?? '').trim()) &&
    (i === 0 || blank(i - 1) || endsSentence((lines[i - 1] ?? '').trim())) &&
    (i + 1 >= lines.length || blank(i + 1) || indented(i + 1))
  const endsParagraph = (i: number) => {
    if (blank(i + 1) || i + 1 >= lines.length) return true
    const firstWord = (lines[i + 1] ?? '').trim().split(/\s+/)[0] ?? ''
    return (
      indented(i + 1) ||
      (lines[i] ?? '').trimEnd().length + 1 + firstWord.length <= width ||
      standalone(i) ||
      standalone(i + 1)
    )
  }
  const ranges: [number, number][] = []
  let start = -1
  for (let i = 0; i < lines.length; i += 1) {
    if (blank(i)) continue
    if (start === -1) start = i
    if (!endsParagraph(i)) continue
    ranges.push([start, i])
    start = -1
  }
  return ranges
}
