import { bylineNames } from './names.ts'
import { rawName } from './read.ts'
import { detectLanguage } from './text.ts'
import type { MessageId } from '../rules/messages.ts'
import type { Exported, Message, Metadata, Source, Sourced, Stage } from '../types.ts'

/** A candidate value for a field and where it came from. */
type Candidate<T> = [T | null | undefined, Source]

/**
 * A value and where it came from: the catalogue wins over everything the file says, and a disagreement is
 * reported; otherwise the first candidate that has a value (a page's markup before its text).
 */
function choose<T>(
  field: string,
  fromCatalog: T | null,
  candidates: readonly Candidate<T>[],
  same: (a: T, b: T) => boolean,
  report: (reason: string) => void,
): [T | null, Source] {
  const found = candidates.find(([value]) => value !== null && value !== undefined)
  if (fromCatalog !== null) {
    if (found !== undefined && !same(fromCatalog, found[0] as T))
      report(
        `The catalogue gives ${field} ${JSON.stringify(fromCatalog)}, the ${found[1] === 'header' || found[1] === 'profile' ? 'text' : found[1]} ${JSON.stringify(found[0])}; using the catalogue`,
      )
    return [fromCatalog, 'catalog']
  }
  return found === undefined ? [null, 'none'] : [found[0] as T, found[1]]
}

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => sameText(x, b[i] ?? ''))
const fromMarkup = <T>(value: Sourced<T> | null | undefined): Candidate<T> => [value?.value, value?.source ?? 'none']

/** The persons an export's author field names: its own list, else its byline read as everywhere (persons only, never an outlet). */
function exportedAuthors(exported: Exported | undefined): string[] | null {
  if (exported === undefined) return null
  const names =
    exported.persons ?? (exported.byline === null ? [] : bylineNames(exported.byline, 2, { metadata: true }).names)
  return names.length > 0 ? names : null
}

/** Settles each document field from a page's markup, the header, the outlet profile and the catalogue, with its provenance. */
export const metadata: Stage = (doc, ctx) => {
  const markup = doc.page?.markup
  // A database states its fields apart from the text: they come before anything read from the text.
  const exported = doc.exported
  const messages: Message[] = []
  const report = (reason: string) =>
    messages.push({ file: doc.source_path, rule: 'catalog', severity: 'warning', reason })
  const fileRow = ctx.catalog.get(rawName(doc.source_path))
  // A catalogue row describes one article; an export holds many, whose own fields say more than one row for them all.
  if (fileRow !== undefined && exported !== undefined)
    report(
      `The catalogue's row for ${doc.source_path} is not applied to article ${exported.position} of this export: each article has the fields the database states`,
    )
  const row = exported === undefined ? fileRow : undefined
  // A date after the build's date is a typo or a misread, never a guess: null, and said so.
  const notFuture = (date: string | null | undefined, where: string, rule: MessageId): string | null => {
    if (date === null || date === undefined || !ctx.isFuture(date)) return date ?? null
    messages.push({
      file: doc.source_path,
      rule,
      severity: 'warning',
      reason: `The ${where} date ${date} is after ${ctx.today}, so published is null`,
    })
    return null
  }
  const catalogAuthors = row?.author
    ? row.author
        .split(';')
        .map((a) => a.trim())
        .filter((a) => a !== '')
    : null
  // An export's article without a headline is still an article: it is named by its place, and said to have no title.
  const untitled = exported === undefined ? '' : `(untitled: article ${exported.position} of ${doc.source_path})`
  const [title, title_source] = choose(
    'title',
    null,
    [
      [exported?.title, 'export'],
      fromMarkup(markup?.title),
      [doc.header.title, 'header'],
      [markup?.documentTitle, 'html-meta'],
    ],
    sameText,
    report,
  )
  // The site's own name (`og:site_name`, a blog's title) is its outlet, never an author.
  const site = markup?.outlet?.value.trim().toLowerCase()
  const persons = (names: readonly string[] | undefined) => {
    const kept = (names ?? []).filter((a) => a.trim().toLowerCase() !== site)
    return kept.length > 0 ? kept : null
  }
  const [authors, authors_source] = choose(
    'authors',
    catalogAuthors,
    [
      [exportedAuthors(exported), 'export'],
      [persons(markup?.authors?.value), markup?.authors?.source ?? 'none'],
      [persons(doc.header.authors), 'header'],
      // The site's owner names the site too: it is not left out as the outlet's name.
      fromMarkup(markup?.owner),
      [doc.header.owner.length > 0 ? doc.header.owner : null, 'copyright'],
    ],
    sameList,
    report,
  )
  const markupDate: Candidate<string> = [
    notFuture(markup?.published?.value, 'markup', 'page-date'),
    markup?.published?.source ?? 'none',
  ]
  const [date, published_source] = choose(
    'published',
    row?.published ?? null,
    [
      [notFuture(exported?.published, 'export', 'export-date'), 'export'],
      markupDate,
      [notFuture(doc.header.published, 'header', 'header-date'), 'header'],
    ],
    (a, b) => a === b,
    report,
  )
  const [outlet, outlet_source] = choose(
    'outlet',
    row?.outlet ?? null,
    [
      [exported?.outlet, 'export'],
      fromMarkup(markup?.outlet),
      [doc.header.outlet, doc.header.outletSource],
      fromMarkup(markup?.organisation),
    ],
    sameText,
    report,
  )
  const text = doc.blocks.map((b) => b.text).join('\n')
  const detected = row?.language === undefined ? detectLanguage(text) : 'und'
  const declared = markup?.language ?? null
  // A page's declared language is taken, but a body franc reads as another is worth a look.
  if (row?.language === undefined && declared !== null && detected !== 'und' && detected !== declared)
    messages.push({
      file: doc.source_path,
      rule: 'page-language',
      severity: 'warning',
      reason: `The page declares the language ${declared}, its text reads as ${detected}; using ${declared}`,
    })
  const meta: Metadata = {
    title: title ?? untitled,
    title_source,
    authors: authors ?? [],
    authors_source,
    published: date,
    published_source,
    outlet,
    outlet_source,
    url: row?.url ?? exported?.url ?? markup?.url ?? null,
    licence: row?.licence ?? exported?.rights ?? null,
    section: exported?.section ?? null,
    edition: exported?.edition ?? null,
    page: exported?.page ?? null,
    stated_length: exported?.stated_length ?? null,
    database_id: exported?.database_id ?? null,
    language: row?.language ?? declared ?? detected,
    language_source: row?.language ? 'catalog' : declared !== null ? 'html-meta' : 'detected',
  }
  return { ...doc, metadata: meta, messages: [...doc.messages, ...messages] }
}
