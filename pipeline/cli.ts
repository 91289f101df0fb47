import { spawnSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { dataDictionary, spliceDictionary, spliceRules } from './release/dictionary.ts'
import { writeReview } from './release/review.ts'
import { explainChanges } from './explain.ts'
import { build, merge, processFile, type BuildSummary } from './build/build.ts'
import { MergeError, parseShard } from './build/shard.ts'
import { diffTable, renderDiff } from './release/diff.ts'
import { verifyRelease } from './release/verify.ts'
import { formatMessage, keptOnceRules, sourceLines, type Message } from './types.ts'
import { annotationTables, type AnnotationTable } from '../schemas/index.ts'

// V8 lets a busy heap grow to several times what it keeps alive: growing by at most half keeps a long build's memory flat (20 % cost 12 % in speed).
setFlagsFromString('--heap-growing-percent=50')

const HELP = `Usage: npm run --silent pipeline -- <command> [options]

Commands:
  build --raw DIR --out DIR [--jobs N] [--strict] [--encoding windows-1252] [--max-bytes N]
        [--cache DIR | --no-cache] [--shard I/N] [--doc-timeout S] [--annotate all|none|LIST]
      Read every .txt file of DIR, clean it, split it into paragraphs, annotate and
      validate the records, and write documents and paragraphs as CSV, JSONL and
      Arrow into the out folder (replaced atomically). Problems are printed as
      they are found, as raw/<file>:<line>: reason [rule]; files that fail are
      left out, listed in <out>/rejects.jsonl, and the command exits 1. A copy
      of another input (the same bytes or text) is kept once, listed there too,
      with a warning: it does not fail the build. With --strict nothing is
      written when any file is rejected, copies included (make dataset is
      strict). --encoding decodes files that are not UTF-8 as windows-1252,
      with a warning each;
      --max-bytes sets the largest article read (default 10 MiB). A document
      that takes longer than --doc-timeout seconds (default 30; 0 for no limit)
      is stopped and left out [doc-timeout]: every document runs in a worker
      thread so that it can be; the one thing that can make two builds of the
      same raw/ differ (a slower machine may stop what a faster one finished),
      so it is always named and --strict fails on it. Block quotes and lists
      nested more than 64 levels deep are left out before parsing [too-deep].
      Progress goes to stderr, ending with a one-line summary. Each document's result is cached
      in --cache DIR (default: .cache/pipeline in the project) by the sha256 of its bytes and the
      pipeline's own version, so a rebuild only processes what changed; the
      output is the same with or without the cache. With --shard I/N only the
      I-th of N shares of the files (by a hash of the name) is built, into a
      partial output for merge. --annotate names the annotation tables to make
      (default all): none for text, metadata and changes alone, or a comma list
      of sentences, quotes, entities, numbers, reuse; the others are left out of
      the release, and its card says so.
  merge PART... --out DIR [--strict] [--review --raw DIR]
      Combine the partial outputs of build --shard 1/N ... N/N into the release
      that one build of the whole folder writes, byte for byte.
  review [--from DIR] [--raw DIR] [--out DIR]
      Write the review site of a built release (--from, default dist) into --out
      (default: DIR/review): an index of the corpus with charts and a table of
      every article, a page per article with its raw lines beside the result
      (removals struck through and labelled, header fields, joins, annotations),
      and the casualty figures by outlet. Self-contained: it opens from file://.
      build --review writes it into the release itself (make dataset does).
  split FILE
      Print one file's paragraphs and headings as JSON Lines
      ({"kind", "text", "line_start", "line_end"}) to see what the pipeline does.
  explain FILE
      Print every change the pipeline makes to one file, in raw-line order:
      the raw lines, the action (remove, join, header, normalise), the rule id,
      and the text before and after.
  verify [--raw DIR] [--out DIR]
      Recompute the release's manifest (bytes, sha256 and rows of every file,
      sha256 of every raw input) and fail on any difference.
  diff --from TAG [--out DIR]
      List the documents and paragraphs added, removed and changed between the
      release of a git tag and the working tree's release (for CHANGELOG.md).
  dictionary [--tables FILE] [--rules FILE]
      Print the data dictionary generated from schemas/, or rewrite the
      generated section of --tables FILE (docs/dictionary.md) with it, and that
      of --rules FILE (docs/rules.md) with the rule list from pipeline/rules/.

Options:
  --raw DIR    folder of raw articles: .txt, .md, .html (default: raw)
  --out DIR    output folder (default: dist)
  --jobs N     documents processed at once (default: number of cores)
  -h, --help   show this help
`

/** The cache lives in the project, beside node_modules, whatever folder the command runs in. */
const defaultCache = new URL('../.cache/pipeline', import.meta.url).pathname

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      raw: { type: 'string', default: 'raw' },
      out: { type: 'string', default: 'dist' },
      jobs: { type: 'string' },
      tables: { type: 'string' },
      rules: { type: 'string' },
      from: { type: 'string' },
      strict: { type: 'boolean', default: false },
      encoding: { type: 'string' },
      'max-bytes': { type: 'string' },
      'doc-timeout': { type: 'string', default: '30' },
      cache: { type: 'string', default: defaultCache },
      'no-cache': { type: 'boolean', default: false },
      shard: { type: 'string' },
      review: { type: 'boolean', default: false },
      annotate: { type: 'string', default: 'all' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
}

/** The annotation tables `--annotate` names, in the release's order; undefined for a name that is not one. */
function parseAnnotate(text: string): AnnotationTable[] | undefined {
  if (text === 'all') return [...annotationTables]
  if (text === 'none') return []
  const names = text.split(',').map((n) => n.trim())
  return names.every((n) => (annotationTables as readonly string[]).includes(n)) ? annotationTables.filter((t) => names.includes(t)) : undefined
}

/** Runs the command line; returns the exit code. */
async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>
  try {
    parsed = parseCommandLine(argv)
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error))
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help || command === undefined) {
    process.stdout.write(HELP)
    return command === undefined && !values.help ? 2 : 0
  }
  if (command === 'build') {
    const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs)
    if (!Number.isInteger(jobs) || jobs < 1) return usage(`--jobs takes a whole number of 1 or more, not ${values.jobs}`)
    if (values.encoding !== undefined && values.encoding !== 'windows-1252') return usage(`--encoding takes windows-1252, not ${values.encoding}`)
    const maxBytes = values['max-bytes'] === undefined ? undefined : Number(values['max-bytes'])
    if (maxBytes !== undefined && (!Number.isInteger(maxBytes) || maxBytes < 1)) return usage(`--max-bytes takes a whole number of bytes, not ${values['max-bytes']}`)
    const read = { ...(values.encoding === 'windows-1252' ? { fallback: 'windows-1252' as const } : {}), ...(maxBytes === undefined ? {} : { maxBytes }) }
    const shard = values.shard === undefined ? undefined : parseShard(values.shard)
    if (values.shard !== undefined && shard === undefined) return usage(`--shard takes I/N with 1 <= I <= N, not ${values.shard}`)
    const cacheDir = values['no-cache'] ? {} : { cacheDir: values.cache }
    const docTimeout = Number(values['doc-timeout'])
    if (!(docTimeout >= 0) || !Number.isFinite(docTimeout)) return usage(`--doc-timeout takes seconds (0 for no limit), not ${values['doc-timeout']}`)
    const timeout = docTimeout === 0 ? {} : { docTimeout }
    const annotate = parseAnnotate(values.annotate)
    if (annotate === undefined) return usage(`--annotate takes all, none or a comma list of ${annotationTables.join(', ')}, not ${values.annotate}`)
    return report(values.out, (onMessage) => build({ rawDir: values.raw, outDir: values.out, jobs, strict: values.strict, read, ...cacheDir, ...timeout, ...(shard === undefined ? {} : { shard }), review: values.review, annotate, onProgress: progress(), onNote: (note) => process.stderr.write(`\n${note}\n`), onMessage }))
  }
  if (command === 'merge') {
    if (rest.length === 0) return usage('merge needs the output folder of every shard')
    try {
      return await report(values.out, (onMessage) => merge({ parts: rest, outDir: values.out, strict: values.strict, ...(values.review ? { reviewRaw: values.raw } : {}), onMessage }))
    } catch (error) {
      if (!(error instanceof MergeError)) throw error
      process.stderr.write(`${error.message}\n`)
      return 1
    }
  }
  if (command === 'split') {
    const [file] = rest
    if (file === undefined) return usage('split needs a FILE')
    const docs = await processFile(file, relative(process.cwd(), file))
    // An export's articles are told apart by their ids; a file of one article is told as before.
    const several = docs.length > 1
    for (const doc of docs) {
      for (const m of doc.messages) process.stderr.write(`${formatMessage(m)}\n`)
      for (const b of doc.blocks) {
        const [line_start, line_end] = sourceLines(doc, b.line_start, b.line_end)
        process.stdout.write(`${JSON.stringify({ ...(several ? { doc_id: doc.doc_id } : {}), kind: b.kind, text: b.text, line_start, line_end })}\n`)
      }
    }
    return docs.some((d) => d.failed) ? 1 : 0
  }
  if (command === 'explain') {
    const [file] = rest
    if (file === undefined) return usage('explain needs a FILE')
    const docs = await processFile(file, relative(process.cwd(), file))
    for (const doc of docs) {
      for (const m of doc.messages) process.stderr.write(`${formatMessage(m)}\n`)
      process.stdout.write(explainChanges(doc))
    }
    return docs.some((d) => d.failed) ? 1 : 0
  }
  if (command === 'verify') {
    const problems = await verifyRelease(values.out, values.raw)
    for (const p of problems) process.stderr.write(`${p}\n`)
    process.stderr.write(problems.length === 0 ? `verified ${values.out}/ against its manifest\n` : `${problems.length} differences from the manifest\n`)
    return problems.length === 0 ? 0 : 1
  }
  if (command === 'diff') {
    if (values.from === undefined) return usage('diff needs --from TAG')
    const diffs = []
    for (const [table, key] of [['documents', 'doc_id'], ['paragraphs', 'paragraph_id']] as const) {
      const before = spawnSync('git', ['show', `${values.from}:${values.out}/${table}.jsonl`], { encoding: 'utf8', maxBuffer: 1 << 30 })
      if (before.status !== 0) return usage(`Cannot read ${values.out}/${table}.jsonl at ${values.from}: ${before.stderr.trim()}`)
      diffs.push(diffTable(table, key, before.stdout, await readFile(`${values.out}/${table}.jsonl`, 'utf8')))
    }
    process.stdout.write(renderDiff(values.from, diffs))
    return 0
  }
  if (command === 'review') {
    const from = values.from ?? 'dist'
    const out = argv.includes('--out') ? values.out : join(from, 'review')
    const written = await writeReview(from, values.raw, out)
    process.stderr.write(`wrote ${written.length} files into ${out}/ (open ${join(out, 'index.html')})\n`)
    return 0
  }
  if (command === 'dictionary') {
    if (values.tables === undefined && values.rules === undefined) process.stdout.write(`${dataDictionary()}\n`)
    if (values.tables !== undefined) await writeFile(values.tables, spliceDictionary(await readFile(values.tables, 'utf8')))
    if (values.rules !== undefined) await writeFile(values.rules, spliceRules(await readFile(values.rules, 'utf8')))
    return 0
  }
  return usage(`Unknown command ${command}, expected build, merge, split, explain, verify, diff, review or dictionary`)
}

