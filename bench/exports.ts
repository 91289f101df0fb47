// What reading a press-database export costs: a Nexis text export of BENCH_EXPORT articles (default 100)
// made from the bench corpus, split into its articles and run through every stage, beside the same
// articles as separate text files. Prints a Markdown table of ms per article, after a warm-up round.
import { releaseParagraphs } from '../eval/run.ts'
import { newContext } from '../pipeline/runner/context.ts'
import { processDoc, processInput } from '../pipeline/index.ts'
import { articlesOf } from '../pipeline/stages/exports.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
import { benchDocs, textOf } from './corpus.ts'
import { newTimer } from './timer.ts'

/** Lines of an export are wrapped at this width, as Nexis wraps its text. */
const WIDTH = 78

/** A paragraph hard-wrapped at WIDTH columns. */
function wrap(text: string): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line)
      line = ''
    }
    line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(line)
  return lines.join('\n')
}

const centred = (text: string) => `${' '.repeat(Math.max(0, Math.floor((80 - text.length) / 2)))}${text}`

/** A Nexis text export of the articles, as the database lays one out. */
export function nexisExport(articles: readonly { title: string; paragraphs: string[] }[]): string {
  return articles
    .map(({ title, paragraphs }, i) => {
      const words = paragraphs.join(' ').split(/\s+/).length
      return [
        centred(`${i + 1} of ${articles.length} DOCUMENTS`),
        '',
        centred('The Daily Example'),
        '',
        centred('March 23, 2024 Saturday'),
        '',
        title,
        '',
        'BYLINE: Jane Roe',
        '',
        'SECTION: NEWS; Pg. 4',
        '',
        `LENGTH: ${words} words`,
        '',
        paragraphs.map(wrap).join('\n\n'),
        '',
        'LOAD-DATE: March 24, 2024',
        '',
        'LANGUAGE: ENGLISH',
        '',
        centred('Copyright 2024 Example Newspapers Ltd'),
        centred('All Rights Reserved'),
        '',
        '',
      ].join('\n')
    })
    .join('')
}

const size = Number(process.env.BENCH_EXPORT ?? 100)
const docs = [...benchDocs(size, releaseParagraphs())]
const articles = docs.map((d) => ({
  title: (d.truth[0]?.text ?? d.name).split(/[.!?]/)[0]?.slice(0, 90) ?? d.name,
  paragraphs: d.truth.filter((b) => b.kind === 'paragraph').map((b) => b.text),
}))
const bytes = new TextEncoder().encode(nexisExport(articles))
const texts = docs.map((d) => decodeDoc(new TextEncoder().encode(textOf(d)), `raw/${d.name}.txt`))
const ctx = newContext({})
const { timed, time } = newTimer()
const SPLIT = 'split into its articles (exports.ts alone)'
const EXPORT = `the export, every stage (${size} articles, ${(bytes.length / 1024).toFixed(0)} KB)`
const TEXTS = 'the same articles as separate text files, every stage'
let found = 0
for (let round = 0; round < 2; round += 1) {
  // The first round warms the JIT and loads the lexicons; only the second is reported.
  timed.clear()
  const doc = decodeDoc(bytes, 'raw/nexis-bench.txt')
  found = time(SPLIT, () => articlesOf(doc)).length
  time(EXPORT, () => processInput(doc, ctx))
  for (const text of texts) time(TEXTS, () => processDoc(text, ctx))
}
if (found !== size) throw new Error(`The export of ${size} articles was read as ${found}, expected ${size}`)
const per = (name: string) => (timed.get(name) ?? 0) / size
process.stdout.write(
  `| a Nexis text export, one thread | ms per article |\n|---|---|\n| ${SPLIT} | ${per(SPLIT).toFixed(3)} |\n| ${EXPORT} | ${per(EXPORT).toFixed(3)} |\n| ${TEXTS} | ${per(TEXTS).toFixed(3)} |\n| an export's cost over its articles' | ${(per(EXPORT) / per(TEXTS)).toFixed(2)}× |\n`,
)
