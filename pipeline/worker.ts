import { parentPort, workerData } from 'node:worker_threads'
import { newContext } from './context.ts'
import { processDoc } from './index.ts'
import type { Context, Doc } from './types.ts'

/** A worker thread of the build: runs the stages over the documents it is sent, with the run's context. */
const ctx: Context = newContext(workerData as Partial<Context>)
parentPort?.on('message', ({ id, doc }: { id: number; doc: Doc }) => parentPort?.postMessage({ id, doc: processDoc(doc, ctx) }))
