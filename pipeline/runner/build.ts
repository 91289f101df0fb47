// The build: reads raw/ twice (the corpus profile, then the stages in worker threads), takes what it can
// from the cache, and hands the results in file-name order to the assembler and writers (or a shard's part).
import { availableParallelism } from 'node:os'
import { readdir, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import pLimit from 'p-limit'
import {
  annotationTables,
  releaseTables,
  type AnnotationTable,
  type CatalogRow,
  type Reject,
} from '../../schemas/index.ts'
import { processInput, runTask } from '../index.ts'
import { readDatasetInfo, type DatasetInfo } from '../release/dataset.ts'
import { readProvenance, type Provenance } from '../release/provenance.ts'
import {
  byName,
  CATALOG_FILE,
  docIdOf,
  InputList,
  inputExtension,
  rawName,
  readCatalog,
  readDoc,
  UNREAD_FORMATS,
  type Input,
  type ReadOptions,
} from '../stages/read.ts'
import { failDoc, type Doc, type Message } from '../types.ts'
import { finishRelease } from '../release/finish.ts'
import { commitOutput, openOutput } from '../write/index.ts'
import { MessageLog } from '../write/messages.ts'
import { articlesOf, articleText } from '../stages/exports.ts'
import { TablesWriter, type TableName } from '../write/stream.ts'
import { Assembler, tellOrKeep } from './assemble.ts'
import { pipelineVersion, profileKey, ResultCache, type CacheKey } from './cache.ts'
import { DigestMap } from '../corpus/columns.ts'
import { newContext } from './context.ts'
import { CorpusLearner, type LearnedProfile } from '../corpus/profile.ts'
import { docTablesOf, rejectOf, resultOf, type DocResult } from './results.ts'
import { PartWriter, readParts, shardOf, type Shard } from './shard.ts'
import { DocTimeout } from './deadline.ts'
import { inOrder, MIN_DOCS_PER_WORKER, WorkerPool, type Task, type TaskResult } from './workers.ts'

/** Options of one build; every field has a default. */
export interface BuildOptions {
  rawDir: string
  outDir: string
  /** Threads that run the stages (`--jobs`; default: one per core). */
  threads?: number
  /** Dates after this ISO date are in the future (default: the release date). */
  today?: string
  /** The dataset's identity (default: dataset.json). */
  info?: DatasetInfo
  /** Commit and release date (default: read from git and SOURCE_DATE_EPOCH). */
  provenance?: Provenance
  /** How inputs are read (size limit, encoding fallback). */
  read?: ReadOptions
  /** Write nothing when any input is rejected: the previous release stays as it was. */
  strict?: boolean
  /** Folder of cached per-document results (default: no cache). */
  cacheDir?: string
  /**
   * Seconds a document may take: past them it is stopped, on whichever thread runs it, and left out
   * [doc-timeout]; the thread takes no more documents (default: no limit, as for one file's `split`; the
   * command line's default is 30).
   */
  docTimeout?: number
  /** Build only this shard's documents into a partial output, for `merge`. */
  shard?: Shard
  /** Write the review site (review/) into the release, from its tables and the raw files. */
  review?: boolean
  /** The annotation tables to make (default: every one); the others are left out of the release. */
  annotate?: readonly AnnotationTable[]
  /** Called after each document with the count done so far and the files rejected so far. */
  onProgress?: (done: number, total: number, errors: number) => void
  /** Told of what happened on the way that is not about the data (a worker thread that failed and was replaced). */
  onNote?: (note: string) => void
  /**
   * Told of each message (errors and warnings about the inputs) in corpus order, as soon as it is known,
   * instead of the summary keeping them all: a corpus with a warning per article keeps none in memory.
   */
  onMessage?: (message: Message) => void
}

/** What a build took from the cache. */
export interface CacheCounts {
  hits: number
  misses: number
  profile: boolean
}

/** What a build wrote and what went wrong on the way. */
export interface BuildSummary {
  /** Rows written to each table. */
  counts: Map<TableName, number>
  /** Every raw input read, with the sha256 of its bytes. */
  inputs: Iterable<Input>
  /** Every message, in corpus order; empty when the build told them to `onMessage` instead. */
  messages: Message[]
  /** Inputs left out, each with the first error that rejected it. */
  rejected: Reject[]
  /** Documents taken from the cache, and built; whether the corpus profile was taken from it rather than learned. */
  cache: CacheCounts
  /** Whether the output was written (not with --strict and rejects). */
  written: boolean
}

/** The inputs of a raw folder in byte order of their names, and messages for what is not an input. */
export async function listInputs(rawDir: string): Promise<{ files: string[]; messages: Message[] }> {
  const entries = await readdir(rawDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    // A mistyped --raw is the user's mistake, not a fault: one line naming the folder, not the system call.
    const reason =
      error.code === 'ENOENT'
        ? 'no such folder'
        : error.code === 'ENOTDIR'
          ? 'not a folder'
          : `cannot be read (${error.code ?? error.message})`
    throw new Error(`${rawDir}: ${reason}, expected a folder of .txt articles`)
  })
  const candidates: string[] = []
  const messages: Message[] = []
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === CATALOG_FILE) continue
    // A link with an input's extension is read like a file, so that a dangling one is reported as unreadable, not skipped.
    if ((entry.isFile() || entry.isSymbolicLink()) && inputExtension(entry.name) !== undefined)
      candidates.push(entry.name)
    else {
      const unread = UNREAD_FORMATS[/\.[^./]+$/.exec(entry.name)?.[0].toLowerCase() ?? '']
      messages.push({
        file: `raw/${entry.name}`,
        rule: 'read-not-text',
        reason: unread ?? 'Not an article, a saved page or an export, expected .txt, .md, .html, .htm or .docx',
        severity: 'error',
      })
    }
  }
  candidates.sort(byName)
  // Two files with one id (a.txt beside a.html) would be one document: the first by name is kept, the other named.
  const owner = new Map<string, string>()
  const files: string[] = []
  for (const name of candidates) {
    const id = docIdOf(name)
    const first = owner.get(id)
    if (first === undefined) {
      owner.set(id, name)
      files.push(name)
    } else
      messages.push({
        file: `raw/${name}`,
        rule: 'doc-id-conflict',
        reason: `Same document id "${id}" as raw/${first}, left out; rename one of them`,
        severity: 'error',
      })
  }
  return { files, messages }
}

