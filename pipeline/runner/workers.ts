import { getHeapStatistics } from 'node:v8'
import { Worker } from 'node:worker_threads'
import pLimit from 'p-limit'
import type { ResultDeps } from './cache.ts'
import type { LearnedProfile } from '../corpus/profile.ts'
import type { ReadOptions } from '../stages/read.ts'
import type { DocResult } from './results.ts'
import { DocTimeout } from './deadline.ts'
import type { AnnotationTable, CatalogRow } from '../../schemas/index.ts'

/** A worker takes about a second to load the pipeline: below this many documents each, one thread is faster. */
export const MIN_DOCS_PER_WORKER = 16
/**
 * A worker's heap: V8 grows a heap far beyond what it keeps alive when allowed to, and a young generation
 * of 8 MB and an old one of 160 MB hold a document's work with room to spare (a build keeps about 50 MB
 * alive per thread) while keeping each thread's memory flat. A document that needs more is run again on
 * the main thread, whose heap has no such limit, so results never depend on the limits or on --jobs.
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 160 }
/** Results waiting to be written, per task in flight: enough to keep every worker busy, few enough to keep memory flat. */
const WINDOW_PER_SLOT = 8

/** One input to process: the file to read and the name it is reported under. */
export interface Task {
  file: string
  source_path: string
}

/** What a worker is started with: everything the stages read besides the document. */
export interface WorkerSetup {
  corpus: LearnedProfile
  catalog: ReadonlyMap<string, CatalogRow>
  today: string
  annotate: readonly AnnotationTable[]
  read: ReadOptions
  /** Seconds a document may take: the worker stops it by its own clock (withinTime); none when absent. */
  timeoutSeconds?: number
}

/** What processing one task gives back: a result for each document its input holds. */
export interface TaskResult {
  results: DocResult[]
  deps: ResultDeps
}

/**
 * Tasks a worker is given before it answers: with one, a worker that finishes while the main thread is in
 * the middle of a document of its own waits for it (a third of its time on 2 cores); with two, the next
 * is already there.
 */
const TASKS_PER_WORKER = 2

/** A worker's places in the pool's list of free places, one per task it can be given. */
const placesOf = (worker: Worker): Worker[] => Array<Worker>(TASKS_PER_WORKER).fill(worker)

/** A task sent to a worker, waiting for its answer; its timer runs from when the worker starts it. */
interface Waiting {
  resolve: (result: TaskResult) => void
  reject: (error: Error) => void
  timer?: ReturnType<typeof setTimeout>
}

/** How the pool runs its workers. */
export interface PoolOptions {
  /** Seconds a document may take before it is stopped and left out (the main thread's own are timed by `inline`); none when absent. */
  timeoutSeconds?: number
  limits?: typeof WORKER_LIMITS
}

/**
 * How long past the time limit the main thread waits for a worker's answer before ending it: the worker
 * stops a document by its own clock, and this later timer only catches one stuck outside the stages. It
 * must not be the limit itself: a timer on the main thread fires late, all at once, after a document of its
 * own, when a worker's answer may be waiting unread behind it.
 */
export const backstopSeconds = (seconds: number) => 2 * seconds + 10

/**
 * The threads that run the stages: the main thread, which has the stages loaded already, and `count - 1`
 * worker threads, each given up to TASKS_PER_WORKER documents at once. Using the main thread too saves one
 * copy of the stages' memory (about 150 MB); writing the output between its documents costs it little.
 */
export class WorkerPool {
  /** A free place for one task: the main thread's, or one of a worker's. */
  private readonly idle: (Worker | 'main')[]
  /** Set when a document on the main thread ran past the time limit: it takes no more, and a worker takes its place. */
  private mainStopped = false
  private readonly all: Worker[]
  private next = 0
  /** The tasks each running worker has not answered yet; a worker that stopped has none. */
  private readonly waiting = new WeakMap<Worker, Map<number, Waiting>>()

  /** Workers ended for another task's time limit: their other tasks are innocent and run again elsewhere. */
  private readonly abandoned = new WeakSet<Worker>()
  private readonly limits: typeof WORKER_LIMITS
  private readonly timeoutSeconds: number | undefined

  /** How many tasks a pool of `count` threads runs at once: callers keep that many in flight. */
  static tasksAtOnce(count: number): number {
    return 1 + (count - 1) * TASKS_PER_WORKER
  }

  /** `inline` runs a task on the main thread; with a time limit it must stop past it with DocTimeout (withinTime). */
  constructor(
    count: number,
    private readonly setup: WorkerSetup,
    private readonly inline: (job: Task) => Promise<TaskResult>,
    options: PoolOptions = {},
  ) {
    this.limits = options.limits ?? WORKER_LIMITS
    this.timeoutSeconds = options.timeoutSeconds
    this.all = Array.from({ length: count - 1 }, () => this.start())
    this.idle = ['main', ...this.all.flatMap(placesOf)]
  }