/** Progress on stderr: a terminal gets one line rewritten in place; a log gets a line at every tenth of the corpus. */
function progress() {
  const tty = process.stderr.isTTY
  return (done: number, total: number, errors: number) => {
    const step = Math.max(1, Math.ceil(total / 10))
    if (tty) process.stderr.write(`\r${done}/${total} files, ${errors} left out`)
    else if (done % step === 0 || done === total) process.stderr.write(`${done}/${total} files, ${errors} left out\n`)
  }
}

/** Runs a build or merge, printing its messages as they come and then a one-line summary; exit 1 on an error, a reject other than a copy kept once, or nothing written (--strict). */
async function report(out: string, run: (onMessage: (message: Message) => void) => Promise<BuildSummary>): Promise<number> {
  const started = performance.now()
  const told = { warning: 0, error: 0 }
  // On a terminal, a message first clears the progress line, which the next progress update writes again.
  const clear = process.stderr.isTTY ? '\r\x1b[K' : ''
  const result = await run((m) => {
    told[m.severity] += 1
    process.stderr.write(`${clear}${formatMessage(m)}\n`)
  })
  if (process.stderr.isTTY) process.stderr.write('\n')
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const written = result.written ? `into ${out}/` : `nothing written (--strict), ${out}/ left as it was`
  const cached = result.cache.hits + result.cache.misses > 0 ? `, ${result.cache.hits}${result.cache.profile ? ' and the corpus profile' : ''} from the cache` : ''
  process.stderr.write(
    `built ${result.counts.get('documents') ?? 0} documents, ${result.counts.get('paragraphs') ?? 0} paragraphs ${written}${cached}; ${result.rejected.length} files rejected, ${told.warning} warnings (${seconds} s)\n`,
  )
  const failed = told.error > 0 || !result.written || result.rejected.some((r) => !keptOnceRules.has(r.rule))
  return failed ? 1 : 0
}

function usage(reason: string): number {
  process.stderr.write(`${reason}\n\n${HELP}`)
  return 2
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`pipeline: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  },
)