/** Reads every input of a raw folder into memory, in file-name order (for one file's context and tests). */
export async function readInputs(
  rawDir: string,
  concurrency: number,
  options: ReadOptions = {},
): Promise<{ docs: Doc[]; messages: Message[] }> {
  const { files, messages } = await listInputs(rawDir)
  const limit = pLimit(concurrency)
  const docs = await Promise.all(files.map((name) => limit(() => readDoc(join(rawDir, name), `raw/${name}`, options))))
  return { docs, messages }
}

/** Learns what the corpus says as a whole (repeated edge lines, vocabulary) from the decoded documents. */
export function learnProfile(docs: readonly Doc[]): LearnedProfile {
  const learner = new CorpusLearner()
  for (const doc of docs) learnFrom(learner, doc)
  return learner.profile()
}

/** Teaches the corpus profile an input's text: each article of an export apart (its cover and fields are the database's), a text whole; a page's HTML is no text. */
function learnFrom(learner: CorpusLearner, doc: Doc): void {
  // A page (a Factiva export's articles included) is no text the profile learns from: it is not split for it.
  if (doc.failed || doc.format !== 'text') return
  for (const article of articlesOf(doc)) learner.add(articleText(article))
}

/** A raw folder after the first pass: what to process, what is already rejected, and the corpus profile. */
interface Scan {
  rawDir: string
  /** Inputs to run the stages over, in file-name order (those read and not rejected). */
  toBuild: InputList
  /** Inputs rejected when read (unreadable, binary, duplicate bytes...), as results without rows. */
  rejected: DocResult[]
  inputs: InputList
  profile: LearnedProfile
  /** Whether the profile was taken from the cache. */
  profileCached: boolean
  catalog: Map<string, CatalogRow>
  /** Problems of the folder itself: files that are not articles, catalogue rows. */
  messages: Message[]
}

