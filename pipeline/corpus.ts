/** What the whole corpus says about each document's lines and words, learned before any is cleaned. */
export interface CorpusProfile {
  /** Hashes (see `lineHash`) of closing lines that several documents share after different text. */
  repeated: { has(hash: number): boolean }
  /** How often each lower-cased word (hyphenated compounds as one word) occurs within lines of the corpus. */
  vocabulary: { get(word: string): number | undefined }
  /** How often each pair `word Capitalised` (hashed by `pairHash`) stands together inside a line. */
  pairs: { get(hash: number): number | undefined }
}

/** A profile as learned, in the structured-clone form that is sent to worker threads. */
export interface LearnedProfile extends CorpusProfile {
  repeated: ReadonlySet<number>
  vocabulary: ReadonlyMap<string, number>
  pairs: ReadonlyMap<number, number>
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

/** The profile of a corpus with no other documents: nothing repeated, no vocabulary. */
export const emptyProfile: LearnedProfile = { repeated: new Set(), vocabulary: new Map(), pairs: new Map() }

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

const PAIR = /([\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*) (?=(\p{Lu}[\p{L}\p{N}]*(?:[-'’][\p{L}\p{N}]+)*))/gu

/** A 53-bit string hash (cyrb53), fast and well spread: the corpus is remembered as numbers, not text. */
export function hash53(key: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < key.length; i += 1) {
    const c = key.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) + 1
}

/**
 * Learns a corpus profile one document at a time, keeping only hashes of closing lines and word counts.
 * A closing line is furniture when at least `REPEAT_DOCS` documents end with it (only shared lines after
 * it) and, of those that reach it from a line of article text, at least a third from a different one, or when it always
 * follows furniture: an outlet's footer follows whatever the article said last, while a syndicated
 * article repeats its context too (a byline or a rule before it is not article text, so no evidence).
 */
export class CorpusLearner {
  private readonly tails: Float64Array[] = []
  private readonly textLines: Uint8Array[] = []
  private readonly endings: Float64Array[] = []
  private readonly tailCounts = new Map<number, number>()
  private readonly vocabulary = new Map<string, number>()
  private readonly pairs = new Map<number, number>()

  /** Adds one document's decoded text. */
  add(raw: string): void {
    const lines = raw.split('\n')
    const tail = lines.filter((line) => line.trim() !== '').slice(-TAIL_LINES)
    const words = tail.map((line) => line.trim().split(/\s+/).length)
    const hashes = tail.map(lineHash)
    this.tails.push(Float64Array.from(hashes))
    this.endings.push(Float64Array.from(tail, (line) => hash53(lineKey(line).split(' ').slice(-ENDING_WORDS).join(' '))))
    this.textLines.push(Uint8Array.from(words, (n) => (n >= MIN_TEXT_WORDS ? 1 : 0)))
    // Only short lines are counted, so a long shared line is never taken for furniture.
    // A line opening in lower case continues the line before it: it cannot stand alone as furniture.
    const short = new Set(hashes.filter((_, i) => (words[i] ?? 0) <= MAX_REPEAT_WORDS && !/^\s*\p{Ll}/u.test(tail[i] ?? '')))
    for (const h of short) this.tailCounts.set(h, (this.tailCounts.get(h) ?? 0) + 1)
    for (const line of lines) {
      for (const [word] of line.matchAll(WORD)) {
        const key = word.toLowerCase()
        this.vocabulary.set(key, (this.vocabulary.get(key) ?? 0) + 1)
      }
      for (const [, left, right] of line.matchAll(PAIR)) {
        const h = pairHash(left ?? '', right ?? '')
        this.pairs.set(h, (this.pairs.get(h) ?? 0) + 1)
      }
    }
  }

  /** The profile of every document added so far. */
  profile(): LearnedProfile {
    const shared = (h: number) => (this.tailCounts.get(h) ?? 0) >= REPEAT_DOCS
    // For each shared closing line: the line before it in each document, as evidence and as it is.
    const evidence = new Map<number, number[]>()
    const actual = new Map<number, number[]>()
    for (const [d, tail] of this.tails.entries()) {
      for (let i = tail.length - 1; i >= 0 && shared(tail[i]!); i -= 1) {
        const h = tail[i]!
        const previous = i > 0 ? tail[i - 1]! : START
        const ending = this.endings[d]?.[i - 1] ?? START
        evidence.set(h, [...(evidence.get(h) ?? []), i > 0 && this.textLines[d]?.[i - 1] === 1 ? ending : START])
        actual.set(h, [...(actual.get(h) ?? []), previous])
      }
    }
    const repeated = new Set<number>()
    for (const [h, previous] of evidence) {
      const text = previous.filter((p) => p !== START)
      if (previous.length >= REPEAT_DOCS && new Set(text).size >= Math.max(2, text.length / 3)) repeated.add(h)
    }
    // A line that always follows furniture is furniture too (the second line of a two-line footer).
    for (let grew = true; grew; ) {
      grew = false
      for (const [h, previous] of actual) {
        if (repeated.has(h) || previous.length < REPEAT_DOCS || !previous.every((p) => repeated.has(p))) continue
        repeated.add(h)
        grew = true
      }
    }
    return { repeated, vocabulary: new Map(this.vocabulary), pairs: new Map(this.pairs) }
  }
}
