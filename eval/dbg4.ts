import { CorpusLearner } from '../pipeline/corpus.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/read.ts'
import { makeCorpus } from './generate.ts'
import { releaseParagraphs } from './run.ts'
import { evalWords } from './metrics.ts'
const docs = makeCorpus(releaseParagraphs(), Number(process.env.N ?? 100))
const inputs = docs.map((d) => decodeDoc(new TextEncoder().encode(d.text), `raw/${d.name}.txt`))
const l = new CorpusLearner(); for (const i of inputs) l.add(i.raw)
const ctx = { jobs: 1, corpus: l.profile() }
const bounds = (ps: string[]) => { const out = new Map<number, string>(); let n = 0; for (const [i, p] of ps.entries()) { n += evalWords(p).length; if (i < ps.length - 1) out.set(n, `${p.slice(-40)} ‖ ${ps[i+1]!.slice(0, 40)}`) } return out }
for (const [i, d] of docs.entries()) {
  if (process.env.STYLE && d.style !== process.env.STYLE) continue
  const out = processDoc(inputs[i]!, ctx)
  const p = bounds(out.blocks.map(b => b.text)); const t = bounds(d.truth.map(t => t.text))
  for (const [k, v] of p) if (!t.has(k)) console.log(d.name, 'FALSE+', v)
  for (const [k, v] of t) if (!p.has(k)) console.log(d.name, 'MISSED', v)
  const lost = evalWords(d.truth.map(t=>t.text).join(' ')).length - evalWords(out.blocks.map(b=>b.text).join(' ')).length
  if (lost) console.log(d.name, 'LOST', lost, out.changes.filter(c => c.action === 'remove').map(c => c.rule + ':' + c.before.slice(0, 60)).join(' | '))
}