/** Files read at once by the first pass. */
const SCAN_CHUNK = 64

/**
 * The first pass over a raw folder: reads every input once, keeping only its hash and what the corpus
 * profile learns from it, so memory does not grow with the corpus's text; duplicates by bytes are marked.
 * With a cache that holds a profile, it reads without learning and takes the cached profile if it was
 * learned from the same inputs, or else reads the inputs again to learn theirs.
 */
async function scan(rawDir: string, read: ReadOptions, cache: ResultCache | undefined): Promise<Scan> {
  const { files, messages } = await listInputs(rawDir)
  const learner = cache?.hasProfile() === true ? undefined : new CorpusLearner()
  // Each kept input's index in toBuild, by the sha256 of its bytes.
  const firstOf = new DigestMap()
  const out: Pick<Scan, 'toBuild' | 'rejected' | 'inputs'> = {
    toBuild: new InputList(),
    rejected: [],
    inputs: new InputList(),
  }
  for await (const { name, doc } of readAll(rawDir, files, read)) {
    out.inputs.push(name, doc.source_sha256)
    const earlier = doc.failed ? undefined : firstOf.get(doc.source_sha256)
    if (doc.failed) out.rejected.push(resultOf(doc))
    else if (earlier !== undefined)
      out.rejected.push(
        resultOf(
          failDoc(doc, 'duplicate-bytes', `Duplicate of raw/${out.toBuild.name(earlier)} (the same bytes), kept once`),
        ),
      )
    else {
      firstOf.set(doc.source_sha256, out.toBuild.length)
      // A saved page's HTML is not text the profile can learn from; its markup tells its article from the page.
      if (learner !== undefined) learnFrom(learner, doc)
      // Only the name and hash, in columns: a 100,000-file corpus keeps them for the whole build in a few MB.
      out.toBuild.push(name, doc.source_sha256)
    }
  }
  const catalog = await readCatalog(rawDir, files)
  messages.push(...catalog.messages)
  const key =
    cache === undefined
      ? ''
      : profileKey(
          cache.version,
          read,
          Array.from(out.toBuild.files(), (j) => j.sha256),
        )
  const cached = learner === undefined ? cache?.getProfile(key) : undefined
  const profile = learner?.profile() ?? cached ?? (await learnAgain(rawDir, out.toBuild, read))
  if (cached === undefined) cache?.setProfile(key, profile)
  return { ...out, rawDir, messages, profile, profileCached: cached !== undefined, catalog: catalog.catalog }
}

/** Learns the profile of the inputs the first pass kept, reading them again (when the cached profile was of other inputs). */
export async function learnAgain(rawDir: string, kept: InputList, read: ReadOptions): Promise<LearnedProfile> {
  const learner = new CorpusLearner()
  let at = 0
  for await (const { doc } of readAll(
    rawDir,
    Array.from(kept.files(), (j) => j.name),
    read,
  )) {
    // The profile must be of the bytes the first pass hashed: an input changed in between would make it another corpus's.
    if (doc.failed || doc.source_sha256 !== kept.sha256(at))
      throw new Error(`${doc.source_path} changed during the build; build again`)
    learnFrom(learner, doc)
    at += 1
  }
  return learner.profile()
}

/** Reads the named inputs of a raw folder in their order, SCAN_CHUNK files at once. */
async function* readAll(
  rawDir: string,
  names: readonly string[],
  read: ReadOptions,
): AsyncGenerator<{ name: string; doc: Doc }> {
  for (let start = 0; start < names.length; start += SCAN_CHUNK) {
    const chunk = names.slice(start, start + SCAN_CHUNK)
    const docs = await Promise.all(chunk.map((name) => readDoc(join(rawDir, name), `raw/${name}`, read)))
    for (const [i, doc] of docs.entries()) yield { name: chunk[i] ?? '', doc }
  }
}

