import type {
  AnnotationTable,
  CatalogRow,
  ChangeRow,
  Document,
  Emphasis,
  Entity,
  Link,
  NumberMention,
  Paragraph,
  Quote,
  Sentence,
} from '../schemas/index.ts'
import type { CorpusProfile } from './corpus/profile.ts'
import type { MessageId } from './rules/messages.ts'

/** A problem found in one input, with its place and the rule that found it (vfile-style). */
export interface Message {
  /** The input as `raw/<name>.txt`. */
  file: string
  /** 1-based raw line, when the problem has one. */
  line?: number
  /** The rule or stage that reported it: an id of the message table (`rules/messages.ts`). */
  rule: MessageId
  reason: string
  severity: 'error' | 'warning'
}

/** A change the clean or split stage made to the text, kept so that nothing disappears silently. */
export interface Change {
  rule: string
  action: ChangeRow['action']
  line_start: number
  line_end: number
  before: string
  /** Empty for a removal. */
  after: string
  /** The signals a page-block removal was decided on. */
  evidence?: string
}

/** A header field's value as read from the text. */
export interface Header {
  title: string | null
  kicker: string | null
  authors: string[]
  published: string | null
  /** Outlet named by an outlet profile's signature, or by a byline that names an organisation (never by the body). */
  outlet: string | null
  /** Which of the two named it. */
  outletSource: 'profile' | 'header'
  /** The person a text's own copyright line names, an author's last resort (never for a page or an export). */
  owner: string[]
}

/** The annotation tables' rows for one document. */
export interface Annotations {
  sentences: Sentence[]
  quotes: Quote[]
  entities: Entity[]
  numbers: NumberMention[]
}

/** A document's metadata after the catalogue is applied, each field with where its value came from (the schema's columns). */
export type Metadata = Pick<
  Document,
  | 'title'
  | 'title_source'
  | 'authors'
  | 'authors_source'
  | 'published'
  | 'published_source'
  | 'outlet'
  | 'outlet_source'
  | 'url'
  | 'licence'
  | 'section'
  | 'edition'
  | 'page'
  | 'stated_length'
  | 'database_id'
  | 'language'
  | 'language_source'
>

/** The press databases whose exports are read as many articles to a file. */
export type Database = 'nexis' | 'nexis-uni' | 'factiva' | 'proquest'

/** What a press-database export states of one of its articles, each field as the database gives it (null when it gives none). */
export interface Exported {
  database: Database
  /** The article's position in its file (1-based). */
  position: number
  title: string | null
  /** The byline as stated (split into persons by the metadata stage). */
  byline: string | null
  /** Persons the database lists one by one (ProQuest's `Last, First; Last, First`), already in reading order. */
  persons: string[] | null
  /** ISO date. */
  published: string | null
  outlet: string | null
  section: string | null
  edition: string | null
  page: string | null
  stated_length: number | null
  /** The raw line of the stated length, for the warning when the article is far shorter. */
  lengthLine: number | null
  database_id: string | null
  rights: string | null
  url: string | null
  /** The lines of the article's block (1-based, in `raw`) that are the database's, not the text: the clean stage takes them out. */
  lines: ExportLine[]
}

/** A line of an export that is the database's: a field read into a column, a field left out, or its cover. */
export interface ExportLine {
  line: number
  rule: 'export-header' | 'export-field' | 'export-cover'
  /** The value read into a field (empty for a removal). */
  after: string
  /** The rest of the line that is text (after a `Full text:` label), when not all of it is the database's. */
  keep?: string
}

/** Where a metadata value came from (the schema's Source). */
export type Source = Document['title_source']

/** How a document lays out its paragraphs: separated by blank lines, one per line, or hard-wrapped lines. */
export type Layout = Document['layout']

/** The measurements a layout decision was made from, kept with the document. */
export interface LayoutSignals {
  layout: Layout
  body_lines: number
  packed_share: number
  terminal_share: number
  median_length: number
  width: number
}

/** A block of the body after splitting: one future row of the paragraphs table. */
export interface Block {
  kind: 'paragraph' | 'heading'
  text: string
  line_start: number
  line_end: number
  emphasis: Emphasis[]
  links: Link[]
}

/** Metadata a saved page's markup states (`<meta>` tags, JSON-LD, `<link rel=canonical>`, `<html lang>`), each value with where it came from. */
export interface Markup {
  title: Sourced<string> | null
  authors: Sourced<string[]> | null
  published: Sourced<string> | null
  outlet: Sourced<string> | null
  url: string | null
  language: string | null
  /** The `<title>` element, a title's last resort: it often carries the site's name. */
  documentTitle: string | null
  /** An organisation the markup gives as author (an outlet, not a person). */
  organisation: Sourced<string> | null
  /** The site's owner (its copyright notice's or licence attribution's person), an author's last resort. */
  owner: Sourced<string[]> | null
}

