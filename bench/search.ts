import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import { readMarkup } from '../pipeline/stages/markup.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
import { newTimer } from './timer.ts'

/**
 * The cost of a saved page's date and author search (issue 27's budget: 3 ms a page): each page of
 * `../shared/devdata/wide/html` (when it stands beside the clone) parsed once as the page stage parses it,
 * then its markup read in BENCH_ROUNDS rounds (default 3, after a warm-up round), the date search, the
 * byline search and the owner search timed apart as readMarkup runs them. Returns a Markdown table.
 */
export function searchTable(
  dir = process.env.DEVDATA_WIDE ?? new URL('../../shared/devdata/wide/html/', import.meta.url).pathname,
  rounds = Number(process.env.BENCH_ROUNDS ?? 3),
): string {
  if (!existsSync(dir)) return `(no saved pages at ${dir}: the search rows need ../shared/devdata beside the clone)\n`
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.html'))
    .sort()
  const trees = names.map((name) => fromHtml(decodeDoc(readFileSync(join(dir, name)), `raw/${name}`).raw))
  for (const tree of trees) readMarkup(tree, () => {})
  const { timed, time } = newTimer()
  for (let round = 0; round < rounds; round += 1)
    for (const tree of trees) time('readMarkup, all of it', () => readMarkup(tree, () => {}, time))
  const per = (name: string) => ((timed.get(name) ?? 0) / (rounds * trees.length)).toFixed(2)
  const parts: [string, string][] = [
    ['the date search (body dates by the headline, labels, `<time>`)', 'dates'],
    ['the byline search (marked bylines only where the metadata names the author)', 'bylines'],
    ['the owner search (only where nothing names an author)', 'owner'],
  ]
  const search = parts.reduce((n, [, key]) => n + (timed.get(key) ?? 0), 0) / (rounds * trees.length)
  return [
    `| ${trees.length} saved pages of devdata/wide, one thread, ${rounds} rounds | ms a page |`,
    '|---|---|',
    ...parts.map(([label, key]) => `| ${label} | ${per(key)} |`),
    `| the date and author search together | ${search.toFixed(2)} |`,
    `| readMarkup, all of it (meta tags and JSON-LD included) | ${per('readMarkup, all of it')} |`,
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(searchTable())
