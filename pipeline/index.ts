import { newContext } from './context.ts'
import { availableParallelism } from 'node:os'
import { readdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import pLimit from 'p-limit'
import type { ChangeRow, Document, Paragraph, Reject, Reuse } from '../schemas/index.ts'
import { findReuse } from './annotations/reuse.ts'
import { processInWorkers } from './workers.ts'
import { CorpusLearner, type CorpusProfile } from './corpus.ts'
import { annotate } from './annotate.ts'
import { clean } from './clean.ts'
import { CATALOG_FILE, readCatalog, readDoc, type ReadOptions } from './read.ts'
import { split } from './split.ts'
import { failDoc, type Annotations, type Context, type Doc, type Message } from './types.ts'
import { metadata } from './metadata.ts'
import { validate } from './validate.ts'
import { readDatasetInfo, type DatasetInfo } from './release/dataset.ts'
import { readProvenance, type Provenance } from './release/provenance.ts'
import { renderRelease, writeRelease } from './write/index.ts'

/** The stages after read, in order: the only place that knows the order. */
export const stages = [clean, split, metadata, annotate, validate] as const

/** Options of one build; every field has a default. */
export interface BuildOptions {
  rawDir: string
  outDir: string
  jobs?: number
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
  /** Called after each document with the count done so far and the files rejected so far. */
  onProgress?: (done: number, total: number, errors: number) => void
}

/** What a build made and what went wrong on the way. */
export interface BuildResult {
  documents: Document[]
  paragraphs: Paragraph[]
  changes: ChangeRow[]
  annotations: Annotations
  reuse: Reuse[]
  /** Every raw input read, with the sha256 of its bytes. */
  inputs: { path: string; sha256: string }[]
  messages: Message[]
  /** Inputs left out, each with the first error that rejected it. */
  rejected: Reject[]
}

/** Runs the stages over one document, passing a failed document through untouched. */
export function processDoc(doc: Doc, ctx: Context): Doc {
  return stages.reduce((d, stage) => (d.failed ? d : stage(d, ctx)), doc)
}

/** The inputs of a raw folder in byte order of their names, and messages for what is not an input. */
export async function listInputs(rawDir: string): Promise<{ files: string[]; messages: Message[] }> {
  const entries = await readdir(rawDir, { withFileTypes: true })
  const files: string[] = []
  const messages: Message[] = []
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === CATALOG_FILE) continue
    // A link named .txt is read like a file, so that a dangling one is reported as unreadable, not skipped.
    if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith('.txt')) files.push(entry.name)
    else messages.push({ file: `raw/${entry.name}`, rule: 'read-not-text', reason: 'Not a .txt file, expected articles as .txt', severity: 'error' })
  }
  // Byte order, not locale order: the same names sort the same way on every machine.
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return { files, messages }
}

/** Reads every input of a raw folder, in file-name order, with at most `jobs` files open at once. */
export async function readInputs(rawDir: string, jobs: number, options: ReadOptions = {}): Promise<{ docs: Doc[]; messages: Message[] }> {
  const { files, messages } = await listInputs(rawDir)
  const limit = pLimit(jobs)
  const docs = await Promise.all(files.map((name) => limit(() => readDoc(join(rawDir, name), `raw/${name}`, options))))
  return { docs, messages }
}

/** Marks every document whose bytes, or whose cleaned text, an earlier document (by name) already has. */
function markDuplicates(docs: Doc[], key: (doc: Doc) => string | undefined, rule: string, what: string): Doc[] {
  const first = new Map<string, string>()
  return docs.map((doc) => {
    const k = doc.failed ? undefined : key(doc)
    if (k === undefined) return doc
    const earlier = first.get(k)
    if (earlier === undefined) {
      first.set(k, doc.source_path)
      return doc
    }
    return failDoc(doc, rule, `Duplicate of ${earlier} (${what}), kept once`)
  })
}