/** A value read from a page's markup and the part of the markup it came from. */
export interface Sourced<T> {
  value: T
  source: Extract<Source, 'html-meta' | 'json-ld' | 'html-time' | 'url' | 'header' | 'copyright'>
}

/** What the page stage made of a saved web page (absent for text). */
export interface Page {
  /** For each line of `raw` (the Markdown the page became), the first and last line of the page it came from (1-based). */
  lineStart: number[]
  lineEnd: number[]
  /** Regions of the page the extractor left out, with lines of the page; `evidence` is the element's path. */
  removed: Change[]
  markup: Markup
  /** Messages from this one on speak of the Markdown's lines; processDoc turns them into the page's. */
  textMessagesFrom: number
}

/** The record that flows through the stages; each stage returns a new one. */
export interface Doc {
  doc_id: string
  source_path: string
  source_sha256: string
  /** `html` for a saved web page (.html, .htm), which the page stage turns into Markdown text; `text` otherwise. */
  format: 'text' | 'html'
  /** Decoded text, BOM dropped, line endings LF (for a page: its HTML, then the Markdown the page stage made of it). */
  raw: string
  /** For a saved page, after the page stage, or an article of an export: its line map to the file, what it left out and what its markup says. */
  page?: Page
  /** For an article of a press-database export: the fields the database states. */
  exported?: Exported
  /** Body lines after cleaning, one per raw line: removed and header lines are empty strings. */
  lines: string[]
  header: Header
  metadata?: Metadata
  /** How the body lays out paragraphs, decided by the split stage. */
  layout: LayoutSignals | null
  blocks: Block[]
  changes: Change[]
  messages: Message[]
  /** Set by a stage that could not handle the document; later stages pass it through. */
  failed: boolean
  document?: Document
  paragraphs?: Paragraph[]
  /** The rows of the changes table, made by annotate from `changes`. */
  changeRows?: ChangeRow[]
  /** The rows of the per-paragraph annotation tables, made by annotate. */
  annotations?: Annotations
}

/** Options shared by every stage of one run. */
export interface Context {
  /** What the corpus as a whole says: lines repeated across documents, word frequencies. */
  corpus: CorpusProfile
  /** The curated catalogue (raw/catalog.csv), by file name. */
  catalog: ReadonlyMap<string, CatalogRow>
  /** The release date (ISO): warnings about a date after it name it. */
  today: string
  /** The annotation tables to make (`--annotate`); a table not named is left out of the release. */
  annotate: readonly AnnotationTable[]
  /** Whether an ISO date is after `today` (in the future: null, with a warning); stages ask this, never compare `today` themselves, so a cached result records each answer. */
  isFuture: (date: string) => boolean
}

/** A stage: a pure function from one document record to the next. */
export type Stage = (doc: Doc, ctx: Context) => Doc

/** The lines of the input file a span of `raw`'s lines (1-based, inclusive) came from: the same lines for text, the page's lines for a saved page. */
export function sourceLines(doc: Pick<Doc, 'page'>, start: number, end: number): [number, number] {
  const map = doc.page
  if (map === undefined) return [start, end]
  return [map.lineStart[start - 1] ?? map.lineStart.at(-1) ?? 1, map.lineEnd[end - 1] ?? map.lineEnd.at(-1) ?? 1]
}

/** Formats a message the way compilers and linters do: `raw/x.txt:12: reason [rule]`. */
export function formatMessage(m: Message): string {
  const place = m.line === undefined ? m.file : `${m.file}:${m.line}`
  return `${place}: ${m.severity === 'warning' ? 'warning: ' : ''}${m.reason} [${m.rule}]`
}

/** Rules that leave an input out as a copy of another: real collections hold copies, so these warn and fail only a --strict build. */
export const keptOnceRules: ReadonlySet<string> = new Set<MessageId>(['duplicate-bytes', 'duplicate-text'])

/** How a message leaving a document out is graded: an error, or a warning for a copy kept once. */
export function rejectSeverity(rule: MessageId): Message['severity'] {
  return keptOnceRules.has(rule) ? 'warning' : 'error'
}

/** Returns a copy of `doc` marked failed with one message (an error, or a warning for a copy kept once). */
export function failDoc(doc: Doc, rule: MessageId, reason: string, line?: number): Doc {
  const message: Message = {
    file: doc.source_path,
    rule,
    reason,
    severity: rejectSeverity(rule),
    ...(line === undefined ? {} : { line }),
  }
  return { ...doc, failed: true, messages: [...doc.messages, message] }
}
