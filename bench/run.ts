import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { releaseParagraphs } from '../eval/run.ts'
import { writeBenchCorpus, writeBenchPages } from './corpus.ts'
import { timedCommand } from './timer.ts'

/**
 * make bench: builds generated corpora (real paragraphs recombined with the artefacts the cleaner handles,
 * deterministic) with the real command line, then rebuilds them from the cache, and prints documents/s,
 * MB/s and peak RSS beside the same figures for remark-parse alone on the same files in one thread.
 * Then it builds the same articles as saved pages (.html). Sizes from BENCH_DOCS (default 1000); BENCH_JOBS
 * sets --jobs (default: one per core).
 */
const root = new URL('..', import.meta.url).pathname
const sizes = (process.env.BENCH_DOCS ?? '1000').split(',').map(Number)
const jobs = process.env.BENCH_JOBS === undefined ? [] : ['--jobs', process.env.BENCH_JOBS]

// Every generated article is its own text: any reject or error fails the benchmark (timedCommand allows exit 0 only).
const paragraphs = releaseParagraphs()
// Each row is printed as soon as it is measured: a 100,000-document run takes an hour.
process.stdout.write(
  `| documents | MB | build s | build docs/s | build MB/s | build peak RSS MB | cached rebuild s | rebuild / build | rebuild peak RSS MB | remark-parse docs/s (1 thread) | remark-parse MB/s | remark-parse peak RSS MB | build / remark-parse |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n`,
)
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${size}-`))
  const raw = join(dir, 'raw')
  writeBenchCorpus(raw, size, paragraphs)
  const mb = readdirSync(raw).reduce((n, f) => n + statSync(join(raw, f)).size, 0) / 1e6
  const cli = [join(root, 'pipeline', 'cli.ts'), 'build', '--raw', raw, '--cache', join(dir, 'cache'), ...jobs]
  const full = timedCommand([...cli, '--out', join(dir, 'dist')])
  const rebuild = timedCommand([...cli, '--out', join(dir, 'dist2')])
  const remark = timedCommand([join(root, 'bench', 'remark-only.ts'), raw])
  const rate = (s: number) => (s > 0 ? size / s : 0)
  process.stdout.write(
    `| ${size} | ${mb.toFixed(1)} | ${full.seconds.toFixed(1)} | ${rate(full.seconds).toFixed(1)} | ${(mb / full.seconds).toFixed(2)} | ${full.maxRssMb.toFixed(0)} | ${rebuild.seconds.toFixed(1)} | ${((rebuild.seconds / full.seconds) * 100).toFixed(1)} % | ${rebuild.maxRssMb.toFixed(0)} | ${rate(remark.seconds).toFixed(1)} | ${(mb / remark.seconds).toFixed(2)} | ${remark.maxRssMb.toFixed(0)} | ${(rate(full.seconds) / rate(remark.seconds)).toFixed(3)} |\n`,
  )
  rmSync(dir, { recursive: true, force: true })
}

// The same articles as saved pages (pageOf: the markup a news site wraps around an article), built the same way.
process.stdout.write(
  `\n| saved pages (.html) | MB | build s | build pages/s | build MB/s | build peak RSS MB |\n|---|---|---|---|---|---|\n`,
)
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `bench-pages-${size}-`))
  const raw = join(dir, 'raw')
  writeBenchPages(raw, size, paragraphs)
  const mb = readdirSync(raw).reduce((n, f) => n + statSync(join(raw, f)).size, 0) / 1e6
  const full = timedCommand([
    join(root, 'pipeline', 'cli.ts'),
    'build',
    '--raw',
    raw,
    '--no-cache',
    '--out',
    join(dir, 'dist'),
    ...jobs,
  ])
  process.stdout.write(
    `| ${size} | ${mb.toFixed(1)} | ${full.seconds.toFixed(1)} | ${(size / full.seconds).toFixed(1)} | ${(mb / full.seconds).toFixed(2)} | ${full.maxRssMb.toFixed(0)} |\n`,
  )
  rmSync(dir, { recursive: true, force: true })
}
