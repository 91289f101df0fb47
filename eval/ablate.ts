import { CorpusLearner } from '../pipeline/corpus.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/read.ts'
import { makeCorpus } from './generate.ts'
import { releaseParagraphs } from './run.ts'
import { rates, score } from './metrics.ts'
const docs = makeCorpus(releaseParagraphs(), 300)
const inputs = docs.map((d) => decodeDoc(new TextEncoder().encode(d.text), `raw/${d.name}.txt`))
const l = new CorpusLearner(); for (const i of inputs) l.add(i.raw)
const full = l.profile()
const ctx = { jobs: 1, corpus: { ...full, pairs: new Map(), vocabulary: new Map() } }
const agg = new Map<string, { truePositives: number; predicted: number; expected: number; lost: number }>()
for (const [i, d] of docs.entries()) {
  const out = processDoc(inputs[i]!, ctx)
  const s = score(out.blocks.map(b => b.text), d.truth.map(t => t.text))
  const a = agg.get(d.style) ?? { truePositives: 0, predicted: 0, expected: 0, lost: 0 }
  agg.set(d.style, { truePositives: a.truePositives + s.truePositives, predicted: a.predicted + s.predicted, expected: a.expected + s.expected, lost: a.lost + s.wordsLost })
}
for (const [k, v] of agg) console.log(k, rates(v), v.lost)
