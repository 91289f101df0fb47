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
