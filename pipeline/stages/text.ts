import { iso6393To1 } from 'iso-639-3'
import { abbreviations } from '../rules/sentences.ts'
import { francLanguage } from './language.ts'

/** A full stop, a question or an exclamation mark at the end, possibly followed by closing quotes or brackets. */
const STOP = /[.!?]["'”’)\]]*$/

/** Whether a text ends with a full stop, a question or an exclamation mark (closing quotes and brackets after it allowed): a sentence's end, never a colon's. */
export const endsWithStop = (text: string): boolean => STOP.test(text)

/**
 * Terminal punctuation, possibly followed by closing quotes or brackets, ends a sentence; so does a
 * closing quote after a word (… called them “rebellious Russians”), but not one after a comma (…,” he said).
 */
export function endsSentence(text: string): boolean {
  return endsWithStop(text) || /[…:;]["'”’)\]]*$/.test(text) || /[\p{L}\p{N}]["”’)\]]+$/u.test(text)
}

// Words that cannot end a sentence or a heading in English: a block that ends with one was cut mid-sentence.
const OPEN_ENDINGS = new Set(
  [
    'a an the of in on at to for from by with into onto upon about over under and or but nor that which who whom whose as than if because while when where whether',
    'its his her their our your my this these those each every some any no not very more most also just so such then there',
    'is are was were be been being has have had do does did will would shall should can could may might must',
  ]
    .join(' ')
    .split(' '),
)

/** Whether a text ends with one of those words: it was cut mid-sentence. */
export function endsOpen(text: string): boolean {
  return OPEN_ENDINGS.has((/(\p{L}+)\P{L}*$/u.exec(text)?.[1] ?? '').toLowerCase())
}

const words = new Intl.Segmenter('en', { granularity: 'word' })
const sentences = new Intl.Segmenter('en', { granularity: 'sentence' })
/** A list item's line: a bullet (`-`, `*`, `+`, `•`) or a number of up to 9 digits with `.` or `)` (CommonMark's), then white space or nothing. */
export const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,9}[.)])(?:\s+|$)/

/** Paragraphs in a document's `text` are separated by one blank line. */
export const PARAGRAPH_SEPARATOR = '\n\n'

/**
 * About how many UTF-16 units Intl.Segmenter is given at once: its iterator slows down with the length of
 * the text it walks (a 260 KB paragraph took 29 s for its words), so long texts are walked in pieces.
 */
const PIECE = 4096

/**
 * Start offsets of the pieces of `text`, each cut where `cut` (a global pattern) finds a place at or after
 * `size` units on (a place no segment crosses), or else left whole to the next such place.
 */
export function pieces(text: string, cut: RegExp, size = PIECE): number[] {
  const starts = [0]
  for (let at = size; at < text.length; ) {
    cut.lastIndex = at
    const m = cut.exec(text)
    if (m === null) break
    const next = m.index + m[0].length
    if (next >= text.length) break
    starts.push(next)
    at = next + size
  }
  return starts
}

// No word-like segment holds a space (UAX #29): a text cut before a space has the words of its pieces.
const SPACE = / /g

/** Counts word-like segments (Unicode word boundaries; punctuation and spaces do not count), in time linear in the text. */
export function countWords(text: string): number {
  const starts = pieces(text, SPACE)
  let n = 0
  for (const [k, start] of starts.entries()) {
    for (const segment of words.segment(text.slice(start, starts[k + 1] ?? text.length))) if (segment.isWordLike) n += 1
  }
  return n
}

/**
 * The words of a text whose sentences are `spans`, given each sentence's words: their sum where white space
 * parts every two sentences (a word-like segment never holds white space, UAX #29), else the text counted
 * whole (a sentence break with nothing between, as at a full stop between two Arabic words, may fall
 * within a word). U+FEFF alone does not part them: it is white space to JavaScript, a format character to UAX #29.
 */
export function countWordsOf(text: string, spans: readonly SentenceSpan[], words: readonly number[]): number {
  for (let k = 1; k < spans.length; k += 1) {
    const gap = text.slice((spans[k - 1] as SentenceSpan).end, (spans[k] as SentenceSpan).start)
    if (!/[^\uFEFF]/.test(gap)) return countWords(text)
  }
  return words.reduce((n, w) => n + w, 0)
}

// After a sentence end, closing marks and spaces, a capital always opens a new sentence (UAX #29 SB11; SB8 needs a lower-case letter).
const SENTENCE_CUT = /[.!?]["'”’)\]]*\s+(?=\p{Lu})/gu

/** Intl.Segmenter's sentence segments of `text`, walked piece by piece at places it always breaks, with offsets into the whole. */
function* sentenceSegments(text: string): Generator<{ segment: string; index: number }> {
  const starts = pieces(text, SENTENCE_CUT)
  for (const [k, start] of starts.entries()) {
    for (const { segment, index } of sentences.segment(text.slice(start, starts[k + 1] ?? text.length)))
      yield { segment, index: start + index }
  }
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
  for (const { segment, index } of sentenceSegments(text)) {
    const last = out.at(-1)
    // After a known abbreviation, or before a lower-case word ("Who benefits?” he asked), the sentence goes on.
    // Only the sentence's end is tested: abbreviations are short, and testing the whole of a growing sentence is quadratic.
    const tail = last?.text.trimEnd().slice(-16) ?? ''
    if (last !== undefined && (abbreviations.some((a) => a.pattern.test(tail)) || /^\p{Ll}/u.test(segment))) {
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

/** The last text asked about and where its surrogate pairs stand, so that many offsets into one text cost a search each, not a count. */
let lastText = ''
let pairs: Uint32Array = new Uint32Array(0)

// Offsets are published in code points, the unit Python, polars and DuckDB slice strings by.
export function codePointOffset(text: string, utf16Offset: number): number {
  if (text !== lastText) {
    const at: number[] = []
    for (let i = text.search(/[\uD800-\uDBFF]/); i !== -1 && i < text.length; i += 1) {
      const c = text.charCodeAt(i)
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00)
        at.push(i + 1)
    }
    ;[lastText, pairs] = [text, Uint32Array.from(at)]
  }
  // Each pair's low half before the offset is one code unit that is not a code point of its own.
  let lo = 0
  let hi = pairs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((pairs[mid] ?? 0) < utf16Offset) lo = mid + 1
    else hi = mid
  }
  return utf16Offset - lo
}

/** Detects the language of a text as an ISO 639-1 code, `und` when franc cannot tell. */
export function detectLanguage(text: string): string {
  const code = francLanguage(text)
  return code === 'und' ? 'und' : (iso6393To1[code] ?? code)
}
