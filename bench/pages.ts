import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readability } from '@mozilla/readability'
import { fromHtml } from 'hast-util-from-html'
import { parseHTML } from 'linkedom'
import { toMarkdown } from 'mdast-util-to-markdown'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { annotationTables } from '../schemas/index.ts'
import { newContext } from '../pipeline/runner/context.ts'
import { stages } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
import type { Context, Doc } from '../pipeline/types.ts'
import { ENTITY_LANGUAGE } from '../pipeline/stages/annotate.ts'
import { entitiesOf } from '../pipeline/stages/annotations/entities.ts'
import { documentOf } from '../pipeline/stages/dom.ts'
import { articleMdast, MARKDOWN, newReader } from '../pipeline/stages/page.ts'
import { detectLanguage } from '../pipeline/stages/text.ts'
import { newTimer, segmentAll } from './timer.ts'

const READABILITY = 'Readability over linkedom alone (parse + extract)'
const BARE = 'the pipeline without annotations (--annotate none)'
const WHOLE = 'the whole pipeline'
// The libraries whose output the tables are made of, each called alone on a page (once, on the page as a
// whole) or on what the pipeline made of it: what no code of ours can take away while the tables stay as they are.
const PARSE = 'library alone: parse5 with source positions (hast-util-from-html)'
const EXTRACT = "library alone: Readability's extraction, on that tree"
const TO_MARKDOWN = "library alone: hast-util-to-mdast and mdast-util-to-markdown, on Readability's article"
const REMARK = "library alone: remark-parse, on the page's cleaned text"
const LANGUAGE = "library alone: franc-min's models, on the page's text"
const SEGMENTER = "library alone: Intl.Segmenter (sentences and words), on the page's text"
const COMPROMISE = "library alone: compromise (entities), on the page's paragraphs in English"
const LIBRARIES = [PARSE, EXTRACT, TO_MARKDOWN, REMARK, LANGUAGE, SEGMENTER]
const LIBRARIES_BARE = 'the libraries alone, without annotations'
const LIBRARIES_WHOLE = 'the libraries alone, compromise included'

/**
 * Saved pages of real sites (`../shared/devdata/wide/html`, when it stands beside the clone): milliseconds per
 * page of Readability over linkedom alone (parse and extract: the extractor the page stage is built on), of
 * the pipeline without annotations (`--annotate none`) and of the whole pipeline, all in one thread and one
 * run, each page through all three in turn (the two pipelines in either order, a page at a time), so that the
 * ratios hold while the machine's speed drifts; then each stage's share. BENCH_PAGES pages in name order
 * (default 100); a warm-up round first. Returns a Markdown table.
 */
export function realPagesTable(
  dir = process.env.DEVDATA_WIDE ?? new URL('../../shared/devdata/wide/html/', import.meta.url).pathname,
  count = Number(process.env.BENCH_PAGES ?? 100),
): string {
  if (!existsSync(dir))
    return `(no saved pages at ${dir}: the real-page rows need ../shared/devdata beside the clone)\n`
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.html'))
    .sort()
    .slice(0, count)
  const pages = names.map((name) => readFileSync(join(dir, name)))
  const megabytes = pages.reduce((n, p) => n + p.length, 0) / 1e6
  const { timed, time } = newTimer()
  /** The stages over one page, each timed under its name with a prefix (read included: decoding is the pipeline's). */
  function pipeline(bytes: Uint8Array, name: string, ctx: Context, prefix: string): Doc {
    let doc = time(`${prefix} stage read`, () => decodeDoc(bytes, `raw/${name}`))
    for (const stage of stages) if (!doc.failed) doc = time(`${prefix} stage ${stage.name}`, () => stage(doc, ctx))
    return doc
  }
  const bare = newContext({ annotate: [] })
  const whole = newContext({ annotate: annotationTables })
  for (let round = 0; round < 2; round += 1) {
    // The first round warms the JIT and loads the lexicons; only the second is reported.
    timed.clear()
    const made: (Doc | undefined)[] = []
    for (const [i, bytes] of pages.entries()) {
      const name = names[i] ?? ''
      time(READABILITY, () => new Readability(parseHTML(new TextDecoder().decode(bytes)).document as never).parse())
      // Every other page in the other order: the second run of a page finds it warm (the first one's garbage and caches).
      let doc: Doc | undefined
      const runs = [
        () => time(BARE, () => pipeline(bytes, name, bare, 'bare')),
        () => {
          doc = time(WHOLE, () => pipeline(bytes, name, whole, 'whole'))
        },
      ]
      for (const run of i % 2 === 0 ? runs : runs.reverse()) run()
      made.push(doc)
    }
    // The libraries after the pipelines, not between them: their garbage would be collected in the next page's run.
    for (const [i, doc] of made.entries())
      if (doc !== undefined) librariesAlone(new TextDecoder().decode(pages[i]), doc, time)
  }
  const perPage = (name: string) => (timed.get(name) ?? 0) / pages.length
  const floor = perPage(READABILITY)
  const row = (name: string) => `| ${name} | ${perPage(name).toFixed(1)} | ${(perPage(name) / floor).toFixed(2)} |`
  const stageRows = [...timed.keys()]
    .filter((k) => k.startsWith('whole stage'))
    .map(
      (k) =>
        `| ${k.replace('whole stage', 'the whole pipeline, stage')} | ${perPage(k).toFixed(1)} | ${(perPage(k) / floor).toFixed(2)} |`,
    )
  const libraries = LIBRARIES.reduce((n, name) => n + (timed.get(name) ?? 0), 0)
  timed.set(LIBRARIES_BARE, libraries)
  timed.set(LIBRARIES_WHOLE, libraries + (timed.get(COMPROMISE) ?? 0))
  const libraryRows = [...LIBRARIES, COMPROMISE, LIBRARIES_BARE, LIBRARIES_WHOLE].map(row)
  return (
    `| ${pages.length} saved pages of devdata/wide (${megabytes.toFixed(1)} MB), one thread | ms per page | × Readability alone |\n|---|---|---|\n` +
    `${[row(READABILITY), row(BARE), row(WHOLE)].join('\n')}\n${stageRows.join('\n')}\n${libraryRows.join('\n')}\n`
  )
}

const markdownParser = unified().use(remarkParse)

/** Times each library of `LIBRARIES` and compromise alone on a page and on what the whole pipeline made of it (nothing after a page it left out). */
function librariesAlone(html: string, doc: Doc, time: ReturnType<typeof newTimer>['time']): void {
  const tree = time(PARSE, () => fromHtml(html))
  // The DOM Readability reads is built by our code (stages/dom.ts): not timed.
  const dom = documentOf(tree)
  const article = time(EXTRACT, () => newReader(dom as never).parse()?.content)
  const content = fromHtml(article?.innerHTML ?? '', { fragment: true })
  time(TO_MARKDOWN, () => toMarkdown(articleMdast(content) as never, MARKDOWN))
  if (doc.failed) return
  time(REMARK, () => markdownParser.parse(doc.lines.join('\n')))
  const texts = doc.blocks.map((b) => b.text)
  time(LANGUAGE, () => detectLanguage(texts.join('\n')))
  time(SEGMENTER, () => segmentAll(texts))
  // The pipeline tags entities only in English (and undetermined) text.
  if (ENTITY_LANGUAGE.test(doc.metadata?.language ?? 'und')) time(COMPROMISE, () => entitiesOf(doc.paragraphs ?? []))
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(realPagesTable())
