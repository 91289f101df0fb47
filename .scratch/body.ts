import { readFileSync } from 'node:fs'
import { newContext } from '../pipeline/build/context.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
const gold = new Map(readFileSync('../shared/devdata/wide/gold.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((g) => [g.doc_id, g]))
for (const id of process.argv.slice(2)) {
  const doc = processDoc(decodeDoc(readFileSync(`../shared/devdata/wide/html/${id}.html`), `raw/${id}.html`), newContext())
  const t = doc.document?.text ?? ''
  console.log('==', id, 'words', t.split(/\s+/).length, 'failed', doc.failed, JSON.stringify(gold.get(id).with))
  console.log(t.slice(0, 300).replace(/\n/g, ' / '))
}
