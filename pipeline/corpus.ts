/** What the whole corpus says about each document's lines and words, learned before any is cleaned. */
export interface CorpusProfile {
  /** Keys (see `lineKey`) of lines that stand near the start or end of at least `REPEAT_DOCS` documents. */
  repeated: ReadonlySet<string>
  /** How often each lower-cased word (hyphenated compounds as one word) occurs within lines of the corpus. */
  vocabulary: ReadonlyMap<string, number>
}

/** A line repeated near the edges of this many documents is the outlet's furniture, not an article's text. */
export const REPEAT_DOCS = 3
/** How many non-blank lines at each end of a document are compared across documents. */
const EDGE_LINES = 12
/** A repeated line longer than this is quoted text, not furniture. */
const MAX_REPEAT_WORDS = 40

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu

/** The profile of a corpus with no other documents: nothing repeated, no vocabulary. */
export const emptyProfile: CorpusProfile = { repeated: new Set(), vocabulary: new Map() }

/** Compares lines as a reader would: case, white space, Markdown emphasis and digits do not count. */
export function lineKey(line: string): string {
  return line
    .replace(/[*_#>]/g, '')
    .replace(/\d+/g, '#')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase()
}

/** Learns a corpus profile one document at a time, so the corpus never has to be held in memory. */
export class CorpusLearner {
  private readonly edgeCounts = new Map<string, number>()
  private readonly vocabulary = new Map<string, number>()

  /** Adds one document's decoded text. */
  add(raw: string): void {
    const lines = raw.split('\n')
    const nonBlank = lines.filter((line) => line.trim() !== '')
    const edges = new Set([...nonBlank.slice(0, EDGE_LINES), ...nonBlank.slice(-EDGE_LINES)].map(lineKey))
    for (const key of edges) {
      if (key === '' || key.split(' ').length > MAX_REPEAT_WORDS) continue
      this.edgeCounts.set(key, (this.edgeCounts.get(key) ?? 0) + 1)
    }
    for (const line of lines) {
      for (const [word] of line.matchAll(WORD)) {
        const key = word.toLowerCase()
        this.vocabulary.set(key, (this.vocabulary.get(key) ?? 0) + 1)
      }
    }
  }

  /** The profile of every document added so far. */
  profile(): CorpusProfile {
    const repeated = new Set([...this.edgeCounts].filter(([, n]) => n >= REPEAT_DOCS).map(([key]) => key))
    return { repeated, vocabulary: new Map(this.vocabulary) }
  }
}
