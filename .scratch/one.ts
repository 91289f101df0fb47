import { readFileSync } from 'node:fs'
import { newContext } from '../pipeline/build/context.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
for (const id of process.argv.slice(2)) {
  const d = processDoc(decodeDoc(readFileSync(`../shared/devdata/wide/html/${id}.html`), `raw/${id}.html`), newContext()).document
  console.log(id, d?.authors, d?.authors_source, d?.outlet, d?.published, d?.published_source)
}
