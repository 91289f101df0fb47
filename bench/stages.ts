import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { releaseParagraphs } from '../eval/run.ts'
import { entitiesOf } from '../pipeline/annotations/entities.ts'
import { newContext } from '../pipeline/context.ts'
import { learnProfile, readInputs, stages } from '../pipeline/index.ts'
import type { Doc } from '../pipeline/types.ts'
import { writeBenchCorpus } from './corpus.ts'

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

const timed = new Map<string, number>()
function time<T>(name: string, fn: () => T): T {
  const started = performance.now()
  const out = fn()
  timed.set(name, (timed.get(name) ?? 0) + performance.now() - started)
  return out
}

const ENTITIES = '  of which entities (compromise)'
for (let round = 0; round < 2; round += 1) {
  // The first round warms the JIT and loads the lexicons; only the second is reported.
  timed.clear()
  for (const raw of docs) {
    time('remark-parse alone (the floor)', () => parser.parse(raw.raw))
    const doc = stages.reduce<Doc>((d, stage) => (d.failed ? d : time(`stage ${stage.name}`, () => stage(d, ctx))), raw)
    // Measured again on its own: the share of the annotate stage that named-entity tagging takes.
    time(ENTITIES, () => doc.paragraphs?.forEach(entitiesOf))
  }
}
const order = [...timed.keys()].filter((name) => name !== ENTITIES).flatMap((name) => (name === 'stage annotate' ? [name, ENTITIES] : [name]))
const rows = order.map((name) => `| ${name} | ${((timed.get(name) ?? 0) / docs.length).toFixed(3)} |`)
const total = [...timed].filter(([name]) => name.startsWith('stage')).reduce((n, [, ms]) => n + ms, 0)
process.stdout.write(`| ${docs.length} documents, one thread | ms per document |\n|---|---|\n${rows.join('\n')}\n| all stages | ${(total / docs.length).toFixed(3)} |\n`)
