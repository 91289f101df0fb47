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
export function rates(s: Pick<Score, 'truePositives' | 'predicted' | 'expected'>): {
  precision: number
  recall: number
} {
  return {
    precision: s.predicted === 0 ? 1 : s.truePositives / s.predicted,
    recall: s.expected === 0 ? 1 : s.truePositives / s.expected,
  }
}

/** Tokens as the article-extraction benchmark takes them: runs of Python's Unicode `\w` (letters, digits, underscore). */
function benchmarkTokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+/gu) ?? []
}

/** Shingles of `n` consecutive tokens with their counts; a text shorter than `n` tokens is one shingle (the benchmark's rule). */
function shingles(text: string, n = 4): Map<string, number> {
  const tokens = benchmarkTokens(text)
  const counts = new Map<string, number>()
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i += 1) {
    const shingle = tokens.slice(i, i + n).join(' ')
    if (shingle !== '') counts.set(shingle, (counts.get(shingle) ?? 0) + 1)
  }
  return counts
}

/** One page's shingle matches against its gold body: true positives, false positives and false negatives, as shares of their sum. */
export interface ShingleCounts {
  tp: number
  fp: number
  fn: number
}

/** Compares an extracted body with the gold body by 4-token shingles with multiplicity, normalised by the three counts' sum. */
export function shingleCounts(ours: string, gold: string): ShingleCounts {
  const a = shingles(ours)
  const b = shingles(gold)
  let tp = 0
  let fp = 0
  let fn = 0
  for (const [s, n] of a) {
    const m = b.get(s) ?? 0
    tp += Math.min(n, m)
    fp += Math.max(0, n - m)
  }
  for (const [s, m] of b) fn += Math.max(0, m - (a.get(s) ?? 0))
  const sum = tp + fp + fn
  return sum === 0 ? { tp: 0, fp: 0, fn: 0 } : { tp: tp / sum, fp: fp / sum, fn: fn / sum }
}

/**
 * The benchmark's averages: precision over pages with TP + FP > 0, recall over pages with TP + FN > 0, a page
 * with FP = FN = 0 scoring 1 for both; F1 from the two averages.
 */
export function shingleRates(pages: readonly ShingleCounts[]): { precision: number; recall: number; f1: number } {
  const p: number[] = []
  const r: number[] = []
  for (const { tp, fp, fn } of pages) {
    if (fp === 0 && fn === 0) {
      p.push(1)
      r.push(1)
      continue
    }
    if (tp + fp > 0) p.push(tp / (tp + fp))
    if (tp + fn > 0) r.push(tp / (tp + fn))
  }
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length)
  const [precision, recall] = [mean(p), mean(r)]
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) }
}
