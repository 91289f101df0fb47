import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { timedCommand } from './timer.ts'

/**
 * What the time limit costs a build: saved pages of real sites (the first BENCH_PAGES, default 100, of
 * `../shared/devdata/wide/html` when it stands beside the clone) built with the real command line, without
 * a cache, with `--doc-timeout 0` and with the default limit in turn (BENCH_ROUNDS rounds, default 2, so that
 * both see the machine's drift alike), with one thread and with two. Returns a Markdown table.
 */
export function timeLimitTable(
  dir = process.env.DEVDATA_WIDE ?? new URL('../../shared/devdata/wide/html/', import.meta.url).pathname,
  count = Number(process.env.BENCH_PAGES ?? 100),
  rounds = Number(process.env.BENCH_ROUNDS ?? 2),
): string {
  if (!existsSync(dir))
    return `(no saved pages at ${dir}: the time-limit rows need ../shared/devdata beside the clone)\n`
  const work = mkdtempSync(join(tmpdir(), 'timelimit-'))
  const raw = join(work, 'raw')
  mkdirSync(raw)
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.html'))
    .sort()
    .slice(0, count)
  for (const name of names) copyFileSync(join(dir, name), join(raw, name))
  const cli = new URL('../pipeline/cli.ts', import.meta.url).pathname
  const modes = [
    { name: 'no time limit (--doc-timeout 0)', args: ['--doc-timeout', '0'] },
    { name: 'the default time limit (30 s)', args: [] },
  ]
  const rows: string[] = []
  for (const jobs of [1, 2]) {
    const seconds = modes.map(() => 0)
    const rss = modes.map(() => 0)
    for (let round = 0; round < rounds; round += 1)
      for (const [m, mode] of modes.entries()) {
        const args = [cli, 'build', '--raw', raw, '--out', join(work, 'dist'), '--no-cache', '--jobs', String(jobs)]
        // Exit 1 is a page left out (devdata holds pages without an article): the build is still measured.
        const run = timedCommand([...args, ...mode.args], [0, 1])
        seconds[m] = (seconds[m] ?? 0) + run.seconds / rounds
        rss[m] = Math.max(rss[m] ?? 0, run.maxRssMb)
      }
    const base = seconds[0] ?? 1
    for (const [m, mode] of modes.entries())
      rows.push(
        `| --jobs ${jobs}, ${mode.name} | ${(seconds[m] ?? 0).toFixed(1)} | ${(((seconds[m] ?? 0) * 1000) / names.length).toFixed(0)} | ${(rss[m] ?? 0).toFixed(0)} | ${((seconds[m] ?? 0) / base).toFixed(3)} |`,
      )
  }
  rmSync(work, { recursive: true, force: true })
  return `| build of ${names.length} saved pages of devdata/wide, ${rounds} rounds alternately | s a build | ms a page | peak RSS MB | × no time limit |\n|---|---|---|---|---|\n${rows.join('\n')}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(timeLimitTable())
