import { spawnSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { dataDictionary, spliceDictionary, spliceRules } from './release/dictionary.ts'
import { writeReview } from './release/review/index.ts'
import { explainChanges } from './explain.ts'
import { build, merge, processFile, type BuildSummary } from './runner/build.ts'
import { MergeError, parseShard } from './runner/shard.ts'
import { diffTable, renderDiff } from './release/diff.ts'
import { verifyRelease } from './release/verify.ts'
import { formatMessage, keptOnceRules, sourceLines, type Doc, type Message } from './types.ts'
import { annotationTables, type AnnotationTable } from '../schemas/index.ts'

// V8 lets a busy heap grow to several times what it keeps alive: growing by at most half keeps a long build's memory flat (20 % cost 12 % in speed).
setFlagsFromString('--heap-growing-percent=50')

/** One option of a command: how node:util's parseArgs reads it, and its line in the help. */
interface OptionSpec {
  type: 'string' | 'boolean'
  default?: string | boolean
  short?: string
  /** The value's name in the help (`DIR`, `N`); none for a flag. */
  arg?: string
  help: string
}

/** The values a command's options were given. */
type Values = Record<string, string | boolean | undefined>

/** One command: its name, what it takes, what it does (for the help), its options, and how it runs. */
interface CommandSpec {
  name: string
  /** What follows the name besides options (`FILE`, `PART...`). */
  args?: string
  summary: string
  options: Record<string, OptionSpec>
  run: (values: Values, positionals: string[]) => Promise<number>
}

/** The cache lives in the project, beside node_modules, whatever folder the command runs in. */
const defaultCache = new URL('../.cache/pipeline', import.meta.url).pathname

/** Options several commands share, each declared once. */
const RAW: OptionSpec = {
  type: 'string',
  default: 'raw',
  arg: 'DIR',
  help: 'folder of raw inputs: .txt, .md, .html, .docx and exports of press databases',
}
const OUT: OptionSpec = { type: 'string', default: 'dist', arg: 'DIR', help: 'the release folder' }
const STRICT: OptionSpec = {
  type: 'boolean',
  default: false,
  help: 'write nothing when any input is rejected, copies included (make dataset is strict)',
}
const REVIEW: OptionSpec = {
  type: 'boolean',
  default: false,
  help: 'write the review site into the release, from its tables and --raw',
}

/** A string option's value (parseArgs gives the declared type; this says so to the type checker). */
const text = (values: Values, name: string): string | undefined =>
  typeof values[name] === 'string' ? (values[name] as string) : undefined

/** Every command, in the order the help lists them: the one place that knows them. */
const COMMANDS: CommandSpec[] = [
  {
    name: 'build',
    summary: `Read every input of --raw (articles as text, Markdown, saved pages, Word files; exports of press databases, each article a document), clean them, split them into paragraphs, annotate and validate the records, and write every table as CSV, JSON Lines and Arrow with the release's files into --out (replaced atomically). Problems are printed as they are found, as raw/<file>:<line>: reason [rule]; files that fail are left out, listed in <out>/rejects.jsonl, and the command exits 1. A copy of another input (the same bytes or text) is kept once, listed there too, with a warning: it does not fail the build. A document that takes longer than --doc-timeout seconds is stopped and left out [doc-timeout], on whichever thread runs it; the one thing that can make two builds of the same raw/ differ (a slower machine may stop what a faster one finished), so it is always named and --strict fails on it. Progress goes to stderr, ending with a one-line summary. Each document's result is cached by the sha256 of its bytes and the pipeline's own version, so a rebuild only processes what changed; the output is the same with or without the cache.`,
    options: {
      raw: RAW,
      out: OUT,
      jobs: { type: 'string', arg: 'N', help: 'threads that run the stages (default: the number of cores)' },
      strict: STRICT,
      encoding: {
        type: 'string',
        arg: 'windows-1252',
        help: 'decode text that is not UTF-8 as windows-1252, with a warning each',
      },
      'max-bytes': { type: 'string', arg: 'N', help: 'the largest input read (default 10 MiB)' },
      cache: {
        type: 'string',
        default: defaultCache,
        arg: 'DIR',
        help: 'folder of cached results, in the project by default',
      },
      'no-cache': { type: 'boolean', default: false, help: 'build without the cache' },
      shard: {
        type: 'string',
        arg: 'I/N',
        help: 'build only the I-th of N shares of the files (by a hash of the name), into a partial output for merge',
      },
      'doc-timeout': { type: 'string', default: '30', arg: 'S', help: 'seconds a document may take (0 for no limit)' },
      annotate: {
        type: 'string',
        default: 'all',
        arg: 'all|none|LIST',
        help: `the annotation tables to make: a comma list of ${annotationTables.join(', ')}; the others are left out of the release, and its card says so`,
      },
      review: REVIEW,
    },
    run: async (values) => {
      const threads = text(values, 'jobs') === undefined ? availableParallelism() : Number(values.jobs)
      if (!Number.isInteger(threads) || threads < 1)
        return usage(`--jobs takes a whole number of 1 or more, not ${values.jobs}`, 'build')
      const encoding = text(values, 'encoding')
      if (encoding !== undefined && encoding !== 'windows-1252')
        return usage(`--encoding takes windows-1252, not ${encoding}`, 'build')
      const maxBytes = text(values, 'max-bytes') === undefined ? undefined : Number(values['max-bytes'])
      if (maxBytes !== undefined && (!Number.isInteger(maxBytes) || maxBytes < 1))
        return usage(`--max-bytes takes a whole number of bytes, not ${values['max-bytes']}`, 'build')
      const read = {
        ...(encoding === 'windows-1252' ? { fallback: 'windows-1252' as const } : {}),
        ...(maxBytes === undefined ? {} : { maxBytes }),
      }
      const shardText = text(values, 'shard')
      const shard = shardText === undefined ? undefined : parseShard(shardText)
      if (shardText !== undefined && shard === undefined)
        return usage(`--shard takes I/N with 1 <= I <= N, not ${shardText}`, 'build')
      const cacheDir = values['no-cache'] === true ? {} : { cacheDir: text(values, 'cache') ?? defaultCache }
      const docTimeout = Number(values['doc-timeout'])
      if (!(docTimeout >= 0) || !Number.isFinite(docTimeout))
        return usage(`--doc-timeout takes seconds (0 for no limit), not ${values['doc-timeout']}`, 'build')
      const timeout = docTimeout === 0 ? {} : { docTimeout }
      const annotate = parseAnnotate(text(values, 'annotate') ?? 'all')
      if (annotate === undefined)
        return usage(
          `--annotate takes all, none or a comma list of ${annotationTables.join(', ')}, not ${values.annotate}`,
          'build',
        )
      const [rawDir, outDir] = [text(values, 'raw') ?? 'raw', text(values, 'out') ?? 'dist']
      return report(outDir, (onMessage) =>
        build({
          rawDir,
          outDir,
          threads,
          strict: values.strict === true,
          read,
          ...cacheDir,
          ...timeout,
          ...(shard === undefined ? {} : { shard }),
          review: values.review === true,
          annotate,
          onProgress: progress(),
          onNote: (note) => process.stderr.write(`\n${note}\n`),
          onMessage,
        }),
      )
    },
  },
  {
    name: 'merge',
    args: 'PART...',
    summary:
      'Combine the partial outputs of build --shard 1/N ... N/N into the release that one build of the whole folder writes, byte for byte.',
    options: { out: OUT, strict: STRICT, review: REVIEW, raw: RAW },
    run: async (values, parts) => {
      if (parts.length === 0) return usage('merge needs the output folder of every shard', 'merge')
      const outDir = text(values, 'out') ?? 'dist'
      try {
        return await report(outDir, (onMessage) =>
          merge({
            parts,
            outDir,
            strict: values.strict === true,
            ...(values.review === true ? { reviewRaw: text(values, 'raw') ?? 'raw' } : {}),
            onMessage,
          }),
        )
      } catch (error) {
        if (!(error instanceof MergeError)) throw error
        process.stderr.write(`${error.message}\n`)
        return 1
      }
    },
  },
  {
    name: 'review',
    summary:
      'Write the review site of a built release: an index of the corpus with charts and a table of every article, a page per article with its raw lines beside the result (removals struck through and labelled, header fields, joins, annotations), and the casualty figures by outlet. Self-contained: it opens from file://. build --review writes it into the release itself (make dataset does).',
    options: {
      from: { type: 'string', default: 'dist', arg: 'DIR', help: 'the built release' },
      raw: RAW,
      out: { type: 'string', arg: 'DIR', help: "where the site goes (default: the release's review/)" },
    },
    run: async (values) => {
      const from = text(values, 'from') ?? 'dist'
      const out = text(values, 'out') ?? join(from, 'review')
      const written = await writeReview(from, text(values, 'raw') ?? 'raw', out)
      process.stderr.write(`wrote ${written.length} files into ${out}/ (open ${join(out, 'index.html')})\n`)
      return 0
    },
  },
  {
    name: 'split',
    args: 'FILE',
    summary:
      'Print one file\'s paragraphs and headings as JSON Lines ({"kind", "text", "line_start", "line_end"}, with "doc_id" for each article of an export) to see what the pipeline does.',
    options: {},
    run: async (_values, [file]) => {
      if (file === undefined) return usage('split needs a FILE', 'split')
      const docs = await documentsOf(file)
      // An export's articles are told apart by their ids; a file of one article is told as before.
      const several = docs.length > 1
      for (const doc of docs) {
        for (const b of doc.blocks) {
          const [line_start, line_end] = sourceLines(doc, b.line_start, b.line_end)
          process.stdout.write(
            `${JSON.stringify({ ...(several ? { doc_id: doc.doc_id } : {}), kind: b.kind, text: b.text, line_start, line_end })}\n`,
          )
        }
      }
      return docs.some((d) => d.failed) ? 1 : 0
    },
  },
  {
    name: 'explain',
    args: 'FILE',
    summary:
      'Print every change the pipeline makes to one file, in raw-line order: the raw lines, the action (remove, join, header, normalise), the rule id, and the text before and after.',
    options: {},
    run: async (_values, [file]) => {
      if (file === undefined) return usage('explain needs a FILE', 'explain')
      const docs = await documentsOf(file)
      for (const doc of docs) process.stdout.write(explainChanges(doc))
      return docs.some((d) => d.failed) ? 1 : 0
    },
  },
  {
    name: 'verify',
    summary:
      "Recompute the release's manifest (bytes, sha256 and rows of every file, sha256 of every raw input) and fail on any difference.",
    options: { raw: RAW, out: OUT },
    run: async (values) => {
      const out = text(values, 'out') ?? 'dist'
      const problems = await verifyRelease(out, text(values, 'raw') ?? 'raw')
      for (const p of problems) process.stderr.write(`${p}\n`)
      process.stderr.write(
        problems.length === 0
          ? `verified ${out}/ against its manifest\n`
          : `${problems.length} differences from the manifest\n`,
      )
      return problems.length === 0 ? 0 : 1
    },
  },
  {
    name: 'diff',
    summary:
      "List the documents and paragraphs added, removed and changed between the release of a git tag and the working tree's release (for CHANGELOG.md).",
    options: { from: { type: 'string', arg: 'TAG', help: 'the tag of the earlier release' }, out: OUT },
    run: async (values) => {
      const from = text(values, 'from')
      if (from === undefined) return usage('diff needs --from TAG', 'diff')
      const out = text(values, 'out') ?? 'dist'
      const diffs = []
      for (const [table, key] of [
        ['documents', 'doc_id'],
        ['paragraphs', 'paragraph_id'],
      ] as const) {
        const before = spawnSync('git', ['show', `${from}:${out}/${table}.jsonl`], {
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        })
        if (before.status !== 0)
          return usage(`Cannot read ${out}/${table}.jsonl at ${from}: ${before.stderr.trim()}`, 'diff')
        diffs.push(diffTable(table, key, before.stdout, await readFile(`${out}/${table}.jsonl`, 'utf8')))
      }
      process.stdout.write(renderDiff(from, diffs))
      return 0
    },
  },
  {
    name: 'dictionary',
    summary:
      'Print the data dictionary generated from schemas/, or rewrite the generated section of --tables FILE (docs/dictionary.md) with it, and that of --rules FILE (docs/rules.md) with the rules and message ids of pipeline/rules/.',
    options: {
      tables: { type: 'string', arg: 'FILE', help: 'the data dictionary document to update' },
      rules: { type: 'string', arg: 'FILE', help: 'the rule list document to update' },
    },
    run: async (values) => {
      const [tablesFile, rulesFile] = [text(values, 'tables'), text(values, 'rules')]
      if (tablesFile === undefined && rulesFile === undefined) process.stdout.write(`${dataDictionary()}\n`)
      if (tablesFile !== undefined) await writeFile(tablesFile, spliceDictionary(await readFile(tablesFile, 'utf8')))
      if (rulesFile !== undefined) await writeFile(rulesFile, spliceRules(await readFile(rulesFile, 'utf8')))
      return 0
    },
  },
]

/** One file's documents (each article of an export), processed in the context of its folder, their messages told on stderr. */
async function documentsOf(file: string): Promise<Doc[]> {
  const docs = await processFile(file, relative(process.cwd(), file))
  for (const m of docs.flatMap((d) => d.messages)) process.stderr.write(`${formatMessage(m)}\n`)
  return docs
}

/** How the pipeline is started, as the help says it. */
const INVOCATION = 'crocus-pipeline (or: npm run --silent pipeline --)'

/** Wraps text at a width, each line indented. */
function wrap(text: string, indent: string, width = 100): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(line)
      line = ''
    }
    line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(line)
  return lines.map((l) => `${indent}${l}`).join('\n')
}

