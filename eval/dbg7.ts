import { makeCorpus } from './generate.ts'
import { releaseParagraphs } from './run.ts'
const docs = makeCorpus(releaseParagraphs(), 300)
const d = docs.find(d => d.name === (process.env.NAME ?? 'page-break-0180'))!
console.log(d.text)
