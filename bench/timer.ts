import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

/** Milliseconds added up by name: `time(name, fn)` runs `fn` and adds its time to `timed`'s entry for `name`. */
export function newTimer(): { timed: Map<string, number>; time: <T>(name: string, fn: () => T) => T } {
  const timed = new Map<string, number>()
  const time = <T>(name: string, fn: () => T): T => {
    const started = performance.now()
    const out = fn()
    timed.set(name, (timed.get(name) ?? 0) + performance.now() - started)
    return out
  }
  return { timed, time }
}

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' })
const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' })

/** Walks every sentence and word segment of each text, as the pipeline's counts do: Intl.Segmenter's own cost. Returns how many. */
export function segmentAll(texts: readonly string[]): number {
  let n = 0
  for (const text of texts) {
    for (const _ of sentenceSegmenter.segment(text)) n += 1
    for (const _ of wordSegmenter.segment(text)) n += 1
  }
  return n
}

/**
 * Runs a TypeScript command (tsx `args`) under GNU time: wall seconds and the peak RSS of the process (all its
 * threads). Any exit status but the `allowed` ones fails the benchmark, with the command's last words.
 */
export function timedCommand(args: string[], allowed: readonly number[] = [0]): { seconds: number; maxRssMb: number } {
  const root = new URL('..', import.meta.url).pathname
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', join(root, 'node_modules', '.bin', 'tsx'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  })
  if (!allowed.includes(run.status ?? -1))
    throw new Error(`Benchmark run failed: ${args.join(' ')}\n${run.stderr.slice(-2000)}`)
  const [seconds, rss] = (run.stderr.trim().split('\n').at(-1) ?? '0 0').split(' ').map(Number)
  return { seconds: seconds ?? 0, maxRssMb: (rss ?? 0) / 1024 }
}
