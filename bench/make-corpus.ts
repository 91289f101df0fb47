import { releaseParagraphs } from '../eval/run.ts'
import { writeBenchCorpus, writeBenchPages } from './corpus.ts'

/** Writes the benchmark's generated corpus of N articles into DIR, as text or (--pages) as saved pages, to build or profile by hand: `tsx bench/make-corpus.ts DIR N [--pages]`. */
const [dir, size, flag] = process.argv.slice(2)
if (dir === undefined || !(Number(size) > 0) || (flag !== undefined && flag !== '--pages')) {
  process.stderr.write('Usage: tsx bench/make-corpus.ts DIR N [--pages], expected a folder and a number of articles\n')
  process.exit(2)
}
;(flag === '--pages' ? writeBenchPages : writeBenchCorpus)(dir, Number(size), releaseParagraphs())
