import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeDoc, random, styles, type EvalDoc } from '../eval/generate.ts'

/** Share of paragraphs copied verbatim from the pool, as wire copy and quoted statements are in real coverage. */
export const VERBATIM_SHARE = 0.05
/** Share of lower-case words replaced in a paragraph not copied: every article is its own text, and 8-word runs shared by chance are rare. */
const REPLACED_SHARE = 0.8
const LOWER = /^\p{Ll}{3,}$/u

/** A paragraph with most of its lower-case words swapped for other words of the pool. */
function vary(rnd: () => number, text: string, vocabulary: readonly string[]): string {
  return text
    .split(' ')
    .map((w) => (LOWER.test(w) && rnd() < REPLACED_SHARE ? (vocabulary[Math.floor(rnd() * vocabulary.length)] ?? w) : w))
    .join(' ')
}

/**
 * The bench corpus's `size` articles, one at a time, each with its answer (see `EvalDoc`): made by the
 * evaluation's generator (the text styles and the artefacts the cleaner handles) from real paragraphs,
 * picked at random and mostly varied word by word, so that the corpus is as unique as real coverage is and
 * its distinct text grows with its size. Deterministic: the same size gives the same articles.
 */
export function* benchDocs(size: number, pool: readonly string[]): Generator<EvalDoc> {
  const vocabulary = [...new Set(pool.flatMap((p) => p.split(' ').filter((w) => LOWER.test(w))))].sort()
  const rnd = random(7)
  for (let i = 0; i < size; i += 1) {
    const chosen = Array.from({ length: 8 }, () => {
      const text = pool[Math.floor(rnd() * pool.length)] ?? ''
      return rnd() < VERBATIM_SHARE ? text : vary(rnd, text, vocabulary)
    })
    const style = styles[i % styles.length] ?? 'page-break'
    yield { ...makeDoc(rnd, style, i, chosen, i % 7 === 0), name: String(i).padStart(6, '0') }
  }
}

/** Writes the bench corpus into `raw` as `000000.txt`..., one article at a time, never held in memory. */
export function writeBenchCorpus(raw: string, size: number, pool: readonly string[]): void {
  mkdirSync(raw, { recursive: true })
  for (const doc of benchDocs(size, pool)) writeFileSync(join(raw, `${doc.name}.txt`), doc.text)
}
