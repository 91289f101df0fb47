import { CorpusLearner, lineHash } from '../pipeline/corpus.ts'
import { makeCorpus } from './generate.ts'
import { releaseParagraphs } from './run.ts'
const docs = makeCorpus(releaseParagraphs(), 100)
const l = new CorpusLearner(); for (const d of docs) l.add(d.text)
const p = l.profile()
const line = 'This article first appeared in The Daily Chronicle, an independent weekly from Ashford.'
console.log(p.repeated.size, p.repeated.has(lineHash(line)))
const tails = (l as any).tails as Float64Array[]
const h = lineHash(line)
let n = 0; for (const t of tails) if (t.includes(h)) n++
console.log('docs with outlet line in tail', n, (l as any).tailCounts.get(h))
const ex = docs.find(d => d.text.includes(line))!
console.log(ex.text.split('\n').slice(-8).join('\n'))
const tc = (l as any).tailCounts as Map<number, number>
const tl = (l as any).textLines as Uint8Array[]
let shown = 0
for (const [d, t] of tails.entries()) {
  if (!t.includes(h)) continue
  const i = t.indexOf(h)
  console.log(i, t.length, [...t].map((x, j) => `${(tc.get(x) ?? 0)}${tl[d]![j] ? 'T' : 's'}`).join(' '))
  if (++shown > 6) break
}
