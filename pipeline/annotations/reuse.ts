import type { Paragraph, Reuse } from '../../schemas/index.ts'
import { hash53 } from '../corpus.ts'

/** Passages shorter than this many words are common phrases, not reuse. */
export const MIN_SHARED_WORDS = 8

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu

/** Where a shingle was first seen: document (by arrival order), paragraph index, word position. */
interface Occurrence {
  doc: number
  paragraph: number
  position: number
}

/** A run of consecutive shingles b shares with one earlier paragraph at one offset. */
interface Run {
  diagonal: number
  start: number
  last: number
  length: number
}

const round4 = (x: number) => Math.round(x * 10000) / 10000

/**
 * Finds text reuse as documents arrive, in corpus order, in memory that grows with the distinct text,
 * not with the number of copies. Every 8-word shingle (lower-cased words) remembers only the paragraph that
 * had it first. A later paragraph b of another document that has the shingle is paired with that first
 * paragraph a; the pair's passage is the longest run of consecutive shingles b shares with a at one offset.
 * So n copies of a passage give n - 1 rows, each pointing at the first, instead of n(n - 1)/2.
 */
export class ReuseFinder {
  private readonly first = new Map<number, Occurrence>()
  private readonly docIds: string[] = []
  /** Words of each paragraph of each document, by paragraph index (0 for headings). */
  private readonly wordCounts: Uint32Array[] = []

  /** Adds one document's paragraphs and returns its reuse rows, ordered by b then a. */
  add(paragraphs: readonly Paragraph[]): Reuse[] {
    const doc = this.docIds.length
    this.docIds.push(paragraphs[0]?.doc_id ?? '')
    const counts = new Uint32Array(paragraphs.reduce((n, p) => Math.max(n, p.index + 1), 0))
    this.wordCounts.push(counts)
    const rows: Reuse[] = []
    for (const p of paragraphs) {
      if (p.kind !== 'paragraph') continue
      const matches = [...p.text.matchAll(WORD)]
      const words = matches.map((m) => m[0].toLowerCase())
      counts[p.index] = words.length
      const runs = new Map<string, Run[]>()
      for (let j = 0; j + MIN_SHARED_WORDS <= words.length; j += 1) {
        const h = hash53(words.slice(j, j + MIN_SHARED_WORDS).join(' '))
        const seen = this.first.get(h)
        if (seen === undefined) this.first.set(h, { doc, paragraph: p.index, position: j })
        if (seen === undefined || seen.doc === doc) continue
        const key = `${seen.doc} ${seen.paragraph}`
        const list = runs.get(key) ?? []
        runs.set(key, list)
        const diagonal = seen.position - j
        const run = list.find((r) => r.diagonal === diagonal && r.last === j - 1)
        if (run === undefined) list.push({ diagonal, start: j, last: j, length: 1 })
        else {
          run.last = j
          run.length += 1
        }
      }
      const pairs = [...runs].map(([key, list]) => {
        const [a = 0, index = 0] = key.split(' ').map(Number)
        // The longest run, the earliest of equal ones.
        const best = list.reduce((x, y) => (y.length > x.length ? y : x))
        return { a, index, best }
      })
      pairs.sort((x, y) => x.a - y.a || x.index - y.index)
      for (const { a, index, best } of pairs) {
        const nWords = best.length + MIN_SHARED_WORDS - 1
        const docA = this.docIds[a] ?? ''
        const idA = `${docA}:${String(index).padStart(4, '0')}`
        const from = matches[best.start]?.index ?? 0
        const last = matches[best.start + nWords - 1]
        rows.push({
          reuse_id: `${idA}~${p.paragraph_id}`,
          paragraph_id_a: idA,
          doc_id_a: docA,
          paragraph_id_b: p.paragraph_id,
          doc_id_b: p.doc_id,
          n_words: nWords,
          shared_text: p.text.slice(from, (last?.index ?? 0) + (last?.[0].length ?? 0)),
          share_a: round4(nWords / (this.wordCounts[a]?.[index] ?? nWords)),
          share_b: round4(nWords / words.length),
        })
      }
    }
    return rows
  }
}

/** Reuse over a whole list of paragraphs grouped by document, in corpus order (for tests and small corpora). */
export function findReuse(paragraphs: readonly Paragraph[]): Reuse[] {
  const finder = new ReuseFinder()
  const byDoc = new Map<string, Paragraph[]>()
  for (const p of paragraphs) byDoc.set(p.doc_id, [...(byDoc.get(p.doc_id) ?? []), p])
  return [...byDoc.values()].flatMap((ps) => finder.add(ps))
}