/** Learns what the corpus says as a whole (repeated edge lines, vocabulary) from the decoded documents. */
export function learnProfile(docs: readonly Doc[]): CorpusProfile {
  const learner = new CorpusLearner()
  for (const doc of docs) if (!doc.failed) learner.add(doc.raw)
  return learner.profile()
}

/** Reads every article of `rawDir`, runs the stages and returns the records, in file-name order. */
export async function buildCorpus(options: BuildOptions): Promise<BuildResult> {
  const jobs = options.jobs ?? availableParallelism()
  const read = await readInputs(options.rawDir, jobs, options.read)
  const messages = read.messages
  const inputs = markDuplicates(read.docs, (d) => d.source_sha256, 'duplicate-bytes', 'the same bytes')
  const catalog = await readCatalog(options.rawDir, inputs.map((d) => d.source_path.replace(/^raw\//, '')))
  messages.push(...catalog.messages)
  const ctx: Context = newContext({ jobs, corpus: learnProfile(inputs), catalog: catalog.catalog, ...(options.today ? { today: options.today } : {}) })
  const result: BuildResult = { documents: [], paragraphs: [], changes: [], annotations: { sentences: [], quotes: [], entities: [], numbers: [] }, reuse: [], inputs: inputs.map((d) => ({ path: d.source_path, sha256: d.source_sha256 })), messages, rejected: [] }
  let done = 0
  const report = () => options.onProgress?.((done += 1), inputs.length, 0)
  const processed = markDuplicates(
    await processInWorkers(inputs, ctx, (input) => processDoc(input, ctx), report),
    (d) => d.document?.text,
    'duplicate-text',
    'the same text under another name',
  )
  for (const m of messages) if (m.severity === 'error' && m.rule === 'read-not-text') result.rejected.push({ source_path: m.file, rule: m.rule, line: null, reason: m.reason })
  for (const doc of processed) {
    result.messages.push(...doc.messages)
    if (doc.failed || doc.document === undefined || doc.paragraphs === undefined || doc.changeRows === undefined || doc.annotations === undefined) result.rejected.push(rejectOf(doc))
    else {
      result.documents.push(doc.document)
      result.paragraphs.push(...doc.paragraphs)
      result.changes.push(...doc.changeRows)
      for (const key of Object.keys(result.annotations) as (keyof Annotations)[]) (result.annotations[key] as unknown[]).push(...doc.annotations[key])
    }
  }
  options.onProgress?.(processed.length, processed.length, result.rejected.length)
  // Reuse compares paragraphs across documents, so it runs once the corpus is annotated.
  result.reuse = findReuse(result.paragraphs)
  return result
}

/** The reject entry of a failed document: its first error. */
function rejectOf(doc: Doc): Reject {
  const error = doc.messages.find((m) => m.severity === 'error')
  return { source_path: doc.source_path, rule: error?.rule ?? 'failed', line: error?.line ?? null, reason: error?.reason ?? 'Failed without a message' }
}

/** Processes one file in the context of the folder it stands in (whose documents it is compared with). */
export async function processFile(file: string, sourcePath: string): Promise<Doc> {
  const { docs } = await readInputs(dirname(file), 1)
  const doc = await readDoc(file, sourcePath)
  const { catalog } = await readCatalog(dirname(file), docs.map((d) => d.source_path.replace(/^raw\//, '')))
  return processDoc(doc, newContext({ corpus: learnProfile(docs), catalog }))
}

/** Builds `rawDir` into a release in `outDir`. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const provenance = options.provenance ?? readProvenance()
  const result = await buildCorpus({ ...options, today: options.today ?? provenance.released })
  if (options.strict === true && result.rejected.length > 0) return result
  const rows = { documents: result.documents, paragraphs: result.paragraphs, changes: result.changes, ...result.annotations, reuse: result.reuse }
  await writeRelease(options.outDir, renderRelease(rows, { info: options.info ?? readDatasetInfo(), provenance, inputs: result.inputs, rejects: result.rejected }))
  return result
}
