import type { Paragraph, Reuse } from '../../schemas/index.ts'

/** Passages shorter than this many words are common phrases, not reuse. */
export const MIN_SHARED_WORDS = 8

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu

interface Words {
  p: Paragraph
  words: string[]
  spans: [number, number][]
}

function wordsOf(p: Paragraph): Words {
  const matches = [...p.text.matchAll(WORD)]
  return { p, words: matches.map((m) => m[0].toLowerCase()), spans: matches.map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]) }
}

/** The longest run of equal words in a and b (dynamic programming over the two word lists). */
function longestRun(a: string[], b: string[]): { length: number; endA: number } {
  let best = { length: 0, endA: 0 }
  let previous = new Uint16Array(b.length + 1)
  for (let i = 1; i <= a.length; i += 1) {
    const current = new Uint16Array(b.length + 1)
    for (let j = 1; j <= b.length; j += 1) {
      if (a[i - 1] !== b[j - 1]) continue
      current[j] = (previous[j - 1] ?? 0) + 1
      if ((current[j] ?? 0) > best.length) best = { length: current[j] ?? 0, endA: i }
    }
    previous = current
  }
  return best
}

/**
 * Pairs of paragraphs of different documents that share a passage of at least MIN_SHARED_WORDS words.
 * Candidates are paragraphs that share one MIN_SHARED_WORDS-word shingle (an inverted index over
 * lower-cased word n-grams); each candidate pair is then measured by its longest common run of words.
 * Deterministic: pairs are ordered by paragraph id, a before b.
 */
export function findReuse(paragraphs: readonly Paragraph[]): Reuse[] {
  const all = paragraphs.filter((p) => p.kind === 'paragraph').map(wordsOf)
  const index = new Map<string, number[]>()
  for (const [k, w] of all.entries()) {
    const seen = new Set<string>()
    for (let i = 0; i + MIN_SHARED_WORDS <= w.words.length; i += 1) {
      const shingle = w.words.slice(i, i + MIN_SHARED_WORDS).join(' ')
      if (seen.has(shingle)) continue
      seen.add(shingle)
      index.set(shingle, [...(index.get(shingle) ?? []), k])
    }
  }
  const pairs = new Set<string>()
  for (const holders of index.values()) {
    for (const a of holders) for (const b of holders) if (a < b && all[a]?.p.doc_id !== all[b]?.p.doc_id) pairs.add(`${a} ${b}`)
  }
  const rows: Reuse[] = []
  for (const pair of pairs) {
    const [x, y] = pair.split(' ').map(Number)
    const [a, b] = [all[x ?? 0], all[y ?? 0]].sort((u, v) => ((u?.p.paragraph_id ?? '') < (v?.p.paragraph_id ?? '') ? -1 : 1))
    if (a === undefined || b === undefined) continue
    const run = longestRun(a.words, b.words)
    if (run.length < MIN_SHARED_WORDS) continue
    const from = a.spans[run.endA - run.length]?.[0] ?? 0
    const to = a.spans[run.endA - 1]?.[1] ?? 0
    rows.push({
      reuse_id: `${a.p.paragraph_id}~${b.p.paragraph_id}`,
      paragraph_id_a: a.p.paragraph_id,
      doc_id_a: a.p.doc_id,
      paragraph_id_b: b.p.paragraph_id,
      doc_id_b: b.p.doc_id,
      n_words: run.length,
      shared_text: a.p.text.slice(from, to),
      share_a: Math.round((run.length / a.words.length) * 10000) / 10000,
      share_b: Math.round((run.length / b.words.length) * 10000) / 10000,
    })
  }
  return rows.sort((u, v) => (u.reuse_id < v.reuse_id ? -1 : u.reuse_id > v.reuse_id ? 1 : 0))
}
