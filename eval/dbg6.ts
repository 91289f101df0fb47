import { CorpusLearner } from '../pipeline/corpus.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/read.ts'
import { makeCorpus } from './generate.ts'
import { releaseParagraphs } from './run.ts'
import { score } from './metrics.ts'
const docs = makeCorpus(releaseParagraphs(), 300)
const inputs = docs.map((d) => decodeDoc(new TextEncoder().encode(d.text), `raw/${d.name}.txt`))
const l = new CorpusLearner(); for (const i of inputs) l.add(i.raw)
const ctx = { jobs: 1, corpus: l.profile() }
for (const [i, d] of docs.entries()) {
  const out = processDoc(inputs[i]!, ctx)
  const s = score(out.blocks.map(b => b.text), d.truth.map(t => t.text))
  if (!s.wordsLost) continue
  const tw = d.truth.map(t => t.text).join(' ').toLowerCase().match(/[\p{L}\p{N}]+/gu)!
  const pw = out.blocks.map(b => b.text).join(' ').toLowerCase().match(/[\p{L}\p{N}]+/gu)!
  const c = new Map<string, number>(); for (const w of pw) c.set(w, (c.get(w) ?? 0) + 1)
  const lost = tw.filter(w => { const n = c.get(w) ?? 0; if (n > 0) { c.set(w, n - 1); return false } return true })
  console.log(d.name, lost, out.changes.filter(c => c.rule === 'hyphen-join' || c.action === 'remove').map(c => `${c.rule}: ${c.before.slice(0, 70).replace(/\n/g, '⏎')} => ${c.after.slice(0,40).replace(/\n/g, '⏎')}`))
}
