import { CorpusLearner } from '../pipeline/corpus.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/read.ts'
import { makeCorpus } from './generate.ts'
import { releaseParagraphs } from './run.ts'
const docs = makeCorpus(releaseParagraphs(), 100)
const inputs = docs.map((d) => decodeDoc(new TextEncoder().encode(d.text), `raw/${d.name}.txt`))
const l = new CorpusLearner(); for (const i of inputs) l.add(i.raw)
const ctx = { jobs: 1, corpus: l.profile() }
const keyOf = (text: string) => text.replace(/[\s*_[\]()]+/g, ' ').trim().toLowerCase()
const left = new Map<string, number>()
for (const [i, d] of docs.entries()) {
  const out = processDoc(inputs[i]!, ctx)
  const kept = out.blocks.map(b => keyOf(b.text)).join('\n')
  for (const f of d.furniture) if (kept.includes(keyOf(f))) left.set(`${d.style}: ${f}`, (left.get(`${d.style}: ${f}`) ?? 0) + 1)
}
console.log(left)
