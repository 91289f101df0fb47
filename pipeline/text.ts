import { franc } from 'franc-min'
import { iso6393To1 } from 'iso-639-3'
import { abbreviations } from './rules/sentences.ts'

const words = new Intl.Segmenter('en', { granularity: 'word' })
const sentences = new Intl.Segmenter('en', { granularity: 'sentence' })
/** Paragraphs in a document's `text` are separated by one blank line. */
export const PARAGRAPH_SEPARATOR = '\n\n'

/** Counts word-like segments (Unicode word boundaries; punctuation and spaces do not count). */
export function countWords(text: string): number {
  let n = 0
  for (const segment of words.segment(text)) if (segment.isWordLike) n += 1
  return n
}

/** A sentence and where it stands in its text (UTF-16 offsets, white space around it excluded). */
export interface SentenceSpan {
  text: string
  start: number
  end: number
}

/** Splits text into sentences with Intl.Segmenter, re-joining breaks that do not end a sentence. */
export function sentenceSpans(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = []
  for (const { segment, index } of sentences.segment(text)) {
    const last = out.at(-1)
    // After a known abbreviation, or before a lower-case word ("Who benefits?” he asked), the sentence goes on.
    if (last !== undefined && (abbreviations.some((a) => a.pattern.test(last.text)) || /^\p{Ll}/u.test(segment))) {
      out[out.length - 1] = { ...last, text: last.text + segment, end: index + segment.length }
    } else out.push({ text: segment, start: index, end: index + segment.length })
  }
  return out.flatMap((s) => {
    const lead = s.text.length - s.text.trimStart().length
    const trimmed = s.text.trim()
    return trimmed === '' ? [] : [{ text: trimmed, start: s.start + lead, end: s.start + lead + trimmed.length }]
  })
}

/** Counts Unicode code points, as Python's len() does. */
export function countChars(text: string): number {
  let n = 0
  for (const _ of text) n += 1
  return n
}

// Offsets are published in code points, the unit Python, polars and DuckDB slice strings by.
export function codePointOffset(text: string, utf16Offset: number): number {
  return countChars(text.slice(0, utf16Offset))
}

/** Detects the language of a text as an ISO 639-1 code, `und` when franc cannot tell. */
export function detectLanguage(text: string): string {
  const code = franc(text)
  return code === 'und' ? 'und' : (iso6393To1[code] ?? code)
}

