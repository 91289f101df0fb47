import { parentPort, workerData } from 'node:worker_threads'
import { newContext } from './context.ts'
import { DocTimeout } from './deadline.ts'
import { reviveProfile } from '../corpus/profile.ts'
import { runTask } from '../index.ts'
import type { Task, WorkerSetup } from './workers.ts'

/** A worker thread of the build: runs the stages over the tasks it is sent, with the run's context. */
const setup = workerData as WorkerSetup
const ctx = newContext({
  corpus: reviveProfile(setup.corpus),
  catalog: setup.catalog,
  today: setup.today,
  annotate: setup.annotate,
})
// Tasks run one after another: each is announced when it starts, and timed by this thread's own clock.
let queue: Promise<void> = Promise.resolve()
// Set once a document ran past the time limit: the tasks after it get no answer and run again on a fresh thread.
let stopped = false
parentPort?.on('message', ({ id, job }: { id: number; job: Task }) => {
  queue = queue.then(async () => {
    if (stopped) return
    parentPort?.postMessage({ started: id })
    try {
      const reply = await runTask(job, ctx, setup.read, setup.timeoutSeconds)
      parentPort?.postMessage({ id, ...reply })
    } catch (error) {
      if (!(error instanceof DocTimeout)) throw error
      // Stopped mid-document, this thread's modules may hold half-made state: it takes no more, and is replaced.
      stopped = true
      parentPort?.postMessage({ id, timedOut: error.seconds })
    }
  })
})
