/** Words as the evaluation compares them: lower-case runs of letters and digits. */
export function evalWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
}

/** Boundaries as word positions: after how many body words each paragraph but the last ends. */
function boundaries(paragraphs: readonly string[]): number[] {
  const out: number[] = []
  let n = 0
  for (const p of paragraphs.slice(0, -1)) {
    n += evalWords(p).length
    out.push(n)
  }
  return out
}

/** Counts of one document's comparison with its answer. */
export interface Score {
  truePositives: number
  predicted: number
  expected: number
  wordsLost: number
  wordsAdded: number
}

/** Multiset difference: how many words of `a` are not matched by a word of `b`. */
function missing(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>()
  for (const w of b) counts.set(w, (counts.get(w) ?? 0) + 1)
  let n = 0
  for (const w of a) {
    const left = counts.get(w) ?? 0
    if (left > 0) counts.set(w, left - 1)
    else n += 1
  }
  return n
}

/**
 * Compares predicted paragraphs with the answer: paragraph boundaries as positions in the word stream
 * (so a boundary counts as found only at the right word), words lost and added as multiset differences.
 */
export function score(predicted: readonly string[], expected: readonly string[]): Score {
  const p = boundaries(predicted)
  const e = new Set(boundaries(expected))
  const words = (xs: readonly string[]) => xs.flatMap(evalWords)
  return {
    truePositives: p.filter((b) => e.has(b)).length,
    predicted: p.length,
    expected: e.size,
    wordsLost: missing(words(expected), words(predicted)),
    wordsAdded: missing(words(predicted), words(expected)),
  }
}

/** Precision and recall from summed scores (1 when there was nothing to find or predict). */
export function rates(s: Pick<Score, 'truePositives' | 'predicted' | 'expected'>): { precision: number; recall: number } {
  return { precision: s.predicted === 0 ? 1 : s.truePositives / s.predicted, recall: s.expected === 0 ? 1 : s.truePositives / s.expected }
}
