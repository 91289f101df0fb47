import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

/** The floor: remark-parse alone over every file of a folder, in one thread. Prints seconds and peak RSS as JSON. */
const dir = process.argv[2] ?? 'raw'
const parser = unified().use(remarkParse)
const started = performance.now()
let bytes = 0
for (const name of readdirSync(dir).sort()) {
  const text = readFileSync(join(dir, name), 'utf8')
  bytes += Buffer.byteLength(text)
  parser.parse(text)
}
process.stdout.write(
  `${JSON.stringify({ seconds: (performance.now() - started) / 1000, bytes, maxRssKb: process.resourceUsage().maxRSS })}\n`,
)
