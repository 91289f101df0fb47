import { CorpusLearner, lineHash } from '../pipeline/corpus.ts'
import { makeCorpus } from './generate.ts'
import { releaseParagraphs } from './run.ts'
const docs = makeCorpus(releaseParagraphs(), 100)
const l = new CorpusLearner(); for (const d of docs) l.add(d.text)
const h = lineHash('This article first appeared in The Daily Chronicle, an independent weekly from Ashford.')
const L = l as any
const tails = L.tails as Float64Array[], ends = L.endings as Float64Array[], tl = L.textLines as Uint8Array[]
const ev: number[] = []
for (const [d, t] of tails.entries()) { const i = t.indexOf(h); if (i < 0) continue; ev.push(i > 0 && tl[d]![i-1] === 1 ? ends[d]![i-1]! : 0) }
console.log(ev.length, new Set(ev).size, ev.filter(x => x === 0).length, ev.slice(0, 10))
