import { availableParallelism } from 'node:os'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import pLimit from 'p-limit'
import type { Document, Paragraph } from '../schemas/index.ts'
import { annotate } from './annotate.ts'
import { clean } from './clean.ts'
import { readDoc } from './read.ts'
import { split } from './split.ts'
import type { Context, Doc, Message } from './types.ts'
import { validate } from './validate.ts'
import { renderTables, writeRelease } from './write/index.ts'

/** The stages after read, in order: the only place that knows the order. */
export const stages = [clean, split, annotate, validate] as const

/** Options of one build; every field has a default. */
export interface BuildOptions {
  rawDir: string
  outDir: string
  jobs?: number
  /** Called after each document with the count done so far and the errors so far. */
  onProgress?: (done: number, total: number, errors: number) => void
}

/** What a build made and what went wrong on the way. */
export interface BuildResult {
  documents: Document[]
  paragraphs: Paragraph[]
  messages: Message[]
  /** Inputs that produced no rows. */
  rejected: string[]
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
    if (entry.name.startsWith('.')) continue
    if (entry.isFile() && entry.name.endsWith('.txt')) files.push(entry.name)
    else messages.push({ file: `raw/${entry.name}`, rule: 'read-not-text', reason: 'Skipped: not a .txt file, expected articles as .txt', severity: 'warning' })
  }
  // Byte order, not locale order: the same names sort the same way on every machine.
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return { files, messages }
}

/** Reads every article of `rawDir`, runs the stages and returns the records, in file-name order. */
export async function buildCorpus(options: BuildOptions): Promise<BuildResult> {
  const ctx: Context = { jobs: options.jobs ?? availableParallelism() }
  const { files, messages } = await listInputs(options.rawDir)
  const limit = pLimit(ctx.jobs)
  let done = 0
  let errors = 0
  const docs = await Promise.all(
    files.map((name) =>
      limit(async () => {
        const doc = processDoc(await readDoc(join(options.rawDir, name), `raw/${name}`), ctx)
        done += 1
        if (doc.failed) errors += 1
        options.onProgress?.(done, files.length, errors)
        return doc
      }),
    ),
  )
  const result: BuildResult = { documents: [], paragraphs: [], messages, rejected: [] }
  for (const doc of docs) {
    result.messages.push(...doc.messages)
    if (doc.failed || doc.document === undefined || doc.paragraphs === undefined) {
      result.rejected.push(doc.source_path)
      continue
    }
    result.documents.push(doc.document)
    result.paragraphs.push(...doc.paragraphs)
  }
  return result
}

/** Builds `rawDir` into a release in `outDir`. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const result = await buildCorpus(options)
  await writeRelease(options.outDir, renderTables({ documents: result.documents, paragraphs: result.paragraphs }))
  return result
}
