import { readFileSync } from 'node:fs'
import { fromHtml } from 'hast-util-from-html'
import { readMarkup } from '../pipeline/stages/markup.ts'
import { bodyDates } from '../pipeline/stages/dates.ts'
for (const id of process.argv.slice(2)) {
  const tree = fromHtml(readFileSync(`/work/shared/devdata/wide/html/${id}.html`, 'utf8'))
  const m = readMarkup(tree, () => {})
  console.log(id, m.published, m.language, m.url)
  console.log(bodyDates(tree, { lang: m.language }).slice(0, 12))
}