  /** A new worker; the stages are TypeScript, so it loads them through tsx, as the command line does. */
  private start(limits: typeof WORKER_LIMITS | undefined = this.limits): Worker {
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      workerData: {
        ...this.setup,
        ...(this.timeoutSeconds === undefined ? {} : { timeoutSeconds: this.timeoutSeconds }),
      },
      ...(limits === undefined ? {} : { resourceLimits: limits }),
    })
    const waiting = new Map<number, Waiting>()
    this.waiting.set(worker, waiting)
    worker.on(
      'message',
      (reply: ({ id: number } & TaskResult) | { started: number } | { id: number; timedOut: number }) => {
        if ('started' in reply) return this.startTimer(worker, reply.started)
        if ('timedOut' in reply) return this.stop(worker, reply.id, reply.timedOut)
        const job = waiting.get(reply.id)
        clearTimeout(job?.timer)
        job?.resolve(reply)
        waiting.delete(reply.id)
      },
    )
    // A worker can fail between tasks too (while it loads): forgotten, so that its next task goes elsewhere.
    const fail = (error: Error) => {
      this.waiting.delete(worker)
      for (const job of waiting.values()) {
        clearTimeout(job.timer)
        job.reject(error)
      }
      waiting.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`Worker stopped with exit code ${code}`)))
    return worker
  }

  /** Runs one task on a free thread; the caller keeps at most tasksAtOnce(count) tasks in flight. */
  async run(job: Task): Promise<TaskResult> {
    const worker = this.idle.pop()
    if (worker === undefined) throw new Error('Cannot find a free thread, expected at most tasksAtOnce tasks in flight')
    if (worker === 'main') {
      try {
        return await this.onMain(job)
      } finally {
        if (!this.mainStopped) this.idle.push(worker)
      }
    }
    const reply = await this.ask(worker, job).then(
      (result) => ({ result }),
      (error: unknown) => ({ error: error instanceof Error ? error : new Error(String(error)) }),
    )
    if ('result' in reply) {
      // A worker replaced since (it failed another task) gives its place up.
      if (this.all.includes(worker)) this.idle.push(worker)
      return reply.result
    }
    // Past the time limit the worker was ended and replaced already; the document is left out by the caller.
    if (reply.error instanceof DocTimeout) throw reply.error
    // A task that waited in a worker ended for another's time limit runs again on a fresh one.
    if (this.abandoned.has(worker)) return this.run(job)
    // A worker that failed (out of memory, most often) is replaced, and its tasks run where the heap has no limit:
    // on the main thread, or in a worker of their own once the main thread stopped taking documents.
    this.replace(worker)
    this.onFailure?.(job, reply.error)
    return this.mainStopped ? this.alone(job) : this.onMain(job)
  }

  /** Runs a task on the main thread; past the time limit, the main thread takes no more and a new worker takes its place. */
  private async onMain(job: Task): Promise<TaskResult> {
    try {
      return await this.inline(job)
    } catch (error) {
      if (error instanceof DocTimeout && !this.mainStopped) {
        this.mainStopped = true
        // Its free place too, when the stopped task was a failed worker's, run here without taking it.
        const place = this.idle.indexOf('main')
        if (place !== -1) this.idle.splice(place, 1)
        const fresh = this.start()
        this.all.push(fresh)
        this.idle.push(...placesOf(fresh))
      }
      throw error
    }
  }

  /** Runs one task in a worker of its own with the main thread's heap limit (the time limit still holds), then ends it. */
  private async alone(job: Task): Promise<TaskResult> {
    const mainHeap = Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20)
    const worker = this.start({ maxOldGenerationSizeMb: mainHeap, maxYoungGenerationSizeMb: 64 })
    try {
      return await this.ask(worker, job)
    } finally {
      void worker.terminate()
    }
  }

  /** Stops a failed worker and starts a fresh one with its places; once, however many of its tasks fail. */
  private replace(worker: Worker): void {
    const at = this.all.indexOf(worker)
    if (at === -1) return
    void worker.terminate()
    for (let i = this.idle.length - 1; i >= 0; i -= 1) if (this.idle[i] === worker) this.idle.splice(i, 1)
    const fresh = this.start()
    this.all.splice(at, 1, fresh)
    this.idle.push(...placesOf(fresh))
  }

  /** Starts the backstop of a task its worker has begun: past it, the task is stopped as past the time limit. */
  private startTimer(worker: Worker, id: number): void {
    const job = this.waiting.get(worker)?.get(id)
    const seconds = this.timeoutSeconds
    if (job === undefined || seconds === undefined) return
    job.timer = setTimeout(() => this.stop(worker, id, seconds), backstopSeconds(seconds) * 1000)
  }

  /** A task past the time limit fails with DocTimeout; its worker, whose state it may have left half changed, is ended and replaced. */
  private stop(worker: Worker, id: number, seconds: number): void {
    const job = this.waiting.get(worker)?.get(id)
    if (job === undefined) return
    clearTimeout(job.timer)
    this.waiting.get(worker)?.delete(id)
    this.abandoned.add(worker)
    job.reject(new DocTimeout(seconds))
    this.replace(worker)
  }

  /** Sends a task to a worker; settles with its answer, or with the worker's failure. */
  private ask(worker: Worker, job: Task): Promise<TaskResult> {
    const waiting = this.waiting.get(worker)
    if (waiting === undefined) return Promise.reject(new Error('Worker stopped before the job'))
    this.next += 1
    const id = this.next
    return new Promise<TaskResult>((resolve, reject) => {
      waiting.set(id, { resolve, reject })
      worker.postMessage({ id, job })
    })
  }

  /** Told when a worker fails a task (which is then run again without a heap limit), for an operator's note. */
  onFailure?: (job: Task, error: Error) => void

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()))
  }
}

/**
 * Maps `fn` over `items` with at most `atOnce` calls in flight (p-limit) and yields the results in input
 * order, holding at most WINDOW_PER_SLOT results per task in flight: output order never depends on timing.
 */
export async function* inOrder<T, R>(
  items: Iterable<T>,
  atOnce: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const limit = pLimit(atOnce)
  const pending: Promise<R>[] = []
  for (const item of items) {
    const promise = limit(() => fn(item))
    // Awaited in order below; marked handled now so that a later failure waits its turn.
    promise.catch(() => undefined)
    pending.push(promise)
    if (pending.length >= atOnce * WINDOW_PER_SLOT) yield await (pending.shift() as Promise<R>)
  }
  while (pending.length > 0) yield await (pending.shift() as Promise<R>)
}
