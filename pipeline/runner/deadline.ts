import { createContext, runInContext } from 'node:vm'

/** A document that ran past the time limit: it is stopped and left out. */
export class DocTimeout extends Error {
  constructor(readonly seconds: number) {
    super(`Took longer than ${seconds} s, left out`)
  }
}

/**
 * An empty realm to call the work from: V8 can stop a script run in it after a time, and stops with it
 * every function the script calls, ours and the libraries' alike, however deep or inside a regular expression.
 */
const realm = createContext({})

/**
 * Runs synchronous `work`, stopped after `seconds` (none when undefined) with DocTimeout. The thread needs no
 * worker of its own to be stopped: V8's watchdog thread, started per call, costs about 30 µs. A stopped call runs no
 * `catch` or `finally` of its own, so a module's state may be left half changed: whoever catches DocTimeout
 * gives the thread no more documents.
 */
export function withinTime<T>(seconds: number | undefined, work: () => T): T {
  if (seconds === undefined) return work()
  realm.work = work
  try {
    return runInContext('work()', realm, { timeout: Math.max(1, Math.round(seconds * 1000)) }) as T
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new DocTimeout(seconds)
    throw error
  } finally {
    realm.work = undefined
  }
}