/** A command's usage line: its name, its arguments, and each option with its value's name. */
const usageLine = (c: CommandSpec): string =>
  [
    c.name,
    ...(c.args === undefined ? [] : [c.args]),
    ...Object.entries(c.options).map(([name, o]) => `[--${name}${o.arg === undefined ? '' : ` ${o.arg}`}]`),
  ].join(' ')

/** The help, generated from the command table: every command with its usage, what it does and its options. */
export function helpText(only?: CommandSpec): string {
  const commands = only === undefined ? COMMANDS : [only]
  const blocks = commands.map((c) => {
    const options = Object.entries(c.options).map(
      ([name, o]) =>
        `${wrap(`--${name}${o.arg === undefined ? '' : ` ${o.arg}`}: ${o.help}${o.default === undefined || o.default === false ? '' : ` (default: ${name === 'cache' ? '.cache/pipeline' : String(o.default)})`}`, '      ')}`,
    )
    return [wrap(usageLine(c), '  ').replace(/\n {2}/g, '\n    '), wrap(c.summary, '      '), ...options].join('\n')
  })
  return `Usage: ${INVOCATION} <command> [options]\n\nCommands:\n${blocks.join('\n\n')}\n\n  -h, --help (alone, or after a command): this help\n`
}

/** The annotation tables `--annotate` names, in the release's order; undefined for a name that is not one. */
function parseAnnotate(value: string): AnnotationTable[] | undefined {
  if (value === 'all') return [...annotationTables]
  if (value === 'none') return []
  const names = value.split(',').map((n) => n.trim())
  return names.every((n) => (annotationTables as readonly string[]).includes(n))
    ? annotationTables.filter((t) => names.includes(t))
    : undefined
}

