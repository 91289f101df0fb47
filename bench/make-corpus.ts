import { releaseParagraphs } from '../eval/run.ts'
import { writeBenchCorpus } from './corpus.ts'

/** Writes the benchmark's generated corpus of N articles into DIR, to build or profile by hand: `tsx bench/make-corpus.ts DIR N`. */
const [dir, size] = process.argv.slice(2)
if (dir === undefined || !(Number(size) > 0)) {
  process.stderr.write('Usage: tsx bench/make-corpus.ts DIR N, expected a folder and a number of articles\n')
  process.exit(2)
}
writeBenchCorpus(dir, Number(size), releaseParagraphs())
