import { HashCounts, NumberColumn } from './columns.ts'
import { endsSentence } from '../stages/text.ts'

/** What the whole corpus says about each document's lines and words, learned before any is cleaned. */
export interface CorpusProfile {
  /** Hashes (see `lineHash`) of closing lines that several documents share after different text. */
  repeated: { has(hash: number): boolean }
  /** How often each lower-cased word (hyphenated compounds as one word) occurs within lines of the corpus. */
  vocabulary: { get(word: string): number | undefined }
  /** How often each pair `word Capitalised` (hashed by `pairHash`) stands together inside a line. */
  pairs: { get(hash: number): number | undefined }
  /** Answers `isPhrase` in place of the tables, so that the cache can record the answers (see cache.ts). */
  phrase?: (left: string, right: string) => boolean
}

/**
 * Share of a word's occurrences that the same capitalised word follows inside lines for the two to be one
 * phrase cut in two (interior Minister): a share, not a count, since in a large corpus almost any two
 * words stand together somewhere (a heading's last word and the paragraph's first).
 */
const PHRASE_SHARE = 0.05

/** Whether the corpus writes `left Right` together as one phrase: in at least `PHRASE_SHARE` of the uses of `left`. */
export function isPhrase(corpus: CorpusProfile, left: string, right: string): boolean {
  if (corpus.phrase !== undefined) return corpus.phrase(left, right)
  const together = corpus.pairs.get(pairHash(left, right)) ?? 0
  return together > 0 && together >= PHRASE_SHARE * (corpus.vocabulary.get(left.toLowerCase()) ?? 0)
}

/** Counts of words, each remembered by its hash, so the table never holds (or pins) the corpus's text. */
export class WordCounts {
  constructor(readonly table = new HashCounts()) {}

  add(word: string): void {
    // Two of 250,000 distinct words share a 53-bit hash with odds of about 1 in 300,000.
    this.table.add(hash53(word))
  }

  get(word: string): number | undefined {
    return this.table.get(hash53(word))
  }
}

/** A profile as learned: small, and in tables a worker thread shares rather than copies (see `reviveProfile`). */
export interface LearnedProfile extends CorpusProfile {
  repeated: ReadonlySet<number>
  vocabulary: WordCounts
  pairs: HashCounts
}

/** A learned profile again, from the structured clone of one that a worker thread received. */
export function reviveProfile(cloned: LearnedProfile): LearnedProfile {
  return {
    repeated: cloned.repeated,
    vocabulary: new WordCounts(HashCounts.from(cloned.vocabulary.table)),
    pairs: HashCounts.from(cloned.pairs),
  }
}

/** A closing line shared by this many documents may be an outlet's furniture. */
export const REPEAT_DOCS = 3
/** How many non-blank lines at the end of a document are compared across documents. */
const TAIL_LINES = 12
/** Furniture is a short run of lines: a longer shared ending is the same article published twice. */
export const MAX_RUN_LINES = 4
/** A shared line longer than this is quoted or syndicated text, not furniture. */
const MAX_REPEAT_WORDS = 30
/** A line this long is article text; a shorter one before a shared run (a byline, a rule) is no evidence. */
const MIN_TEXT_WORDS = 8
/** Lines before a shared line are compared by their last words, so the same text wrapped or cut otherwise is the same. */
const ENDING_WORDS = 3

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu
const START = 0

/**
 * Whether the text before a shared line varies as it does before furniture: at least a third of the
 * documents reach it from another ending than the commonest. A share, not a count of distinct endings,
 * so that it does not change with the corpus's size (a syndicated story repeats one ending).
 */
function variedContext(endings: readonly number[]): boolean {
  const counts = new Map<number, number>()
  let commonest = 0
  for (const e of endings) {
    const count = (counts.get(e) ?? 0) + 1
    counts.set(e, count)
    commonest = Math.max(commonest, count)
  }
  return counts.size >= 2 && (endings.length - commonest) * 3 >= endings.length
}

/** Appends a value to the list `key` holds in `lists`, starting one if needed. */
function appendTo(lists: Map<number, number[]>, key: number, value: number): void {
  const list = lists.get(key)
  if (list === undefined) lists.set(key, [value])
  else list.push(value)
}