/** Processes scanned inputs in worker threads (or inline when few), taking what it can from the cache; yields in input order. */
async function* processScan(
  found: Scan,
  toBuild: InputList,
  options: BuildOptions & { annotate: readonly AnnotationTable[] },
  cache: ResultCache | undefined,
  today: string,
): AsyncGenerator<DocResult[]> {
  const { annotate } = options
  const ctx = newContext({ corpus: found.profile, catalog: found.catalog, today, annotate })
  const version = cache?.version ?? ''
  const seconds = options.docTimeout
  const threads = options.threads ?? availableParallelism()
  const count = Math.max(1, Math.min(threads, Math.floor(toBuild.length / MIN_DOCS_PER_WORKER)))
  // With a time limit the pool runs even a single thread: a document stopped on the main thread leaves its place to a worker.
  const pooled = seconds !== undefined || count > 1
  // Workers start on the first document the cache does not have: a rebuild of an unchanged corpus starts none.
  let pool: WorkerPool | undefined
  const run = async ({ name, sha256 }: { name: string; sha256: string }): Promise<DocResult[]> => {
    const job: Task = { file: join(found.rawDir, name), source_path: `raw/${name}` }
    const row = found.catalog.get(name)
    const key: CacheKey = {
      version,
      source_path: job.source_path,
      source_sha256: sha256,
      catalog: row === undefined ? null : JSON.stringify(row),
      annotate,
    }
    const cached = cache?.get(key, found.profile, today)
    if (cached !== undefined) return cached
    if (pooled && pool === undefined) {
      const setup = { corpus: found.profile, catalog: found.catalog, today, annotate, read: options.read ?? {} }
      pool = new WorkerPool(
        count,
        setup,
        (j) => runTask(j, ctx, options.read, seconds),
        seconds === undefined ? {} : { timeoutSeconds: seconds },
      )
      pool.onFailure = (j, error) =>
        options.onNote?.(
          `${j.source_path}: a worker thread failed (${error.message}); processed again without its heap limit`,
        )
    }
    const done =
      pool === undefined
        ? await runTask(job, ctx, options.read)
        : await pool.run(job).catch((error: unknown) => timedOut(error, job, options.read))
    // A document left out for time is never cached: a faster machine, or a fixed pipeline, may finish it.
    if (done.deps !== null) cache?.set(key, done.deps, done.results)
    return done.results
  }
  try {
    yield* inOrder(toBuild.files(), pooled ? WorkerPool.tasksAtOnce(count) : 1, run)
  } finally {
    await pool?.close()
  }
}

/**
 * The result of a document that ran past the time limit, or failed even in a worker of its own (read again,
 * for its hash): left out with one message, and nothing to cache.
 */
async function timedOut(
  error: unknown,
  job: Task,
  read: ReadOptions = {},
): Promise<Omit<TaskResult, 'deps'> & { deps: null }> {
  const doc = await readDoc(job.file, job.source_path, read)
  const failed =
    error instanceof DocTimeout
      ? failDoc(doc, 'doc-timeout', error.message)
      : failDoc(
          doc,
          'worker-failed',
          `Failed in a worker thread (${error instanceof Error ? error.message : String(error)}), left out`,
        )
  return { results: [resultOf(failed)], deps: null }
}

/** Files in `rawDir` that belong to one shard, by a hash of the file name. */
function shardInputs(all: InputList, shard: Shard | undefined): InputList {
  if (shard === undefined) return all
  const mine = new InputList()
  for (const { name, sha256 } of all.files()) if (shardOf(name, shard.count) === shard.index) mine.push(name, sha256)
  return mine
}

