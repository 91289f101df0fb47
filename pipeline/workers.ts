import { Worker } from 'node:worker_threads'
import pLimit from 'p-limit'
import type { ProfileDeps } from './cache.ts'
import type { LearnedProfile } from './corpus.ts'
import type { ReadOptions } from './read.ts'
import type { DocResult } from './results.ts'
import type { CatalogRow } from '../schemas/index.ts'

/** A worker takes about a second to load the pipeline: below this many documents each, one thread is faster. */
export const MIN_DOCS_PER_WORKER = 16
/** Results waiting to be written, per job: enough to keep every worker busy, few enough to keep memory flat. */
const WINDOW_PER_JOB = 8

/** One input to process: the file to read and the name it is reported under. */
export interface Job {
  file: string
  source_path: string
}

/** What a worker is started with: everything the stages read besides the document. */
export interface WorkerSetup {
  corpus: LearnedProfile
  catalog: ReadonlyMap<string, CatalogRow>
  today: string
  read: ReadOptions
}

/** What processing one job gives back. */
export interface JobResult {
  result: DocResult
  deps: ProfileDeps
}

/**
 * The threads that run the stages: the main thread, which has the stages loaded already, and `count - 1`
 * worker threads, each one document at a time. Using the main thread too saves one copy of the stages'
 * memory (about 150 MB); writing the output between its documents costs it little.
 */
export class WorkerPool {
  private readonly idle: (Worker | 'main')[]
  private readonly all: Worker[]
  private next = 0

  constructor(
    count: number,
    setup: WorkerSetup,
    private readonly inline: (job: Job) => Promise<JobResult>,
  ) {
    // The stages are TypeScript: each worker loads them through tsx, as the command line does.
    this.all = Array.from({ length: count - 1 }, () => new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: setup }))
    this.idle = ['main', ...this.all]
  }

  /** Runs one job on an idle thread; the caller keeps at most one job in flight per thread. */
  async run(job: Job): Promise<JobResult> {
    const worker = this.idle.pop()
    if (worker === undefined) throw new Error('Cannot find an idle worker, expected one per job in flight')
    if (worker === 'main') {
      try {
        return await this.inline(job)
      } finally {
        this.idle.push(worker)
      }
    }
    const id = (this.next += 1)
    try {
      return await new Promise<JobResult>((resolve, reject) => {
        worker.once('message', (reply: { id: number } & JobResult) => (reply.id === id ? resolve(reply) : reject(new Error(`Worker answered job ${reply.id}, expected ${id}`))))
        worker.once('error', reject)
        worker.postMessage({ id, job })
      })
    } finally {
      worker.removeAllListeners('error')
      worker.removeAllListeners('message')
      this.idle.push(worker)
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()))
  }
}

/**
 * Maps `fn` over `items` with at most `jobs` calls in flight (p-limit) and yields the results in input
 * order, holding at most WINDOW_PER_JOB results per job: output order never depends on timing.
 */
export async function* inOrder<T, R>(items: readonly T[], jobs: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const limit = pLimit(jobs)
  const pending: Promise<R>[] = []
  for (const item of items) {
    const promise = limit(() => fn(item))
    // Awaited in order below; marked handled now so that a later failure waits its turn.
    promise.catch(() => undefined)
    pending.push(promise)
    if (pending.length >= jobs * WINDOW_PER_JOB) yield await (pending.shift() as Promise<R>)
  }
  while (pending.length > 0) yield await (pending.shift() as Promise<R>)
}
