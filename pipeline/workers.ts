import { Worker } from 'node:worker_threads'
import pLimit from 'p-limit'
import type { ProfileDeps } from './cache.ts'
import type { LearnedProfile } from './corpus.ts'
import type { ReadOptions } from './read.ts'
import type { DocResult } from './results.ts'
import type { CatalogRow } from '../schemas/index.ts'

/** A worker takes about a second to load the pipeline: below this many documents each, one thread is faster. */
export const MIN_DOCS_PER_WORKER = 16
/**
 * A worker's heap: V8 grows a heap far beyond what it keeps alive when allowed to, and a young generation
 * of 8 MB and an old one of 160 MB hold a document's work with room to spare (a build keeps about 50 MB
 * alive per thread) while keeping each thread's memory flat. A document that needs more is run again on
 * the main thread, whose heap has no such limit, so results never depend on the limits or on --jobs.
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 160 }
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
  private readonly stopped = new WeakSet<Worker>()

  constructor(
    count: number,
    private readonly setup: WorkerSetup,
    private readonly inline: (job: Job) => Promise<JobResult>,
    private readonly limits: typeof WORKER_LIMITS = WORKER_LIMITS,
  ) {
    this.all = Array.from({ length: count - 1 }, () => this.start())
    this.idle = ['main', ...this.all]
  }

  /** A new worker; the stages are TypeScript, so it loads them through tsx, as the command line does. */
  private start(): Worker {
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: this.setup, resourceLimits: this.limits })
    // A worker can fail between jobs too (while it loads): kept as stopped, so that its next job goes elsewhere.
    worker.on('error', () => this.stopped.add(worker))
    worker.on('exit', () => this.stopped.add(worker))
    return worker
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
    const reply = await this.ask(worker, job).then(
      (result) => ({ result }),
      (error: unknown) => ({ error: error instanceof Error ? error : new Error(String(error)) }),
    )
    if ('result' in reply) {
      this.idle.push(worker)
      return reply.result
    }
    // A worker that failed (out of memory, most often) is replaced, and its job run on the main thread.
    this.all.splice(this.all.indexOf(worker), 1)
    void worker.terminate()
    const fresh = this.start()
    this.all.push(fresh)
    this.idle.push(fresh)
    this.onFailure?.(job, reply.error)
    return this.inline(job)
  }

  /** Sends a job to a worker and waits for its answer, or for its failure. */
  private async ask(worker: Worker, job: Job): Promise<JobResult> {
    const id = (this.next += 1)
    if (this.stopped.has(worker)) throw new Error('Worker stopped before the job')
    let resolve: (result: JobResult) => void = () => undefined
    let reject: (error: Error) => void = () => undefined
    const answer = new Promise<JobResult>((yes, no) => ((resolve = yes), (reject = no)))
    const onMessage = (reply: { id: number } & JobResult) => (reply.id === id ? resolve(reply) : reject(new Error(`Worker answered job ${reply.id}, expected ${id}`)))
    const onExit = (code: number) => reject(new Error(`Worker stopped with exit code ${code}`))
    worker.on('message', onMessage).on('error', reject).on('exit', onExit)
    try {
      worker.postMessage({ id, job })
      return await answer
    } finally {
      worker.off('message', onMessage).off('error', reject).off('exit', onExit)
    }
  }

  /** Told when a worker fails a job (which is then run on the main thread), for an operator's note. */
  onFailure?: (job: Job, error: Error) => void

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()))
  }
}

/**
 * Maps `fn` over `items` with at most `jobs` calls in flight (p-limit) and yields the results in input
 * order, holding at most WINDOW_PER_JOB results per job: output order never depends on timing.
 */
export async function* inOrder<T, R>(items: Iterable<T>, jobs: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
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
