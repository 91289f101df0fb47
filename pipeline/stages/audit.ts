import type { ChangeRow } from '../../schemas/index.ts'
import { sourceLines, type Doc } from '../types.ts'
import { INVISIBLE } from '../rules/normalise.ts'
import { pieces } from './text.ts'

const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' })

/**
 * The words of a text as the audit counts them: invisible characters dropped, no-break spaces as spaces,
 * and underscores as spaces (Unicode counts `_word_` as one word, but in Markdown the `_` is emphasis).
 */
export function auditWords(text: string): string[] {
  const words: string[] = []
  for (const s of wordSegmenter.segment(visibleText(text))) if (s.isWordLike) words.push(s.segment)
  return words
}

/** About how many UTF-16 units the segmenter is given at once, up to the next line end: its iterator slows down with the length of the text it walks (pieces of 256 took half the time of pieces of 4,096 on saved pages' Markdown). */
const PIECE = 256
const LINE_END = /\n/g

/**
 * The words of a text as `auditWords` gives them line by line, with each word's line (1-based), in two
 * lists: the text is segmented in pieces cut at line ends (no word crosses one, UAX #29 WB3a/b), not a line
 * at a time, and no record is made per word.
 */
export function auditWordsByLine(text: string): { words: string[]; lines: number[] } {
  const visible = visibleText(text)
  const words: string[] = []
  const lines: number[] = []
  let line = 1
  // The next line end not yet counted: each is found once, so a long line costs no more than its length.
  let newline = visible.indexOf('\n')
  const starts = pieces(visible, LINE_END, PIECE)
  for (const [k, start] of starts.entries()) {
    for (const s of wordSegmenter.segment(visible.slice(start, starts[k + 1] ?? visible.length))) {
      if (!s.isWordLike) continue
      for (; newline !== -1 && newline < start + s.index; newline = visible.indexOf('\n', newline + 1)) line += 1
      words.push(s.segment)
      lines.push(line)
    }
  }
  return { words, lines }
}

/** The text `auditWords` segments: invisible characters dropped, no-break spaces and underscores as spaces. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[\u00a0\u2007\u202f_]/g, ' ')
}

/** The rows of the changes table for one document, in raw-line order. */
export function changeRows(doc: Doc): ChangeRow[] {
  const order = { normalise: 0, header: 1, remove: 2, join: 3 } as const
  // A saved page's changes are told in the page's lines: the regions left out, and the text stages' changes through the line map.
  const inFile = doc.changes.map((c) => {
    const [line_start, line_end] = sourceLines(doc, c.line_start, c.line_end)
    return { ...c, line_start, line_end }
  })
  const sorted = [...(doc.page?.removed ?? []), ...inFile].sort(
    (a, b) => a.line_start - b.line_start || a.line_end - b.line_end || order[a.action] - order[b.action],
  )
  return sorted.map((change, index) => ({
    change_id: `${doc.doc_id}:c${String(index).padStart(4, '0')}`,
    doc_id: doc.doc_id,
    index,
    rule: change.rule,
    action: change.action,
    line_start: change.line_start,
    line_end: change.line_end,
    before: change.before,
    after: change.after === '' ? null : change.after,
    evidence: change.evidence ?? null,
  }))
}

/** A word of the raw file found in no place, or a word of the output found in no raw line. */
export interface AuditGap {
  word: string
  line: number
  place: 'raw' | 'output'
}

interface Place {
  words: string[]
  next: number
  from: number
  to: number
}

/**
 * Checks that every word of the raw file is in exactly one place, in order: a paragraph, a header
 * field or a removal. Raw words are walked in order, and each is taken by the narrowest place that
 * covers its line and expects it next (a page header removed inside a joined paragraph before the paragraph); where a `hyphen-join` covers the line, two or three raw words may make
 * one output word. Returns the raw words no place took and the output words no raw word gave.
 */
export function auditConservation(doc: Doc): AuditGap[] {
  const places: Place[] = [
    ...doc.blocks.map((b) => ({ words: auditWords(b.text), next: 0, from: b.line_start, to: b.line_end })),
    ...doc.changes
      .filter((c) => c.action === 'remove' || c.action === 'header')
      .map((c) => ({ words: auditWords(c.before), next: 0, from: c.line_start, to: c.line_end })),
  ].sort((a, b) => a.to - a.from - (b.to - b.from) || a.from - b.from)
  const hyphenLines = new Set(
    doc.changes.filter((c) => c.rule === 'hyphen-join').flatMap((c) => [c.line_start, c.line_end]),
  )
  const raw = auditWordsByLine(doc.raw)
  const gaps: AuditGap[] = []
  for (let k = 0; k < raw.words.length; k += 1) {
    const word = raw.words[k] as string
    const line = raw.lines[k] ?? 1
    const open = places.filter((p) => p.from <= line && line <= p.to && p.next < p.words.length)
    const exact = open.find((p) => p.words[p.next] === word)
    if (exact !== undefined) {
      exact.next += 1
      continue
    }
    const merged = hyphenLines.has(line) ? mergeHyphenated(open, raw.words, k) : 0
    if (merged > 0) k += merged - 1
    else gaps.push({ word, line, place: 'raw' })
  }
  for (const p of places) for (const word of p.words.slice(p.next)) gaps.push({ word, line: p.from, place: 'output' })
  return gaps
}

// inter- / national → international: the output word is two or three raw words run together.
function mergeHyphenated(open: Place[], raw: readonly string[], k: number): number {
  for (const p of open) {
    const target = p.words[p.next] ?? ''
    for (let n = 2; n <= 3; n += 1) {
      const parts = raw.slice(k, k + n)
      if (parts.join('') === target || parts.join('-') === target) {
        p.next += 1
        return n
      }
    }
  }
  return 0
}