/** Results rejected when read (a short list) and processed ones (each input's documents together), both in name order, as one list in name order. */
async function* inNameOrder(
  rejected: readonly DocResult[],
  processed: AsyncIterable<DocResult[]>,
): AsyncGenerator<DocResult> {
  const waiting = [...rejected].sort((a, b) => byName(a.source_path, b.source_path))
  let next = 0
  for await (const results of processed) {
    const first = results[0]
    if (first === undefined) continue
    for (; next < waiting.length && byName(waiting[next]?.source_path ?? '', first.source_path) < 0; next += 1)
      yield waiting[next] as DocResult
    yield* results
  }
  yield* waiting.slice(next)
}

/** Builds `rawDir` into a release in `outDir` (or, with `shard`, into a partial output for `merge`). */
export async function build(options: BuildOptions): Promise<BuildSummary> {
  const provenance = options.provenance ?? readProvenance()
  const info = options.info ?? readDatasetInfo()
  const today = options.today ?? provenance.released
  const cache = options.cacheDir === undefined ? undefined : new ResultCache(options.cacheDir)
  const found = await scan(options.rawDir, options.read ?? {}, cache)
  const toBuild = shardInputs(found.toBuild, options.shard)
  const tmp = await openOutput(options.outDir)
  let done = 0
  const total = toBuild.length + found.rejected.length
  const progress = (errors: number) => {
    done += 1
    options.onProgress?.(done, total, errors)
  }
  const annotate = options.annotate ?? annotationTables
  const results = processScan(found, toBuild, { ...options, annotate }, cache, today)
  const cacheCounts = () => ({ hits: cache?.hits ?? 0, misses: cache?.misses ?? 0, profile: found.profileCached })
  if (options.shard !== undefined) {
    const shard = options.shard
    const rejected = found.rejected.filter((r) => shardOf(rawName(r.source_path), shard.count) === shard.index)
    const written = docTablesOf(annotate)
    const part = new PartWriter(
      tmp,
      {
        dataset: info.name,
        version: info.version,
        pipeline: cache?.version ?? pipelineVersion(),
        shard,
        messages: found.messages,
        annotate,
      },
      found.inputs,
    )
    const writer = new TablesWriter(tmp, info, written)
    const messages: Message[] = []
    const rejects: Reject[] = []
    tellOrKeep(found.messages, options.onMessage, messages)
    for await (const result of inNameOrder(rejected, results)) {
      part.add({
        doc_id: result.doc_id,
        source_path: result.source_path,
        source_sha256: result.source_sha256,
        messages: result.messages,
        rows: result.rows !== null,
      })
      tellOrKeep(result.messages, options.onMessage, messages)
      if (result.rows === null) rejects.push(rejectOf(result))
      else for (const table of written) writer.add(table, result.rows[table], result.rendered?.[table])
      await writer.drained()
      progress(rejects.length)
    }
    const counts = await writer.close()
    await part.close()
    return finish(tmp, options, {
      counts,
      inputs: found.inputs,
      messages,
      rejected: rejects,
      cache: cacheCounts(),
      written: true,
    })
  }
  // Rejected when read and processed, in name order as a merge gives them: the assembler counts the rejects.
  return assembleRelease(tmp, inNameOrder(found.rejected, results), {
    ...options,
    annotate,
    info,
    provenance,
    inputs: found.inputs,
    messages: found.messages,
    cacheCounts,
    progress,
    ...(options.review === true ? { reviewRaw: options.rawDir } : {}),
  })
}

/** What a release is assembled with besides the per-document results. */
interface ReleaseSetup {
  /** The raw folder the review site shows, when the release gets one. */
  reviewRaw?: string
  outDir: string
  strict?: boolean
  /** The annotation tables the release holds. */
  annotate: readonly AnnotationTable[]
  info: DatasetInfo
  provenance: Provenance
  inputs: Iterable<Input>
  /** Problems of the raw folder or the parts, before any document's. */
  messages: Message[]
  /** Cache hits and misses, asked for when the results are exhausted. */
  cacheCounts: () => CacheCounts
  progress?: (errors: number) => void
  onMessage?: (message: Message) => void
}

/**
 * Writes a release from per-document results in corpus order, through the assembler (duplicates by text,
 * reuse, statistics, rejects), then the release files, and puts it in place; shared by build and merge.
 */
