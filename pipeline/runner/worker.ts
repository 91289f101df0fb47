import { parentPort, workerData } from 'node:worker_threads'
import { newContext } from './context.ts'
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
// Tasks run one after another: each is announced when it starts, so that its time limit counts its own time only.
let queue: Promise<void> = Promise.resolve()
parentPort?.on('message', ({ id, job }: { id: number; job: Task }) => {
  queue = queue.then(async () => {
    parentPort?.postMessage({ started: id })
    const reply = await runTask(job, ctx, setup.read)
    parentPort?.postMessage({ id, ...reply })
  })
})
