import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { newContext } from '../pipeline/runner/context.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'

/**
 * The files that once stalled a build (issue 20), made here and never committed: each is run through every
 * stage in one thread and through remark-parse alone, and the table prints both times and their ratio.
 * PATHO_SCALE (default 1) scales every size, for a quick run in the tests.
 */
const scale = Number(process.env.PATHO_SCALE ?? 1)
const n = (count: number) => Math.max(1, Math.round(count * scale))

/** A pathological file: its name in the table, and its text after a title line. */
interface Shape {
  name: string
  text: () => string
  /** Whether remark-parse alone is run on it (not on what takes it minutes: a list nested thousands deep). */
  remark: boolean
}

const shapes: Shape[] = [
  {
    name: `\`word \` × ${n(50_000).toLocaleString('en')}, one paragraph, no punctuation`,
    text: () => 'word '.repeat(n(50_000)),
    remark: true,
  },
  { name: `\`word \` × ${n(1_000_000).toLocaleString('en')}`, text: () => 'word '.repeat(n(1_000_000)), remark: true },
  {
    name: `\`This is a short sentence. \` × ${n(10_000).toLocaleString('en')}, one paragraph`,
    text: () => 'This is a short sentence. '.repeat(n(10_000)),
    remark: true,
  },
  {
    name: `\`*a \` × ${n(50_000).toLocaleString('en')} (unclosed emphasis)`,
    text: () => '*a '.repeat(n(50_000)),
    remark: true,
  },
  {
    name: `${n(200_000).toLocaleString('en')} one-line paragraphs`,
    text: () => Array.from({ length: n(200_000) }, (_, i) => `Paragraph number ${i} here.`).join('\n\n'),
    remark: true,
  },
  {
    name: `\`>\` × ${n(20_000).toLocaleString('en')} then a word (nested quotes)`,
    text: () => `${'>'.repeat(n(20_000))} word`,
    remark: true,
  },
  {
    name: `a list nested ${n(3_000).toLocaleString('en')} levels deep`,
    text: () => Array.from({ length: n(3_000) }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'),
    remark: false,
  },
]

const ctx = newContext()
const parser = unified().use(remarkParse)
// Warm up: the first document loads the lexicons.
processDoc(decodeDoc(new TextEncoder().encode('Title\n\nJohn Smith went to Paris on Monday.\n'), 'raw/warm.txt'), ctx)

const seconds = (fn: () => void) => {
  const started = performance.now()
  fn()
  return (performance.now() - started) / 1000
}
const rows: string[] = []
for (const shape of shapes) {
  const text = `Title\n\n${shape.text()}\n`
  const bytes = new TextEncoder().encode(text)
  let outcome = ''
  const pipeline = seconds(() => {
    const doc = processDoc(decodeDoc(bytes, 'raw/pathological.txt'), ctx)
    outcome = doc.failed
      ? `left out [${doc.messages.find((m) => m.severity === 'error')?.rule}]`
      : `${doc.blocks.length.toLocaleString('en')} blocks`
  })
  const remark = shape.remark ? seconds(() => parser.parse(text)) : null
  const ratio = remark === null ? '–' : (pipeline / remark).toFixed(1)
  rows.push(
    `| ${shape.name} | ${(bytes.length / 1e6).toFixed(2)} | ${pipeline.toFixed(2)} | ${remark === null ? '– (not run)' : remark.toFixed(2)} | ${ratio} | ${outcome} |`,
  )
  process.stdout.write(
    `${rows.at(-1)}\n`.replace(
      /^/,
      rows.length === 1
        ? '| file (after a title line) | MB | all stages s | remark-parse alone s | ratio | outcome |\n|---|---|---|---|---|---|\n'
        : '',
    ),
  )
}
