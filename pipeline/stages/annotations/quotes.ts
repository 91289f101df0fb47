import type { Paragraph, Quote } from '../../../schemas/index.ts'
import { docSpan, ref } from './spans.ts'

// Verbs that attribute speech or writing: `…,” Putin said` or `Kirby stated that “…`.
const SAYING =
  'said|says|say|stated|states|told|tells|added|adds|asked|asks|wrote|writes|declared|declares|claimed|claims|warned|warns|argued|argues|noted|notes|insisted|insists|explained|explains|replied|replies|announced|announces|reported|reports|commented|concluded|demanded|surmised|hailed|called'
// A speaker: a run of capitalised words, perhaps after `the` (the Times), with titles and initials.
const NAME = "(?:\\p{Lu}\\.|\\p{Lu}[\\p{L}'’-]*)"
const SPEAKER = `(?:[Tt]he\\s+)?${NAME}(?:\\s+(?:${NAME}|of|al|bin|van|von|de))*`
const AFTER = [
  new RegExp(`^[,]?\\s*(${SPEAKER})\\s+(?:${SAYING})\\b`, 'u'),
  new RegExp(`^[,]?\\s*(?:${SAYING})\\s+(${SPEAKER})`, 'u'),
]
const BEFORE = new RegExp(`(${SPEAKER})\\s+(?:${SAYING})(?:\\s+that)?[,:]?\\s*$`, 'u')
const PRONOUN = /^(?:he|she|they|it|we|i|you|the)$/i

interface Span {
  start: number
  end: number
  depth: number
  closed: boolean
}

/** Finds quoted spans: curly “…” and ‘…’ (nested), straight "…" in pairs; an apostrophe inside a word is not a quote. */
export function findQuotes(text: string): Span[] {
  const spans: Span[] = []
  const open: { mark: string; start: number }[] = []
  const closer: Record<string, string> = { '“': '”', '‘': '’', '"': '"' }
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? ''
    const before = text[i - 1] ?? ' '
    const after = text[i + 1] ?? ' '
    const top = open.at(-1)
    if (top !== undefined && c === closer[top.mark] && !(c === '’' && /\p{L}/u.test(after))) {
      open.pop()
      spans.push({ start: top.start, end: i, depth: open.length, closed: true })
    } else if (c === '“' || (c === '‘' && !/\p{L}/u.test(before)) || (c === '"' && /[\s([—–-]/u.test(before))) {
      open.push({ mark: c, start: i + 1 })
    }
  }
  // A quotation still open at the paragraph's end runs on (news style opens each paragraph of a long quote).
  for (const [depth, o] of open.entries()) spans.push({ start: o.start, end: text.length, depth, closed: false })
  return spans
    .filter((s) => text.slice(s.start, s.end).trim() !== '')
    .sort((a, b) => a.start - b.start || a.depth - b.depth)
}

/** The speaker a verb of saying names next to an outer quotation, or null. */
export function speakerOf(text: string, span: Span): string | null {
  const after = text.slice(span.end + 1, span.end + 80)
  const before = text.slice(Math.max(0, span.start - 80), Math.max(0, span.start - 1))
  const name = AFTER.map((re) => re.exec(after)?.[1]).find((n) => n !== undefined) ?? BEFORE.exec(before)?.[1]
  return name === undefined || PRONOUN.test(name) ? null : name.replace(/[.,]$/, '')
}

/** The quotations of a paragraph, with offsets into the document text and speakers. */
export function quotesOf(p: Paragraph): Quote[] {
  return findQuotes(p.text).map((span, index) => ({
    quote_id: `${p.paragraph_id}:q${String(index).padStart(3, '0')}`,
    ...ref(p),
    index,
    text: p.text.slice(span.start, span.end).trim(),
    ...docSpan(p, span.start, span.end),
    depth: span.depth,
    closed: span.closed,
    speaker: span.depth === 0 ? speakerOf(p.text, span) : null,
  }))
}
