import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { makeCorpus, styles } from '../eval/generate.ts'
import { releaseParagraphs } from '../eval/run.ts'
import { newContext } from '../pipeline/context.ts'
import { learnProfile, readInputs, stages } from '../pipeline/index.ts'
import { entitiesOf } from '../pipeline/annotations/entities.ts'
import { numbersOf } from '../pipeline/annotations/numbers.ts'
import { quotesOf } from '../pipeline/annotations/quotes.ts'
import { sentencesOf } from '../pipeline/annotations/sentences.ts'
import type { Doc } from '../pipeline/types.ts'

const n = Number(process.env.N ?? 300)
const dir = mkdtempSync(join(tmpdir(), 'stages-'))
mkdirSync(join(dir, 'raw'))
const docs0 = makeCorpus(releaseParagraphs(), Math.ceil(n / styles.length), 7).slice(0, n)
for (const [i, d] of docs0.entries()) writeFileSync(join(dir, 'raw', `${String(i).padStart(6, '0')}.txt`), d.text)
const { docs } = await readInputs(join(dir, 'raw'), 2)
const ctx = newContext({ corpus: learnProfile(docs) })
const parser = unified().use(remarkParse)
const t: Record<string, number> = {}
const add = (k: string, ms: number) => { t[k] = (t[k] ?? 0) + ms }
for (let round = 0; round < 2; round++) {
  for (const k of Object.keys(t)) t[k] = 0
  for (const doc0 of docs) {
    let s = performance.now()
    parser.parse(doc0.raw)
    add('remark', performance.now() - s)
    let doc: Doc = doc0
    for (const stage of stages) {
      s = performance.now()
      if (!doc.failed) doc = stage(doc, ctx)
      add(stage.name || 'stage', performance.now() - s)
    }
    for (const [k, f] of [['sentences', sentencesOf], ['quotes', quotesOf], ['entities', entitiesOf], ['numbers', numbersOf]] as const) {
      s = performance.now()
      for (const p of doc.paragraphs ?? []) (f as (x: typeof p) => unknown)(p)
      add(`  ${k}`, performance.now() - s)
    }
  }
}
for (const [k, v] of Object.entries(t)) console.log(k.padEnd(14), (v / docs.length).toFixed(3), 'ms/doc')
