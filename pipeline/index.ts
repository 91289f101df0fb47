// The per-document pipeline: the stages after read, in order, and how one input runs through them.
// The build around it (two passes, workers, cache, shards, assembly) is in runner/; the writers in write/.
import { recordingContext } from './runner/cache.ts'
import { withinTime } from './runner/deadline.ts'
import { resultOf } from './runner/results.ts'
import type { Task, TaskResult } from './runner/workers.ts'
import { annotate } from './stages/annotate.ts'
import { clean } from './stages/clean.ts'
import { articlesOf } from './stages/exports.ts'
import { metadata } from './stages/metadata.ts'
import { inPageLines, page } from './stages/page.ts'
import { readDoc, type ReadOptions } from './stages/read.ts'
import { split } from './stages/split.ts'
import { validate } from './stages/validate.ts'
import { failDoc, type Context, type Doc } from './types.ts'

/** The stages after read, in order: the only place that knows the order. */
export const stages = [page, clean, split, metadata, annotate, validate] as const

/** Runs the stages over one document, passing a failed document through untouched; a saved page's messages then name the page's lines. */
export function processDoc(doc: Doc, ctx: Context): Doc {
  return inPageLines(stages.reduce((d, stage) => (d.failed ? d : runStage(stage, d, ctx)), doc))
}

/** Runs one stage; a stage that throws (a stack overflow on input nested past what it can walk) fails the document, with its file, instead of the build. */
function runStage(stage: (typeof stages)[number], doc: Doc, ctx: Context): Doc {
  try {
    return stage(doc, ctx)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (error instanceof RangeError && /call stack/i.test(message))
      return failDoc(
        doc,
        'stack-overflow',
        `Cannot ${stage.name} this file: it nests too deeply for the stack (${message}), left out`,
      )
    return failDoc(doc, 'stage-error', `Cannot ${stage.name} this file: ${message}, left out`)
  }
}

/** The documents one input holds (the articles of a press-database export, or the input itself), each run through the stages. */
export function processInput(doc: Doc, ctx: Context): Doc[] {
  let docs: Doc[]
  try {
    docs = articlesOf(doc)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (error instanceof RangeError && /call stack/i.test(message))
      return [
        failDoc(
          doc,
          'stack-overflow',
          `Cannot split this file into its articles: it nests too deeply for the stack (${message}), left out`,
        ),
      ]
    return [failDoc(doc, 'stage-error', `Cannot split this file into its articles: ${message}, left out`)]
  }
  return docs.map((d) => processDoc(d, ctx))
}

/** Reads and processes one input, recording the corpus-profile lookups and release-date questions its results depend on. */
export async function runTask(job: Task, ctx: Context, read: ReadOptions = {}, seconds?: number): Promise<TaskResult> {
  const doc = await readDoc(job.file, job.source_path, read)
  const recorder = recordingContext(ctx)
  // The stages are stopped past `seconds` (DocTimeout); reading the file is not, as it is linear in its bytes.
  const results = withinTime(seconds, () => processInput(doc, recorder.ctx).map(resultOf))
  return { results, deps: recorder.deps() }
}
