import { Worker } from 'node:worker_threads'
import pLimit from 'p-limit'
import type { Context, Doc } from './types.ts'

/** A worker takes about a second to load the pipeline: below this many documents each, one thread is faster. */
export const MIN_DOCS_PER_WORKER = 16

/**
 * Runs the stages over every document in `jobs` worker threads (one per core by default), p-limit keeping
 * one document in flight per worker; results come back in input order, so output is independent of jobs.
 */
export async function processInWorkers(docs: readonly Doc[], ctx: Context, process: (doc: Doc) => Doc, onDone?: () => void): Promise<Doc[]> {
  const count = Math.min(ctx.jobs, Math.floor(docs.length / MIN_DOCS_PER_WORKER))
  if (count <= 1) return docs.map((doc) => {
    const out = process(doc)
    onDone?.()
    return out
  })
  const data: Partial<Context> = { corpus: ctx.corpus, catalog: ctx.catalog, today: ctx.today, jobs: 1 }
  // The stages are TypeScript: each worker loads them through tsx, as the command line does.
  const idle = Array.from({ length: count }, () => new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: data }))
  const all = [...idle]
  const limit = pLimit(count)
  try {
    return await Promise.all(
      docs.map((doc, id) =>
        limit(async () => {
          const worker = idle.pop()
          if (worker === undefined) throw new Error('Cannot find an idle worker, expected one per job in flight')
          try {
            return await new Promise<Doc>((resolve, reject) => {
              worker.once('message', (reply: { id: number; doc: Doc }) => (reply.id === id ? resolve(reply.doc) : reject(new Error(`Worker answered document ${reply.id}, expected ${id}`))))
              worker.once('error', reject)
              worker.postMessage({ id, doc })
            })
          } finally {
            worker.removeAllListeners('error')
            idle.push(worker)
            onDone?.()
          }
        }),
      ),
    )
  } finally {
    await Promise.all(all.map((w) => w.terminate()))
  }
}
