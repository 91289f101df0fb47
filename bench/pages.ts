import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { annotationTables } from '../schemas/index.ts'
import { newContext } from '../pipeline/runner/context.ts'
import { stages } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
import type { Context, Doc } from '../pipeline/types.ts'
import { newTimer } from './timer.ts'

const READABILITY = 'Readability over linkedom alone (parse + extract)'
const BARE = 'the pipeline without annotations (--annotate none)'
const WHOLE = 'the whole pipeline'

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
    for (const [i, bytes] of pages.entries()) {
      const name = names[i] ?? ''
      time(READABILITY, () => new Readability(parseHTML(new TextDecoder().decode(bytes)).document as never).parse())
      // Every other page in the other order: the second run of a page finds it warm (the first one's garbage and caches).
      const runs = [
        () => time(BARE, () => pipeline(bytes, name, bare, 'bare')),
        () => time(WHOLE, () => pipeline(bytes, name, whole, 'whole')),
      ]
      for (const run of i % 2 === 0 ? runs : runs.reverse()) run()
    }
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
  return (
    `| ${pages.length} saved pages of devdata/wide (${megabytes.toFixed(1)} MB), one thread | ms per page | × Readability alone |\n|---|---|---|\n` +
    `${[row(READABILITY), row(BARE), row(WHOLE)].join('\n')}\n${stageRows.join('\n')}\n`
  )
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(realPagesTable())