/** Runs the command line; returns the exit code. Each command reads its own options: one another command has is an error. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '-h' || name === '--help') {
    process.stdout.write(helpText())
    return name === undefined ? 2 : 0
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (command === undefined) return usage(`Unknown command ${name}, expected ${COMMANDS.map((c) => c.name).join(', ')}`)
  let parsed: { values: Values; positionals: string[] }
  try {
    const options = Object.fromEntries(
      Object.entries(command.options).map(([key, o]) => [
        key,
        {
          type: o.type,
          ...(o.default === undefined ? {} : { default: o.default }),
          ...(o.short === undefined ? {} : { short: o.short }),
        },
      ]),
    )
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { ...options, help: { type: 'boolean', short: 'h', default: false } },
    }) as { values: Values; positionals: string[] }
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error), name)
  }
  if (parsed.values.help === true) {
    process.stdout.write(helpText(command))
    return 0
  }
  if (command.args === undefined && parsed.positionals.length > 0)
    return usage(`${name} takes no arguments besides its options, not ${parsed.positionals.join(' ')}`, name)
  return command.run(parsed.values, parsed.positionals)
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
async function report(
  out: string,
  run: (onMessage: (message: Message) => void) => Promise<BuildSummary>,
): Promise<number> {
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
  const cached =
    result.cache.hits + result.cache.misses > 0
      ? `, ${result.cache.hits}${result.cache.profile ? ' and the corpus profile' : ''} from the cache`
      : ''
  process.stderr.write(
    `built ${result.counts.get('documents') ?? 0} documents, ${result.counts.get('paragraphs') ?? 0} paragraphs ${written}${cached}; ${result.rejected.length} files rejected, ${told.warning} warnings (${seconds} s)\n`,
  )
  const failed = told.error > 0 || !result.written || result.rejected.some((r) => !keptOnceRules.has(r.rule))
  return failed ? 1 : 0
}

/** A usage error: the reason, then the help of the command it is about (or of every command); exit 2. */
function usage(reason: string, command?: string): number {
  const spec = COMMANDS.find((c) => c.name === command)
  process.stderr.write(`${reason}\n\n${helpText(spec)}`)
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