async function assembleRelease(
  tmp: string,
  results: AsyncIterable<DocResult>,
  setup: ReleaseSetup,
): Promise<BuildSummary> {
  const tables = releaseTables(setup.annotate)
  const writer = new TablesWriter(tmp, setup.info, tables)
  const log = new MessageLog(tmp)
  const assembler = new Assembler(writer, tables, setup.messages, spillDir(tmp), setup.onMessage, (m) => log.add(m))
  try {
    for await (const result of results) {
      assembler.add(result)
      await writer.drained()
      setup.progress?.(assembler.rejectCount)
    }
  } catch (error) {
    // A failed assembly closes its files before its caller removes them: an Arrow file stream still opening would write one into the folder being removed.
    log.close()
    await writer.close().catch(() => undefined)
    throw error
  }
  assembler.finish()
  const messageCount = log.close()
  const counts = await writer.close()
  const rejected = assembler.rejects()
  const summary = {
    counts,
    inputs: setup.inputs,
    messages: assembler.messages,
    rejected,
    cache: setup.cacheCounts(),
    written: true,
  }
  if (!(setup.strict === true && rejected.length > 0))
    await finishRelease(tmp, {
      info: setup.info,
      provenance: setup.provenance,
      inputs: setup.inputs,
      rejects: rejected,
      counts,
      messages: messageCount,
      stats: assembler.stats,
      ...(setup.reviewRaw === undefined ? {} : { rawDir: setup.reviewRaw }),
    })
  return finish(tmp, setup, summary)
}

/** Where a build's reuse finder spills its shingles: in the temporary output, removed before the release is finished. */
const spillDir = (tmp: string) => join(tmp, '.reuse')

/** Puts the output in place, or with --strict and rejects leaves the previous one as it was. */
async function finish(
  tmp: string,
  options: { outDir: string; strict?: boolean },
  summary: BuildSummary,
): Promise<BuildSummary> {
  if (options.strict === true && summary.rejected.length > 0) {
    await rm(tmp, { recursive: true, force: true })
    return { ...summary, written: false }
  }
  await commitOutput(tmp, options.outDir)
  return summary
}

/** Options of a merge: the partial outputs of every shard, and where the release goes. */
export interface MergeOptions {
  parts: string[]
  outDir: string
  info?: DatasetInfo
  provenance?: Provenance
  strict?: boolean
  /** The raw folder the parts were built from: given, the release gets its review site, as a build with `review` does. */
  reviewRaw?: string
  /** Told of each message as soon as it is known, as in a build. */
  onMessage?: (message: Message) => void
}

/** Merges the partial outputs of `build --shard i/N` into the release a single build would write. */
export async function merge(options: MergeOptions): Promise<BuildSummary> {
  const provenance = options.provenance ?? readProvenance()
  const info = options.info ?? readDatasetInfo()
  const parts = await readParts(options.parts, info)
  const tmp = await openOutput(options.outDir)
  try {
    return await assembleRelease(tmp, parts.results(), {
      ...options,
      annotate: parts.annotate,
      info,
      provenance,
      inputs: parts.inputs,
      messages: parts.messages,
      cacheCounts: () => ({ hits: 0, misses: 0, profile: false }),
    })
  } catch (error) {
    // A part found broken half-way leaves nothing behind; the previous release is untouched.
    await rm(tmp, { recursive: true, force: true, maxRetries: 3 })
    throw error
  }
}

/** Processes one file in the context of the folder it stands in (whose documents it is compared with): its documents, one for most files, each article of an export. */
export async function processFile(file: string, sourcePath: string): Promise<Doc[]> {
  const { docs } = await readInputs(dirname(file), 1)
  const doc = await readDoc(file, sourcePath)
  const { catalog } = await readCatalog(
    dirname(file),
    docs.map((d) => rawName(d.source_path)),
  )
  return processInput(doc, newContext({ corpus: learnProfile(docs), catalog }))
}
