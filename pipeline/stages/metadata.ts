import { rawName } from './read.ts'
import { detectLanguage } from './text.ts'
import type { Message, Metadata, Source, Stage } from '../types.ts'

/** A value and where it came from: the catalogue wins over the text, and a disagreement is reported. */
function choose<T>(field: string, fromCatalog: T | null, fromText: T | null, textSource: Source, same: (a: T, b: T) => boolean, report: (reason: string) => void): [T | null, Source] {
  if (fromCatalog !== null) {
    if (fromText !== null && !same(fromCatalog, fromText)) report(`The catalogue gives ${field} ${JSON.stringify(fromCatalog)}, the text ${JSON.stringify(fromText)}; using the catalogue`)
    return [fromCatalog, 'catalog']
  }
  return fromText === null ? [null, 'none'] : [fromText, textSource]
}

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => sameText(x, b[i] ?? ''))

/** Settles each document field from the header, the outlet profile and the catalogue, with its provenance. */
export const metadata: Stage = (doc, ctx) => {
  const row = ctx.catalog.get(rawName(doc.source_path))
  const messages: Message[] = []
  const report = (reason: string) => messages.push({ file: doc.source_path, rule: 'catalog', severity: 'warning', reason })
  const parsedAuthors = doc.header.authors.length > 0 ? doc.header.authors : null
  const catalogAuthors = row?.author ? row.author.split(';').map((a) => a.trim()).filter((a) => a !== '') : null
  let published = doc.header.published
  // A date after the build's date is a typo or a misread, never a guess: null, and said so.
  if (published !== null && ctx.isFuture(published)) {
    messages.push({ file: doc.source_path, rule: 'header-date', severity: 'warning', reason: `The header date ${published} is after ${ctx.today}, so published is null` })
    published = null
  }
  const [title, title_source] = choose('title', null, doc.header.title, 'header', sameText, report)
  const [authors, authors_source] = choose('authors', catalogAuthors, parsedAuthors, 'header', sameList, report)
  const [date, published_source] = choose('published', row?.published ?? null, published, 'header', (a, b) => a === b, report)
  const [outlet, outlet_source] = choose('outlet', row?.outlet ?? null, doc.header.outlet, doc.header.outletSource, sameText, report)
  const text = doc.blocks.map((b) => b.text).join('\n')
  const meta: Metadata = {
    title: title ?? '',
    title_source,
    authors: authors ?? [],
    authors_source,
    published: date,
    published_source,
    outlet,
    outlet_source,
    url: row?.url ?? null,
    licence: row?.licence ?? null,
    language: row?.language ?? detectLanguage(text),
    language_source: row?.language ? 'catalog' : 'detected',
  }
  return { ...doc, metadata: meta, messages: [...doc.messages, ...messages] }
}
