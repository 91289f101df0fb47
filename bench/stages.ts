import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { releaseParagraphs } from '../eval/run.ts'
import { franc } from 'franc-min'
import { detectLanguage } from '../pipeline/stages/text.ts'
import { entitiesOf } from '../pipeline/stages/annotations/entities.ts'
import { newContext } from '../pipeline/runner/context.ts'
import { planFurniture } from '../pipeline/stages/furniture.ts'
import { parseHeader } from '../pipeline/stages/header.ts'
import { processDoc, stages } from '../pipeline/index.ts'
import { learnProfile, readInputs } from '../pipeline/runner/build.ts'
import type { Doc } from '../pipeline/types.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
import { benchDocs, pageOf, textOf, writeBenchCorpus } from './corpus.ts'
import { realPagesTable } from './pages.ts'
import { newTimer, segmentAll } from './timer.ts'

/**
 * Where a document's time goes: milliseconds per document of remark-parse alone and of each stage, in one
 * thread, over generated articles (STAGE_DOCS, default 300), after a warm-up round. Prints a Markdown table.
 */
const size = Number(process.env.STAGE_DOCS ?? 300)
const dir = mkdtempSync(join(tmpdir(), 'stages-'))
writeBenchCorpus(join(dir, 'raw'), size, releaseParagraphs())
const { docs } = await readInputs(join(dir, 'raw'), 1)
rmSync(dir, { recursive: true, force: true })
const ctx = newContext({ corpus: learnProfile(docs) })
const parser = unified().use(remarkParse)

const { timed, time } = newTimer()

const ENTITIES = '  of which entities (compromise)'
// The header search and the page-block classifier, run again on their own over each document's lines (issue 19's budget: 1 ms).
const HEADER = '  of which the header search'
const BLOCKS = '  of which the page-block classifier'
// The libraries the issues name, each called alone on what the pipeline gives it: the cost no code of ours can remove.
const LANGUAGE = "language: franc-min's models scored in one pass (issue 4)"
// franc-min itself on the same text, which gives the same language (test/language.test.ts): not in the sum, for comparison.
const FRANC = 'franc-min alone, for comparison'
const SENTENCES = 'Intl.Segmenter alone (sentences and words, issues 2 and 4)'
for (let round = 0; round < 2; round += 1) {
  // The first round warms the JIT and loads the lexicons; only the second is reported.
  timed.clear()
  for (const raw of docs) {
    time('remark-parse alone (the floor)', () => parser.parse(raw.raw))
    const lines = raw.raw.split('\n')
    time(HEADER, () => parseHeader(lines))
    time(BLOCKS, () => planFurniture(lines))
    const doc = stages.reduce<Doc>((d, stage) => (d.failed ? d : time(`stage ${stage.name}`, () => stage(d, ctx))), raw)
    // Measured again on its own: the share of the annotate stage that named-entity tagging takes.
    time(ENTITIES, () => entitiesOf(doc.paragraphs ?? []))
    const texts = doc.blocks.map((b) => b.text)
    time(LANGUAGE, () => detectLanguage(texts.join('\n')))
    time(FRANC, () => franc(texts.join('\n')))
    time(SENTENCES, () => segmentAll(texts))
  }
}
const perDoc = (name: string) => (timed.get(name) ?? 0) / docs.length
const REMARK = 'remark-parse alone (the floor)'
const stageNames = [...timed.keys()].filter((name) => name.startsWith('stage'))
const order = [
  REMARK,
  ...stageNames.flatMap((name) =>
    name === 'stage annotate' ? [name, ENTITIES] : name === 'stage clean' ? [name, HEADER, BLOCKS] : [name],
  ),
]
const rows = order.map((name) => `| ${name} | ${perDoc(name).toFixed(3)} |`)
const total = stageNames.reduce((n, name) => n + perDoc(name), 0)
// What the named libraries alone cost a document, and the best ratio two threads could give if nothing else cost anything.
const libraries = perDoc(REMARK) + perDoc(ENTITIES) + perDoc(LANGUAGE) + perDoc(SENTENCES)
const ceiling = (2 * perDoc(REMARK)) / libraries
// The same articles as saved pages and as plain text, through every stage: what reading a page costs over reading its text.
const PAGE = 'a saved page (.html, about 23 KB), all stages'
const TEXT = 'the same article as text, all stages'
const articles = [...benchDocs(Math.min(size, 200), releaseParagraphs())]
const asPages = articles.map((a, i) => decodeDoc(new TextEncoder().encode(pageOf(a, i)), `raw/${a.name}.html`))
const asText = articles.map((a) => decodeDoc(new TextEncoder().encode(textOf(a)), `raw/${a.name}.txt`))
for (let round = 0; round < 2; round += 1) {
  timed.delete(PAGE)
  timed.delete(TEXT)
  for (const [i, page] of asPages.entries()) {
    time(PAGE, () => processDoc(page, ctx))
    time(TEXT, () => processDoc(asText[i] as Doc, ctx))
  }
}
const perArticle = (name: string) => (timed.get(name) ?? 0) / articles.length
process.stdout.write(
  `| ${docs.length} documents, one thread | ms per document |\n|---|---|\n${rows.join('\n')}\n| all stages | ${total.toFixed(3)} |\n` +
    `| ${LANGUAGE} | ${perDoc(LANGUAGE).toFixed(3)} |\n| ${FRANC} | ${perDoc(FRANC).toFixed(3)} |\n| ${SENTENCES} | ${perDoc(SENTENCES).toFixed(3)} |\n` +
    `| the named libraries alone (remark-parse, compromise, franc-min's models, Intl.Segmenter) | ${libraries.toFixed(3)} |\n` +
    `| best build / remark-parse with 2 threads if nothing else cost anything | ${ceiling.toFixed(3)} |\n` +
    `| ${PAGE} | ${perArticle(PAGE).toFixed(3)} |\n| ${TEXT} | ${perArticle(TEXT).toFixed(3)} |\n| a page's cost over its text's | ${(perArticle(PAGE) - perArticle(TEXT)).toFixed(3)} |\n`,
)
// The same stages over saved pages of real sites (bench/pages.ts), beside Readability alone, when devdata stands beside the clone.
process.stdout.write(`\n${realPagesTable()}`)