/** The profile of a corpus with no other documents: nothing repeated, no vocabulary. */
export const emptyProfile: LearnedProfile = {
  repeated: new Set(),
  vocabulary: new WordCounts(),
  pairs: new HashCounts(),
}

/** Compares lines as a reader would: case, white space, Markdown emphasis and digits do not count. */
export function lineKey(line: string): string {
  return line
    .replace(/[*_#>]/g, '')
    .replace(/\d+/g, '#')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase()
}

/** A 53-bit hash of a line's key (cyrb53): the learner keeps numbers, not lines, so memory stays flat. */
export function lineHash(line: string): number {
  return hash53(lineKey(line))
}

/** The hash of two words standing together, the first compared without case (`interior Minister`). */
export function pairHash(left: string, right: string): number {
  return hash53(`${left.toLowerCase()} ${right}`)
}

// Tried only where a word starts: the same matches, without retrying from every letter inside a word (twice as fast).
const PAIR =
  /(?<![\p{L}\p{N}])([\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*) (?=(\p{Lu}[\p{L}\p{N}]*(?:[-'’][\p{L}\p{N}]+)*))/gu

/** A 53-bit string hash (cyrb53), fast and well spread: the corpus is remembered as numbers, not text. */
export function hash53(key: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < key.length; i += 1) {
    const c = key.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  return final53(h1, h2)
}

/**
 * The hash of a run of hashed items (`hash53` of each, from `start`, `count` of them): cyrb53 over their
 * 32-bit halves, so a sequence of words is hashed without joining them into a string.
 */
export function hashSequence(hashes: Float64Array, start: number, count: number): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = start; i < start + count; i += 1) {
    const h = hashes[i] ?? 0
    const low = h >>> 0
    const high = (h - low) / 4294967296
    h1 = Math.imul(Math.imul(h1 ^ low, 2654435761) ^ high, 2654435761)
    h2 = Math.imul(Math.imul(h2 ^ low, 1597334677) ^ high, 1597334677)
  }
  return final53(h1, h2)
}

/** cyrb53's last mixing step, giving a non-zero number below 2^53. */
function final53(a: number, b: number): number {
  const h1 = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909)
  const h2 = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) + 1
}

/**
 * Learns a corpus profile one document at a time, keeping only hashes of closing lines and word counts.
 * A closing line is furniture when at least `REPEAT_DOCS` documents end with it (only shared lines after
 * it) and, of those that reach it from a line of article text, at least a third from another ending than the commonest, or when it always
 * follows furniture: an outlet's footer follows whatever the article said last, while a syndicated
 * article repeats its context too (a byline or a rule before it is not article text, so no evidence).
 * A line that finishes the sentence above it, or stands inside bodies too, in a third as many documents
 * as it closes is article text however often it closes them: a footer does neither.
 */
export class CorpusLearner {
  // Every document's last non-blank lines, one after another: the hash of each, the hash of its last
  // words, whether it is a line of article text and whether it finishes a sentence of the text above;
  // `docStart` says where each document's lines begin.
  private readonly tails = new NumberColumn(Float64Array)
  private readonly endings = new NumberColumn(Float64Array)
  private readonly textLines = new NumberColumn(Uint8Array)
  private readonly continuations = new NumberColumn(Uint8Array)
  private readonly docStart = new NumberColumn(Uint32Array)
  private readonly tailCounts = new HashCounts()
  private readonly vocabulary = new WordCounts()
  private readonly pairs = new HashCounts()

  /** Adds one document's decoded text. */
  add(raw: string): void {
    const lines = raw.split('\n')
    const tail = lines.filter((line) => line.trim() !== '').slice(-TAIL_LINES)
    const words = tail.map((line) => line.trim().split(/\s+/).length)
    // Each line's key once: its hash is `lineHash`, its last words' hash the ending.
    const keys = tail.map(lineKey)
    const hashes = keys.map(hash53)
    this.docStart.push(this.tails.length)
    let textAbove = ''
    for (const [i, key] of keys.entries()) {
      this.tails.push(hashes[i] ?? START)
      this.endings.push(hash53(key.split(' ').slice(-ENDING_WORDS).join(' ')))
      // Under article text that stops mid-sentence, past blank lines and short ones (a page header), a line finishes that sentence.
      const finishes = textAbove !== '' && !endsSentence(textAbove)
      const long = (words[i] ?? 0) >= MIN_TEXT_WORDS
      this.continuations.push(finishes ? 1 : 0)
      // The short last line of a wrapped paragraph is article text as much as the lines above it.
      this.textLines.push(long || finishes ? 1 : 0)
      const line = (tail[i] ?? '').trim()
      // A short line that ends a sentence ends the paragraph above it too.
      if (long) textAbove = line
      else if (endsSentence(line)) textAbove = ''
    }
    // Only short lines are counted, so a long shared line is never taken for furniture.
    // A line opening in lower case continues the line before it: it cannot stand alone as furniture.
    const short = new Set(
      hashes.filter((_, i) => (words[i] ?? 0) <= MAX_REPEAT_WORDS && !/^\s*\p{Ll}/u.test(tail[i] ?? '')),
    )
    for (const h of short) this.tailCounts.add(h)
    for (const line of lines) {
      for (const [word] of line.matchAll(WORD)) this.vocabulary.add(word.toLowerCase())
      for (const [, left, right] of line.matchAll(PAIR)) this.pairs.add(pairHash(left ?? '', right ?? ''))
    }
  }

  /** The profile of every document added so far. */
  profile(): LearnedProfile {
    const shared = (h: number) => (this.tailCounts.get(h) ?? 0) >= REPEAT_DOCS
    // For each shared closing line: the line before it in each document, as evidence and as it is.
    const evidence = new Map<number, number[]>()
    const actual = new Map<number, number[]>()
    const finishing = new HashCounts()
    const inBody = new HashCounts()
    for (let d = 0; d < this.docStart.length; d += 1) {
      const first = this.docStart.get(d)
      const end = d + 1 < this.docStart.length ? this.docStart.get(d + 1) : this.tails.length
      let at = end - 1
      for (; at >= first && shared(this.tails.get(at)); at -= 1) {
        const h = this.tails.get(at)
        const previous = at > first ? this.tails.get(at - 1) : START
        const ending = at > first ? this.endings.get(at - 1) : START
        // Appended in place: a footer closing most of 100,000 documents would otherwise be copied once per document.
        appendTo(evidence, h, at > first && this.textLines.get(at - 1) === 1 ? ending : START)
        appendTo(actual, h, previous)
        if (this.continuations.get(at) === 1) finishing.add(h)
      }
      // Shared lines above the closing run stand in the body (as far as the last `TAIL_LINES` lines show it).
      for (; at >= first; at -= 1) if (shared(this.tails.get(at))) inBody.add(this.tails.get(at))
    }
    // Article text, however often it closes documents: a line that finishes the sentence above it (the
    // last line of a paragraph each document wraps otherwise), or one that also stands inside bodies (a
    // subheading, a recurring sentence); either in a third as many documents as it closes. Furniture does neither.
    const articleText = (h: number, closes: number) => ((finishing.get(h) ?? 0) + (inBody.get(h) ?? 0)) * 3 >= closes
    const repeated = new Set<number>()
    for (const [h, previous] of evidence) {
      const text = previous.filter((p) => p !== START)
      if (previous.length >= REPEAT_DOCS && variedContext(text) && !articleText(h, previous.length)) repeated.add(h)
    }
    // A line that always follows furniture is furniture too (the second line of a two-line footer).
    for (let grew = true; grew; ) {
      grew = false
      for (const [h, previous] of actual) {
        if (
          repeated.has(h) ||
          previous.length < REPEAT_DOCS ||
          !previous.every((p) => repeated.has(p)) ||
          articleText(h, previous.length)
        )
          continue
        repeated.add(h)
        grew = true
      }
    }
    return { repeated, vocabulary: new WordCounts(this.vocabulary.table.copy()), pairs: this.pairs.copy() }
  }
}
