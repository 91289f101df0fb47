import { createRequire } from 'node:module'
import type { CorpusProfile } from './corpus.ts'

let dictionary: ReadonlySet<string> | undefined

/** English words (an-array-of-english-words, ~275,000 lower-case words), loaded on first use. */
function englishWords(): ReadonlySet<string> {
  dictionary ??= new Set(createRequire(import.meta.url)('an-array-of-english-words/index.json') as string[])
  return dictionary
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
  if (englishWords().has(joined)) return { join: true, evidence: 'dictionary' }
  return { join: false, evidence: 'no-evidence' }
}
