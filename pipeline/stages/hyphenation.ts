import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { CorpusProfile } from '../corpus/profile.ts'

/** A sorted word list kept as its file's text and the offsets of its words: 4 MB, not 275,000 strings. */
interface WordList {
  text: string
  starts: Uint32Array
  ends: Uint32Array
}

let dictionary: WordList | undefined

/** English words (an-array-of-english-words: a JSON array of ~275,000 lower-case words, sorted), loaded on first use. */
function englishWords(): WordList {
  if (dictionary !== undefined) return dictionary
  const text = readFileSync(createRequire(import.meta.url).resolve('an-array-of-english-words/index.json'), 'utf8')
  const starts: number[] = []
  const ends: number[] = []
  // Every word is a JSON string with no escapes: the text between a pair of quotes.
  for (let open = text.indexOf('"'); open !== -1; ) {
    const close = text.indexOf('"', open + 1)
    starts.push(open + 1)
    ends.push(close)
    open = text.indexOf('"', close + 1)
  }
  dictionary = { text, starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) }
  return dictionary
}

/** Whether the word list has `word` (binary search in code-unit order, the list's own order). */
export function isEnglishWord(word: string): boolean {
  const { text, starts, ends } = englishWords()
  let lo = 0
  let hi = starts.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const entry = text.slice(starts[mid], ends[mid])
    if (entry === word) return true
    if (entry < word) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

/** How a hyphen at the end of a line was decided, and why. */
export interface HyphenDecision {
  join: boolean
  evidence: 'corpus-joined' | 'corpus-hyphenated' | 'dictionary' | 'no-evidence' | 'capitalised'
}

/**
 * Decides whether `left-` at a line end and `right` on the next line are one word broken by the wrap
 * (inter- / national → international) or a real compound (subject- / matter → subject-matter).
 * Evidence, strongest first: the joined and the hyphenated forms elsewhere in the corpus; then the
 * joined form in an English word list. Without evidence the hyphen stays: keeping it loses nothing.
 */
export function decideHyphen(left: string, right: string, corpus: CorpusProfile): HyphenDecision {
  // A capitalised second part is a name (anti-Putin, Austro-Hungarian): compounds keep their hyphen.
  if (/^\p{Lu}/u.test(right) || /\d/.test(left + right)) return { join: false, evidence: 'capitalised' }
  const joined = `${left}${right}`.toLowerCase()
  const hyphenated = `${left}-${right}`.toLowerCase()
  const seenJoined = corpus.vocabulary.get(joined) ?? 0
  const seenHyphenated = corpus.vocabulary.get(hyphenated) ?? 0
  if (seenJoined > seenHyphenated) return { join: true, evidence: 'corpus-joined' }
  if (seenHyphenated > seenJoined) return { join: false, evidence: 'corpus-hyphenated' }
  if (isEnglishWord(joined)) return { join: true, evidence: 'dictionary' }
  return { join: false, evidence: 'no-evidence' }
}
