import { readFileSync } from 'node:fs'
import { fromHtml } from 'hast-util-from-html'
import { readMarkup } from '../pipeline/stages/markup.ts'
import { bodyBylines } from '../pipeline/stages/names.ts'
for (const id of process.argv.slice(2)) {
  const tree = fromHtml(readFileSync(`/work/shared/devdata/wide/html/${id}.html`, 'utf8'))
  const m = readMarkup(tree, (r, reason) => console.log('warn', r, reason.slice(0, 100)))
  console.log(id, m.authors, m.organisation, m.title?.value, bodyBylines(tree, m.title?.value ?? null))
}
