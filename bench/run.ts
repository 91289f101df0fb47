import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeCorpus, styles } from '../eval/generate.ts'
import { releaseParagraphs } from '../eval/run.ts'

/**
 * make bench: builds generated corpora (real paragraphs recombined with the artefacts the cleaner handles,
 * deterministic) with the real command line, and prints documents/s, MB/s and peak RSS beside the same
 * figures for remark-parse alone on the same files in one thread. Sizes from BENCH_DOCS (default 1000).
 */
const root = new URL('..', import.meta.url).pathname
const tsx = join(root, 'node_modules', '.bin', 'tsx')
const sizes = (process.env.BENCH_DOCS ?? '1000').split(',').map(Number)

function timed(args: string[]): { seconds: number; maxRssMb: number } {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', tsx, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 })
  const [seconds, rss] = (run.stderr.trim().split('\n').at(-1) ?? '0 0').split(' ').map(Number)
  return { seconds: seconds ?? 0, maxRssMb: (rss ?? 0) / 1024 }
}

const rows: string[] = []
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${size}-`))
  const raw = join(dir, 'raw')
  mkdirSync(raw)
  const docs = makeCorpus(releaseParagraphs(), Math.ceil(size / styles.length), 7).slice(0, size)
  for (const [i, doc] of docs.entries()) writeFileSync(join(raw, `${String(i).padStart(6, '0')}.txt`), doc.text)
  const mb = readdirSync(raw).reduce((n, f) => n + statSync(join(raw, f)).size, 0) / 1e6
  const pipeline = timed([join(root, 'pipeline', 'cli.ts'), 'build', '--raw', raw, '--out', join(dir, 'dist')])
  const remark = timed([join(root, 'bench', 'remark-only.ts'), raw])
  const rate = (s: number) => (s > 0 ? docs.length / s : 0)
  rows.push(
    `| ${docs.length} | ${mb.toFixed(1)} | ${pipeline.seconds.toFixed(1)} | ${rate(pipeline.seconds).toFixed(1)} | ${(mb / pipeline.seconds).toFixed(2)} | ${pipeline.maxRssMb.toFixed(0)} | ${rate(remark.seconds).toFixed(1)} | ${(mb / remark.seconds).toFixed(2)} | ${remark.maxRssMb.toFixed(0)} | ${(rate(pipeline.seconds) / rate(remark.seconds)).toFixed(3)} |`,
  )
}
process.stdout.write(
  `| documents | MB | pipeline s | pipeline docs/s | pipeline MB/s | pipeline peak RSS MB | remark-parse docs/s | remark-parse MB/s | remark-parse peak RSS MB | pipeline / remark-parse |\n|---|---|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
)
