import { CorpusLearner } from '/work/main/pipeline/corpus.ts'
import { processDoc } from '/work/main/pipeline/index.ts'
import { decodeDoc } from '/work/main/pipeline/read.ts'
import { makeCorpus } from '/work/main/eval/generate.ts'
import { releaseParagraphs } from '/work/main/eval/run.ts'
import { score } from '/work/main/eval/metrics.ts'
const docs = makeCorpus(releaseParagraphs(), Number(process.env.N ?? 100))
const inputs = docs.map((d) => decodeDoc(new TextEncoder().encode(d.text), `raw/${d.name}.txt`))
const l = new CorpusLearner(); for (const i of inputs) l.add(i.raw)
const ctx = { jobs: 1, corpus: l.profile() }
let shown = 0
const want = process.env.STYLE
for (const [i, d] of docs.entries()) {
  if (want && d.style !== want) continue
  const out = processDoc(inputs[i]!, ctx)
  const s = score(out.blocks.map(b => b.text), d.truth.map(t => t.text))
  if (s.wordsLost === 0 && s.truePositives === s.expected && s.predicted === s.expected) continue
  console.log('=====', d.name, JSON.stringify(s), out.failed, out.messages.map(m=>m.reason))
  console.log(d.text.slice(0, 3000))
  console.log('--- predicted')
  for (const b of out.blocks) console.log(b.kind, '|', b.text.slice(0, 100))
  console.log('--- changes'); for (const c of out.changes.filter(c=>c.action!=='normalise')) console.log(c.rule, c.line_start, c.line_end, c.before.slice(0,80).replace(/\n/g,'⏎'))
  if (++shown >= Number(process.env.SHOW ?? 1)) break
}
