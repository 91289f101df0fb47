// Press-database exports (Nexis, Nexis Uni, Factiva, ProQuest): one file, many articles. Each layout is
// recognised by its structure, whatever the file is called; each article becomes a document of its own
// whose lines map to the file's, with the database's fields read and their lines marked for the clean stage.
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toMarkdown } from 'mdast-util-to-markdown'
import { END_OF_DOCUMENT, exportFields, fieldOf, FIELD_VALUE, RIGHTS, type ExportField } from '../rules/exports.ts'
import { isoDate } from './dates.ts'
import { squash, textOf } from './markup.ts'
import { endsSentence } from './text.ts'
import type { Change, Database, Doc, Exported, ExportLine, Markup, Message } from '../types.ts'

/** A labelled line: a label of up to five words, a colon, and a value (`BYLINE: Jane Roe`, `Full text: The attack...`). */
const LABEL = /^([\p{Lu}\p{Lt}][\p{L}\p{M}'’.()]*(?:[ -][\p{L}\p{M}'’.()]+){0,4}) ?:(?:[ \t]+(.*))?$/u
/** Nexis's count line above each article, in the interface's language (`3 of 10 DOCUMENTS`, `3 von 10 DOKUMENTEN`). */
const NEXIS_COUNT = /^\s*(\d{1,6})\s+\p{L}{1,6}\.?\s+(\d{1,6})\s+\p{Lu}{4,}\s*$/u
/** ProQuest's separator between its report, each article and its footer. */
const PROQUEST_RULE = /^_{20,}\s*$/
/** ProQuest's count line above an article (`Document 3 of 10`). */
const PROQUEST_COUNT = /^\s*\p{L}+\s+\d{1,6}\s+\p{L}{1,6}\s+\d{1,6}\s*$/u
/** A stated length: a number of words (`812 words`, `1.204 Wörter`, `812 mots`). */
const LENGTH_VALUE = /^(\d{1,3}(?:[.,\s]\d{3})*|\d+)\s+\p{L}+\.?$/u
/** A page after a section (`NEWS; Pg. 4`, `Politik; S. 4`, `Page A12`). */
const PAGE_IN = /(?:^|[;,]\s*)(?:Pg\.?|Page|Pages|S\.|Seite|p\.|P\.|Pág\.?)\s*([\w-]+)\s*$/u
/** An indented line: the database centres its cover and copyright lines. */
const INDENTED = /^(?:\s{2,}|\t)\S/
/** How many lines into an article its header fields may start: a header is a dozen lines, never a page. */
const HEADER_LINES = 40
/** Lines a date line of an export's cover may have: a date, a weekday, a time, not a sentence. */
const DATE_LINE = 60

/** A labelled line's label and value; `caps` asks for an all-capitals label (Nexis's classic layout). */
function labelled(line: string, caps = false): { label: string; value: string } | null {
  if (line === '' || /^\s/.test(line)) return null
  const m = LABEL.exec(line.trimEnd())
  if (m === null) return null
  const label = m[1] ?? ''
  if (caps && (label !== label.toUpperCase() || !/\p{Lu}{2}/u.test(label))) return null
  return { label, value: (m[2] ?? '').trim() }
}

/** The indices of the lines a pattern matches. */
function linesMatching(lines: readonly string[], pattern: RegExp): number[] {
  const out: number[] = []
  for (let i = 0; i < lines.length; i += 1) if (pattern.test(lines[i] ?? '')) out.push(i)
  return out
}

/** Whether a field's value is short enough to be one: a sentence that holds a colon is text. */
const fieldSized = (value: string) =>
  value.length <= FIELD_VALUE.chars && value.split(/\s+/).length <= FIELD_VALUE.words

/** The runs of non-blank lines in lines[from..to] (inclusive), as [first, last]. */
function groupsOf(lines: readonly string[], from: number, to: number): [number, number][] {
  const out: [number, number][] = []
  for (let i = from; i <= to; i += 1) {
    if ((lines[i] ?? '').trim() === '') continue
    let end = i
    while (end + 1 <= to && (lines[end + 1] ?? '').trim() !== '') end += 1
    out.push([i, end])
    i = end
  }
  return out
}

/** The fields of an article that hold text. */
type TextField =
  | 'title'
  | 'byline'
  | 'published'
  | 'outlet'
  | 'section'
  | 'edition'
  | 'page'
  | 'database_id'
  | 'rights'
  | 'url'
/** The fields whose value goes into its column as written. */
const AS_WRITTEN: Readonly<Record<string, TextField>> = {
  title: 'title',
  byline: 'byline',
  edition: 'edition',
  page: 'page',
  rights: 'rights',
  'database-id': 'database_id',
}

/** The copyright's field: a rights block is read into it whether a label or its centred place says so. */
const RIGHTS_FIELD = exportFields.find((f) => f.id === 'rights') as ExportField

/** What one article's block of lines says: its fields, and what each of its non-body lines is. */
class Reading {
  readonly marks: ExportLine[] = []
  readonly fields: Omit<Exported, 'database' | 'position' | 'lines'> = {
    title: null,
    byline: null,
    persons: null,
    published: null,
    outlet: null,
    section: null,
    edition: null,
    page: null,
    stated_length: null,
    lengthLine: null,
    database_id: null,
    rights: null,
    url: null,
  }
  /** Whether the article's closing fields were found (an article cut off has none). */
  closed = false

  constructor(
    readonly lines: readonly string[],
    /** The block's first line in the file (0-based): marks are told relative to it. */
    readonly from: number,
  ) {}

  /** Marks lines[first..last] (file indices) as `rule`, with the value read into a field (empty for a removal). */
  mark(first: number, last: number, rule: ExportLine['rule'], after = '', keep?: string): void {
    for (let i = first; i <= last; i += 1) {
      if ((this.lines[i] ?? '').trim() === '') continue
      this.marks.push({
        line: i - this.from + 1,
        rule,
        after: i === first ? after : '',
        ...(keep !== undefined && i === first ? { keep } : {}),
      })
    }
  }

  /** Reads one labelled field (its value joined from its lines) into the fields; returns the entry it filled, if any. */
  field(label: string, value: string, first: number, last: number): ExportField | undefined {
    const entry = fieldOf(label)
    // A field an article closes with (LOAD-DATE, LANGUAGE) says it arrived whole, wherever it stands.
    if (entry?.id === 'closing') this.closed = true
    const filled = entry === undefined ? false : this.fill(entry, value, first)
    // A field of a column that another line filled first (ProQuest repeats the headline) is still that column's.
    const header = filled || (entry?.column !== null && entry?.column !== undefined && entry.id !== 'body')
    this.mark(first, last, header ? 'export-header' : 'export-field', header ? value : '')
    return entry
  }

  /** Puts a field's value in its column, unless one is there already; whether it did. */
  fill(entry: ExportField, value: string, line: number): boolean {
    const v = value.trim().replace(/[;,]$/, '').trim()
    if (v === '') return false
    const plain = AS_WRITTEN[entry.id]
    if (plain !== undefined) return this.set(plain, v)
    switch (entry.id) {
      // ProQuest's publication title carries the place after a semicolon (`The Daily Example; London (UK)`).
      case 'outlet':
        return this.set('outlet', v.split(/\s*;\s*/)[0] ?? v)
      case 'published': {
        const iso = isoDate(v)
        return iso !== null && this.set('published', iso)
      }
      case 'publication-info':
        return this.citation(v)
      case 'section': {
        const page = PAGE_IN.exec(v)
        const section = (page === null ? v : v.slice(0, page.index)).replace(/[;,]\s*$/, '').trim()
        if (page !== null) this.set('page', page[1] ?? '')
        return (section !== '' && this.set('section', section)) || page !== null
      }
      case 'length': {
        const n = LENGTH_VALUE.exec(v)?.[1]
        if (n === undefined || this.fields.stated_length !== null) return false
        this.fields.stated_length = Number(n.replace(/[.,\s]/g, ''))
        this.fields.lengthLine = line - this.from + 1
        return true
      }
      case 'url':
        return /^https?:\/\//.test(v) && this.set('url', v)
      default:
        return false
    }
  }

  /** Sets a text field that is not set yet; whether it did. */
  private set(key: TextField, value: string): boolean {
    if (this.fields[key] !== null || value === '') return false
    this.fields[key] = value
    return true
  }

  /** A citation line (`The Daily Example; London (UK) [London (UK)]. 23 Mar 2024: 4.`): outlet, date, page where none is known yet. */
  private citation(value: string): boolean {
    const f = this.fields
    const date = isoDate(value)
    const outlet = value.split(/\s*[;[]\s*|\.\s/)[0]?.trim()
    const page = /:\s*([\w-]+)\.?\s*$/.exec(value)?.[1]
    if (f.outlet === null && outlet) f.outlet = outlet
    if (f.published === null && date !== null) f.published = date
    if (f.page === null && page !== undefined) f.page = page
    return true
  }

  /** Reads a database's cover lines above the headline (outlet, date, edition, copyright), in the order Nexis prints them. */
  cover(indices: readonly number[], withOutlet = true): void {
    let outletSeen = !withOutlet
    let dateSeen = false
    const edition: number[] = []
    for (let k = 0; k < indices.length; k += 1) {
      const i = indices[k] as number
      const text = (this.lines[i] ?? '').trim()
      if (RIGHTS.test(text)) {
        // The rights run on to the lines below them in the same block (`All Rights Reserved`).
        let end = k
        while (end + 1 < indices.length && indices[end + 1] === (indices[end] as number) + 1) end += 1
        const last = indices[end] as number
        const value = this.lines
          .slice(i, last + 1)
          .map((l) => l.trim())
          .join(' ')
        const filled = this.fill(RIGHTS_FIELD, value, i)
        this.mark(i, last, filled ? 'export-header' : 'export-cover', filled ? value : '')
        k = end
      } else if (!outletSeen) {
        outletSeen = true
        this.fields.outlet ??= text
        this.mark(i, i, 'export-header', text)
      } else if (!dateSeen && text.length <= DATE_LINE && isoDate(text) !== null) {
        dateSeen = true
        this.fields.published ??= isoDate(text)
        this.mark(i, i, 'export-header', this.fields.published ?? text)
      } else edition.push(i)
    }
    const value = edition.map((i) => (this.lines[i] ?? '').trim().replace(/;$/, '')).join('; ')
    if (value !== '') this.fields.edition ??= value
    for (const i of edition) this.mark(i, i, 'export-header', i === edition[0] ? value : '')
  }

  /**
   * Finds the closing fields of lines[from..to]: the last groups that are all labelled fields (or the
   * database's centred lines), from the first of them a database is known to close with. Marks them and
   * returns where the body ends (the last body line).
   */
  closing(
    from: number,
    to: number,
    caps: boolean,
    isLabel: (line: string) => boolean = (l) => labelled(l, caps) !== null || BARE_CLOSING.test(l),
  ): number {
    const groups = groupsOf(this.lines, from, to)
    let first = groups.length
    for (let g = groups.length - 1; g >= 0; g -= 1) {
      const [a, b] = groups[g] as [number, number]
      const line = this.lines[a] ?? ''
      const centred = this.lines.slice(a, b + 1).every((l) => INDENTED.test(l))
      if (!isLabel(line) && !centred) break
      first = g
    }
    // The closing run starts at a field a database closes with, or at the copyright: a body's last sentence may hold a colon.
    while (first < groups.length) {
      const [a] = groups[first] as [number, number]
      const line = this.lines[a] ?? ''
      const field = labelled(line, caps)
      if ((field !== null && fieldOf(field.label) !== undefined) || RIGHTS.test(line) || BARE_CLOSING.test(line)) break
      first += 1
    }
    if (first >= groups.length) return to
    this.closed = true
    for (const [a, b] of groups.slice(first)) {
      const line = this.lines[a] ?? ''
      const field = labelled(line, caps)
      const value = this.lines
        .slice(a, b + 1)
        .map((l, i) => (i === 0 && field !== null ? field.value : l.trim()))
        .join(' ')
        .trim()
      if (field !== null) this.field(field.label, value, a, b)
      else if (RIGHTS.test(line)) {
        const filled = this.fill(RIGHTS_FIELD, value, a)
        this.mark(a, b, filled ? 'export-header' : 'export-cover', filled ? value : '')
      } else this.mark(a, b, 'export-cover')
    }
    return (groups[first]?.[0] ?? to + 1) - 1
  }
}

/** Headings of Nexis Uni's closing part that stand alone on their line (`Classification`, `Graphic`). */
const BARE_CLOSING =
  /^\s*(?:Classification|Klassifikation|Classement|Clasificación|Graphic|Grafik|Notes|Notizen|Details|Indexing \(details\)|Einzelheiten|Détails|Detalles)\s*$/iu

/** One article found in an export: its block of the file's lines and what was read of it. */
interface Found {
  reading: Reading
  /** The block's last line (0-based, inclusive). */
  to: number
  messages: Message[]
}

/** Reads Nexis's classic text layout: `N of M DOCUMENTS`, cover lines, headline, ALL-CAPS fields, the text, closing fields. */
function nexis(lines: readonly string[], file: string): Found[] | null {
  const starts: number[] = []
  let total: string | undefined
  let last = 0
  for (let i = 0; i < lines.length; i += 1) {
    const m = NEXIS_COUNT.exec(lines[i] ?? '')
    if (m === null) continue
    const n = Number(m[1])
    if (total === undefined) total = m[2]
    if (m[2] !== total || n <= last || n > Number(total)) continue
    starts.push(i)
    last = n
  }
  if (starts.length === 0) return null
  // A count line alone is not an export: its article must have a labelled field within its header.
  const firstEnd = Math.min(lines.length, (starts[0] as number) + HEADER_LINES)
  if (!lines.slice(starts[0], firstEnd).some((l) => labelled(l, true) !== null)) return null
  const found: Found[] = []
  for (const [k, start] of starts.entries()) {
    const from = k === 0 ? 0 : start
    const to = (starts[k + 1] ?? lines.length) - 1
    const r = new Reading(lines, from)
    // Whatever stands above the first article is the export's cover page.
    if (start > from) r.mark(from, start - 1, 'export-cover')
    r.mark(start, start, 'export-cover')
    // The fields start at the first label a database uses (a headline may open with `BREAKING:`), else at the first label.
    const labels: { at: number; known: boolean }[] = []
    for (let i = start + 1; i <= Math.min(to, start + HEADER_LINES); i += 1) {
      const field = labelled(lines[i] ?? '', true)
      if (field !== null) labels.push({ at: i, known: fieldOf(field.label) !== undefined })
    }
    const fieldsAt = (labels.find((l) => l.known) ?? labels[0])?.at ?? -1
    const groups = groupsOf(lines, start + 1, to)
    // Without fields, the header ends with the first flush-left block: the headline.
    const headEnd =
      fieldsAt !== -1 ? fieldsAt - 1 : (groups.find(([a]) => !INDENTED.test(lines[a] ?? ''))?.[1] ?? start)
    const head = groupsOf(lines, start + 1, headEnd)
    // The headline is the first flush-left block under the cover (one that is no labelled line, if any is not); a labelled block after it is a field no table here knows.
    const flush = head.filter(([a]) => !INDENTED.test(lines[a] ?? ''))
    const titleGroup = flush.find(([a]) => labelled(lines[a] ?? '', true) === null) ?? flush[0]
    const coverLines: number[] = []
    for (const [a, b] of head) {
      const field = a > (titleGroup?.[0] ?? Number.POSITIVE_INFINITY) ? labelled(lines[a] ?? '', true) : null
      if (field !== null)
        r.field(field.label, [field.value, ...lines.slice(a + 1, b + 1).map((l) => l.trim())].join(' ').trim(), a, b)
      else if (a !== titleGroup?.[0]) for (let i = a; i <= b; i += 1) coverLines.push(i)
    }
    r.cover(coverLines)
    if (titleGroup !== undefined) {
      const title = lines
        .slice(titleGroup[0], titleGroup[1] + 1)
        .map((l) => l.trim())
        .join(' ')
      r.fields.title = title
      r.mark(titleGroup[0], titleGroup[1], 'export-header', title)
    }
    let bodyFrom = headEnd + 1
    if (fieldsAt !== -1) {
      for (const [a, b] of groupsOf(lines, fieldsAt, to)) {
        const field = labelled(lines[a] ?? '', true)
        if (field === null) break
        const value = [field.value, ...lines.slice(a + 1, b + 1).map((l) => l.trim())].join(' ').trim()
        // A dateline opening the text (`MOSCOW: Gunmen...`) is text: a field is short, or has a label a database uses.
        if (fieldOf(field.label) === undefined && !fieldSized(value)) break
        r.field(field.label, value, a, b)
        bodyFrom = b + 1
      }
    }
    r.closing(bodyFrom, to, true)
    found.push({ reading: r, to, messages: [] })
  }
  cutOff(found, lines, file, 'closing fields such as LOAD-DATE')
  return found
}

/** Warns when the last article of an export lacks the closing fields the others have, or stops mid-sentence: the download was cut. */
function cutOff(found: Found[], lines: readonly string[], file: string, what: string): void {
  const lastFound = found.at(-1)
  if (lastFound === undefined || lastFound.reading.closed) return
  const others = found.slice(0, -1).some((f) => f.reading.closed)
  let end = lastFound.to
  while (end > 0 && (lines[end] ?? '').trim() === '') end -= 1
  if (!others && endsSentence((lines[end] ?? '').trim())) return
  lastFound.messages.push({
    file,
    line: end + 1,
    rule: 'export-cut',
    severity: 'warning',
    reason: `The export ends inside article ${found.length}, without the ${what} that close an article: the download may have been interrupted; its text is kept as far as it goes`,
  })
}

/** Reads Nexis Uni's layout (its DOCX as text, or its text export): headline, outlet, date, fields `Label: value`, `Body`, the text, closing fields, `End of Document`. */
function nexisUni(lines: readonly string[], file: string): Found[] | null {
  const ends = linesMatching(lines, END_OF_DOCUMENT)
  if (ends.length === 0) return null
  const headerField = (line: string) => {
    const f = labelled(line)
    const entry = f === null ? undefined : fieldOf(f.label)
    return entry !== undefined && entry.id !== 'closing' && entry.id !== 'body' && entry.id !== 'title'
  }
  const bodyMark = (line: string) => {
    const t = line.trim()
    return /^\p{L}+$/u.test(t) && fieldOf(t)?.id === 'body'
  }
  // The last article of a cut download has no `End of Document`: it counts if it has an article's fields.
  const lastEnd = ends.at(-1) as number
  const tail = lines.slice(lastEnd + 1)
  const cut = tail.some((l) => headerField(l) || bodyMark(l))
  const blocks = [...ends, ...(cut ? [lines.length - 1] : [])]
  if (!lines.slice(0, (blocks[0] as number) + 1).some((l) => headerField(l) || bodyMark(l))) return null
  const found: Found[] = []
  for (const [k, end] of blocks.entries()) {
    const from = k === 0 ? 0 : (blocks[k - 1] as number) + 1
    const to = k === blocks.length - 1 ? lines.length - 1 : end
    const r = new Reading(lines, from)
    let fieldsAt = -1
    for (let i = from; i <= end; i += 1) {
      if (headerField(lines[i] ?? '') || bodyMark(lines[i] ?? '')) {
        fieldsAt = i
        break
      }
    }
    if (fieldsAt === -1) fieldsAt = from
    // Above the fields: [cover...] headline, outlet, date, [edition...], [copyright].
    const head: number[] = []
    for (let i = from; i < fieldsAt; i += 1) if ((lines[i] ?? '').trim() !== '') head.push(i)
    const dateAt = head.findLastIndex(
      (i) =>
        !RIGHTS.test(lines[i] ?? '') && (lines[i] ?? '').trim().length <= DATE_LINE && isoDate(lines[i] ?? '') !== null,
    )
    // Without a date line the headline is the last line above the fields that is not the copyright.
    const titleAt = dateAt >= 1 ? Math.max(0, dateAt - 2) : head.findLastIndex((i) => !RIGHTS.test(lines[i] ?? ''))
    for (const [n, i] of head.entries()) {
      if (n >= titleAt) break
      r.mark(i, i, 'export-cover')
    }
    const titleLine = head[titleAt]
    if (titleLine !== undefined && titleAt !== dateAt) {
      const title = (lines[titleLine] ?? '').trim()
      r.fields.title = title
      r.mark(titleLine, titleLine, 'export-header', title)
    }
    // Outlet, date, edition, copyright: the order Nexis prints a cover in (with no outlet line, the date first).
    const rest = head.slice(titleAt + 1)
    r.cover(rest, dateAt !== titleAt + 1)
    let bodyFrom = fieldsAt
    for (let i = fieldsAt; i <= end; i += 1) {
      const line = lines[i] ?? ''
      if (line.trim() === '') continue
      if (bodyMark(line)) {
        r.mark(i, i, 'export-cover')
        bodyFrom = i + 1
        break
      }
      const f = labelled(line)
      if (f === null || (fieldOf(f.label) === undefined && !fieldSized(f.value))) break
      r.field(f.label, f.value, i, i)
      bodyFrom = i + 1
    }
    const closeAt = END_OF_DOCUMENT.test(lines[end] ?? '') ? end : end + 1
    if (closeAt === end) r.mark(end, end, 'export-cover')
    r.closing(bodyFrom, closeAt - 1, false)
    if (closeAt === end) r.closed = true
    // Lines after the last `End of Document` that hold no article are the export's own.
    if (k === blocks.length - 1 && to > end) r.mark(end + 1, to, 'export-cover')
    found.push({ reading: r, to, messages: [] })
  }
  cutOff(found, lines, file, '`End of Document` line')
  return found
}

/** ProQuest's author list (`Roe, Jane; Doe, John`) as persons in reading order. */
function proquestPersons(value: string): string[] {
  return value
    .split(/\s*;\s*/)
    .map((name) => {
      const [last, first] = name.split(/\s*,\s*/)
      return first === undefined || first === '' ? (last ?? '').trim() : `${first} ${last}`.trim()
    })
    .filter((n) => /\p{L}/u.test(n))
}

/** Reads ProQuest's text layout: `____` separators, `Document N of M`, headline, labelled fields, `Full text:`, closing fields. */
function proquest(lines: readonly string[], file: string): Found[] | null {
  const rules = linesMatching(lines, PROQUEST_RULE)
  if (rules.length === 0) return null
  const bodyLabel = (line: string) => {
    const f = labelled(line)
    return f !== null && fieldOf(f.label)?.id === 'body'
  }
  // Segments between separators; those with a `Full text:` line are articles, the others the report's own pages.
  const segments: [number, number][] = []
  let start = 0
  for (const r of [...rules, lines.length]) {
    segments.push([start, r - 1])
    start = r
  }
  const isArticle = ([a, b]: [number, number]) => lines.slice(a, b + 1).some(bodyLabel)
  if (!segments.some(isArticle)) return null
  const found: Found[] = []
  let pending = 0
  for (const [a, b] of segments) {
    if (!isArticle([a, b])) continue
    const r = new Reading(lines, pending)
    if (a > pending) r.mark(pending, a - 1, 'export-cover')
    let i = a
    const skipBlank = () => {
      while (i <= b && (lines[i] ?? '').trim() === '') i += 1
    }
    if (PROQUEST_RULE.test(lines[i] ?? '')) {
      r.mark(i, i, 'export-cover')
      i += 1
    }
    skipBlank()
    if (PROQUEST_COUNT.test(lines[i] ?? '')) {
      r.mark(i, i, 'export-cover')
      i += 1
    }
    skipBlank()
    // The headline: the first block, unless it is a field a database uses (a headline may hold a colon).
    const titleFrom = i
    const known = (line: string) => {
      const f = labelled(line)
      return f !== null && fieldOf(f.label) !== undefined
    }
    if (!known(lines[i] ?? '')) while (i <= b && (lines[i] ?? '').trim() !== '') i += 1
    if (i > titleFrom) {
      const title = lines
        .slice(titleFrom, i)
        .map((l) => l.trim())
        .join(' ')
      r.fields.title = title
      r.mark(titleFrom, i - 1, 'export-header', title)
    }
    let bodyFrom = b + 1
    for (const [ga, gb] of groupsOf(lines, i, b)) {
      const line = lines[ga] ?? ''
      const f = labelled(line)
      if (f !== null && fieldOf(f.label)?.id === 'body') {
        // `Full text: The attack began...`: the label goes, the rest of the line is the text's first.
        r.marks.push({ line: ga - r.from + 1, rule: 'export-field', after: '', keep: f.value })
        bodyFrom = ga
        break
      }
      const value = [f?.value ?? line.trim(), ...lines.slice(ga + 1, gb + 1).map((l) => l.trim())].join(' ').trim()
      if (f === null) r.mark(ga, gb, 'export-cover')
      else if (fieldOf(f.label)?.id === 'byline' && f.label.toLowerCase() !== 'credit') {
        r.fields.persons = proquestPersons(value)
        r.fields.byline = value
        r.mark(ga, gb, 'export-header', value)
      } else r.field(f.label, value, ga, gb)
    }
    // The text's first line is the body label's line, whose label is marked: the closing fields are searched below it.
    r.closing(bodyFrom + 1, b, false)
    pending = b + 1
    found.push({ reading: r, to: b, messages: [] })
  }
  // The report's footer after the last article belongs to it.
  const lastFound = found.at(-1)
  if (lastFound !== undefined && pending <= lines.length - 1) {
    lastFound.reading.mark(pending, lines.length - 1, 'export-cover')
    lastFound.to = lines.length - 1
  }
  cutOff(found, lines, file, 'closing fields (Subject, Publication title, ProQuest document ID)')
  return found
}

/** The digits an article's position takes in its id: three, or more for a file of a thousand articles. */
const positionWidth = (count: number) => Math.max(3, String(count).length)

/** A markup record that says nothing: an export's fields are in `exported`, not in a page's markup. */
const NO_MARKUP: Markup = {
  title: null,
  authors: null,
  published: null,
  outlet: null,
  url: null,
  language: null,
  documentTitle: null,
  organisation: null,
  owner: null,
}

/** The documents of a text export: each article's block of lines, mapped to the file's. */
function textArticles(doc: Doc, lines: readonly string[], database: Database, found: Found[]): Doc[] {
  const width = positionWidth(found.length)
  return found.map(({ reading, to, messages }, k) => {
    const from = reading.from
    const lineStart = Array.from({ length: to - from + 1 }, (_, i) => from + i + 1)
    const exported: Exported = {
      database,
      position: k + 1,
      ...reading.fields,
      lines: reading.marks.sort((a, b) => a.line - b.line),
    }
    // What reading the file said (its encoding) is told once, with the first article.
    const told = [...(k === 0 ? doc.messages : []), ...messages]
    return {
      ...doc,
      doc_id: `${doc.doc_id}-${String(k + 1).padStart(width, '0')}`,
      raw: lines.slice(from, to + 1).join('\n'),
      page: { lineStart, lineEnd: lineStart, removed: [], markup: NO_MARKUP, textMessagesFrom: told.length },
      exported,
      messages: told,
    }
  })
}

/** Class tokens of an element. */
const classesOf = (el: Element): string[] => {
  const c = el.properties.className
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : []
}

/** Elements whose text is never shown. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head'])

/** Factiva's article blocks: elements of class `article` holding paragraphs of class `articleParagraph`. */
function factivaArticles(tree: Root): Element[] {
  const out: Element[] = []
  const stack: (Root | ElementContent | RootContent)[] = [tree]
  while (stack.length > 0) {
    const n = stack.pop()
    if (n === undefined || (n.type !== 'element' && n.type !== 'root')) continue
    if (n.type === 'element' && HIDDEN.has(n.tagName)) continue
    if (n.type === 'element' && classesOf(n).includes('article')) {
      out.push(n)
      continue
    }
    for (let i = n.children.length - 1; i >= 0; i -= 1) stack.push(n.children[i] as RootContent)
  }
  return out.filter((el) => hasParagraphs(el) || codedRows(el).some((row) => FACTIVA_CODES[row.code] === 'body'))
}

function hasParagraphs(el: Element): boolean {
  const stack: ElementContent[] = [...el.children]
  while (stack.length > 0) {
    const n = stack.pop()
    if (n?.type !== 'element') continue
    if (classesOf(n).some((c) => /articleParagraph/i.test(c))) return true
    stack.push(...n.children)
  }
  return false
}

/** Factiva's document id line (`Document DAIEX00020240323ek3n0001x`), in the interface's language. */
const FACTIVA_ID = /^(?:Document|Dokument|Documento|Documents?)\s+([A-Za-z0-9]{12,})$/u
/** A time of day (Factiva's ET field). */
const TIME = /^\d{1,2}[:.]\d{2}(?:\s*(?:AM|PM|GMT|UTC|[A-Z]{2,4}))?$/i
/** Factiva's source code (SC): a short code in capitals. */
const SOURCE_CODE = /^[A-Z0-9]{3,12}$/
/** Language names in English and in their own language, by the ISO 639-1 codes Intl knows: Factiva states the language by name. */
let languageNames: Set<string> | undefined

/** Whether a text is a language's name; the names are gathered on the first Factiva page, not when the module loads (14 ms). */
function isLanguageName(text: string): boolean {
  if (languageNames !== undefined) return languageNames.has(text.toLowerCase())
  const names = new Set<string>()
  const english = new Intl.DisplayNames(['en'], { type: 'language' })
  for (let a = 97; a <= 122; a += 1) {
    for (let b = 97; b <= 122; b += 1) {
      const code = String.fromCharCode(a, b)
      const name = english.of(code)
      if (name === undefined || name === code) continue
      names.add(name.toLowerCase())
      const own = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code)
      if (own !== undefined) names.add(own.toLowerCase())
    }
  }
  languageNames = names
  return names.has(text.toLowerCase())
}

/** One line of an article made from a Factiva block: its text and its element's lines in the page. */
interface PageLine {
  text: string
  start: number
  end: number
  /** What the line is: a body paragraph, or a field read or left out. */
  rule?: ExportLine['rule']
  after?: string
  /** Whether it states the article's length (for the warning's line). */
  length?: boolean
}

/** Reads Factiva's saved HTML: `article` blocks with a headline, a byline, unlabelled field lines, `articleParagraph`s and the document id. */
function factiva(doc: Doc): Doc[] | null {
  if (!/class\s*=\s*["'][^"']*\barticle\b/i.test(doc.raw) || !/articleParagraph|>\s*(?:TD|LP)\s*</.test(doc.raw))
    return null
  const tree = fromHtml(doc.raw)
  const articles = factivaArticles(tree)
  if (articles.length === 0) return null
  const width = positionWidth(articles.length)
  const lastLine = doc.raw.split('\n').length
  const out: Doc[] = []
  const around = outsideRegions(tree, articles)
  for (const [k, article] of articles.entries()) {
    const r = new Reading([], 0)
    const start = article.position?.start.line ?? 1
    const end = article.position?.end.line ?? lastLine
    // The page around the articles (its menus, its footer) is the database's: a removal of the article that follows it.
    const removed = around[k] ?? []
    const pageLines =
      codedRows(article).length > 0 ? factivaCoded(article, r, start, end) : factivaDivs(article, r, start, end)
    // One Markdown line per element, a blank line between: each maps to its element's lines in the page.
    const raw: string[] = []
    const lineStart: number[] = []
    const lineEnd: number[] = []
    const marks: ExportLine[] = []
    for (const [n, line] of pageLines.entries()) {
      if (n > 0) {
        raw.push('')
        lineStart.push(line.start)
        lineEnd.push(line.start)
      }
      raw.push(line.rule === undefined ? markdownText(line.text) : line.text)
      lineStart.push(line.start)
      lineEnd.push(line.end)
      if (line.rule !== undefined) marks.push({ line: raw.length, rule: line.rule, after: line.after ?? '' })
      if (line.length === true) r.fields.lengthLine = raw.length
    }
    const exported: Exported = { database: 'factiva', position: k + 1, ...r.fields, lines: marks }
    const told = k === 0 ? doc.messages : []
    out.push({
      ...doc,
      doc_id: `${doc.doc_id}-${String(k + 1).padStart(width, '0')}`,
      raw: raw.join('\n'),
      page: { lineStart, lineEnd, removed, markup: NO_MARKUP, textMessagesFrom: told.length },
      exported,
      messages: told,
    })
  }
  // A download cut off ends inside the last article: it lacks the document id every other article closes with.
  const last = out.at(-1)
  if (
    last?.exported !== undefined &&
    last.exported.database_id === null &&
    out.slice(0, -1).some((d) => d.exported?.database_id !== null)
  ) {
    const line = last.page?.lineEnd.at(-1) ?? lastLine
    last.messages = [
      ...last.messages,
      {
        file: doc.source_path,
        line,
        rule: 'export-cut',
        severity: 'warning',
        reason: `The export ends inside article ${out.length}, without the document id that closes an article: the download may have been interrupted; its text is kept as far as it goes`,
      },
    ]
    if (last.page !== undefined) last.page = { ...last.page, textMessagesFrom: last.messages.length }
  }
  return out
}

/** Reads a Factiva article block of unlabelled field lines (headline, byline, word count, date, time, source, code, edition, page, language, copyright), its paragraphs and its document id, in Factiva's order. */
function factivaDivs(article: Element, r: Reading, start: number, end: number): PageLine[] {
  const pageLines: PageLine[] = []
  let afterDate = false
  let codeSeen = false
  for (const child of article.children) {
    if (child.type !== 'element' || HIDDEN.has(child.tagName)) continue
    const text = squash(textOf(child))
    if (text === '') continue
    const line: PageLine = { text, start: child.position?.start.line ?? start, end: child.position?.end.line ?? end }
    const classes = classesOf(child)
    const id = String(child.properties.id ?? '')
    const set = (rule: ExportLine['rule'], after = '') => Object.assign(line, { rule, after })
    const m = FACTIVA_ID.exec(text)
    if (classes.some((c) => /articleParagraph/i.test(c)) || (child.tagName === 'p' && !m)) {
      // A paragraph: the text.
    } else if (id === 'hd' || classes.some((c) => /headline/i.test(c)) || child.tagName.match(/^h[1-6]$/)) {
      if (r.fields.title === null) {
        r.fields.title = text
        set('export-header', text)
      } else set('export-cover')
    } else if (
      classes.includes('author') ||
      (r.fields.title !== null &&
        r.fields.byline === null &&
        r.fields.stated_length === null &&
        !afterDate &&
        !LENGTH_VALUE.test(text) &&
        isoDate(text) === null)
    ) {
      // Factiva's byline stands between the headline and the word count, with a class or without.
      r.fields.byline ??= text
      set('export-header', text)
    } else if (m !== null) {
      r.fields.database_id ??= m[1] ?? null
      set('export-header', m[1] ?? text)
    } else if (LENGTH_VALUE.test(text) && r.fields.stated_length === null) {
      r.fields.stated_length = Number((LENGTH_VALUE.exec(text)?.[1] ?? '0').replace(/[.,\s]/g, ''))
      set('export-header', text)
      line.length = true
    } else if (!afterDate && text.length <= DATE_LINE && isoDate(text) !== null) {
      afterDate = true
      r.fields.published ??= isoDate(text)
      set('export-header', r.fields.published ?? text)
    } else if (TIME.test(text)) set('export-field')
    else if (RIGHTS.test(text)) {
      r.fields.rights ??= text
      set('export-header', text)
    } else if (isLanguageName(text)) set('export-field')
    else if (afterDate && r.fields.outlet === null) {
      r.fields.outlet = text
      set('export-header', text)
    } else if (afterDate && !codeSeen && SOURCE_CODE.test(text)) {
      codeSeen = true
      set('export-field')
    } else if (PAGE_IN.test(text) || /^\d{1,4}$/.test(text)) {
      r.fields.page ??= PAGE_IN.exec(text)?.[1] ?? text
      set('export-header', r.fields.page ?? text)
    } else if (codeSeen && r.fields.edition === null) {
      r.fields.edition = text
      set('export-header', text)
    } else set('export-field')
    pageLines.push(line)
  }
  return pageLines
}

/** Factiva's codes for the fields of its "full article" format, by the column each fills. */
const FACTIVA_CODES: Readonly<
  Record<
    string,
    'title' | 'byline' | 'length' | 'published' | 'outlet' | 'edition' | 'page' | 'rights' | 'database-id' | 'body'
  >
> = {
  HD: 'title',
  BY: 'byline',
  WC: 'length',
  PD: 'published',
  SN: 'outlet',
  ED: 'edition',
  PG: 'page',
  CY: 'rights',
  AN: 'database-id',
  LP: 'body',
  TD: 'body',
}

/** The rows of a Factiva block in its coded format: a cell with a code in capitals (`HD`, `TD`, `AN`), then the cell of its value. */
function codedRows(article: Element): { code: string; row: Element; value: Element }[] {
  const out: { code: string; row: Element; value: Element }[] = []
  const stack: ElementContent[] = [...article.children].reverse()
  while (stack.length > 0) {
    const n = stack.pop() as ElementContent
    if (n.type !== 'element' || HIDDEN.has(n.tagName)) continue
    if (n.tagName === 'tr') {
      const cells = n.children.filter(
        (c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'),
      )
      const code = cells.length >= 2 ? squash(textOf(cells[0] as Element)) : ''
      if (/^[A-Z]{2,3}$/.test(code)) out.push({ code, row: n, value: cells[cells.length - 1] as Element })
      continue
    }
    for (let i = n.children.length - 1; i >= 0; i -= 1) stack.push(n.children[i] as ElementContent)
  }
  return out
}

/** Reads a Factiva article block in its coded format (a table of `HD`, `BY`, `WC`, `PD`, `SN`, `LP`, `TD`, `AN` rows): the text is the paragraphs of `LP` and `TD`. */
function factivaCoded(article: Element, r: Reading, start: number, end: number): PageLine[] {
  const lines: PageLine[] = []
  const at = (el: Element) => ({ start: el.position?.start.line ?? start, end: el.position?.end.line ?? end })
  for (const { code, row, value } of codedRows(article)) {
    const kind = FACTIVA_CODES[code]
    if (kind === 'body') {
      const paragraphs = value.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'p')
      // The code's cell is the database's; each paragraph of the value is a line of the text.
      lines.push({ text: code, ...at(row), end: at(row).start, rule: 'export-field', after: '' })
      for (const p of paragraphs.length > 0 ? paragraphs : [value]) {
        const text = squash(textOf(p))
        if (text !== '') lines.push({ text, ...at(p) })
      }
      continue
    }
    const text = squash(textOf(value))
    const id = code === 'AN' ? (FACTIVA_ID.exec(text)?.[1] ?? text) : text
    const entry = kind === undefined ? undefined : exportFields.find((f) => f.id === kind)
    const filled = entry !== undefined && r.fill(entry, id, 0)
    lines.push({
      text: `${code} ${text}`.trim(),
      ...at(row),
      rule: filled ? 'export-header' : 'export-field',
      after: filled ? (kind === 'published' ? (r.fields.published ?? id) : id) : '',
      ...(kind === 'length' && filled ? { length: true } : {}),
    })
  }
  return lines
}

/** A paragraph's text as one line of Markdown that reads back as the same text (`1. ` is no list, `*` no emphasis). */
function markdownText(text: string): string {
  return toMarkdown({ type: 'paragraph', children: [{ type: 'text', value: text }] })
    .replace(/\n+$/, '')
    .replace(/\n/g, ' ')
}

/**
 * The page around the articles, one removal per region that holds no article (its menus, a list of the
 * headlines, the footer), each given to the article that follows it, or to the last: one walk to find the
 * articles' ancestors, one to take the regions.
 */
function outsideRegions(tree: Root, articles: readonly Element[]): Change[][] {
  const inArticle = new Set<Root | Element>(articles)
  // Each element's parent, in one walk without recursion (a page may nest deeper than the stack goes).
  const parent = new Map<Root | Element, Root | Element>()
  const stack: (Root | Element)[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop() as Root | Element
    if (inArticle.has(node)) continue
    for (const child of node.children) {
      if (child.type !== 'element' || HIDDEN.has(child.tagName)) continue
      parent.set(child, node)
      stack.push(child)
    }
  }
  const holds = new Set<Root | Element>()
  for (const article of articles)
    for (let n = parent.get(article); n !== undefined && !holds.has(n); n = parent.get(n)) holds.add(n)
  const out: Change[][] = articles.map(() => [])
  let next = 0
  // The regions in page order: a frame per element whose children are being taken, with the next child's index.
  const frames: { node: Root | Element; at: number }[] = [{ node: tree, at: 0 }]
  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as { node: Root | Element; at: number }
    const child = frame.node.children[frame.at]
    if (child === undefined) {
      frames.pop()
      continue
    }
    frame.at += 1
    if (child.type !== 'element' || HIDDEN.has(child.tagName) || inArticle.has(child)) continue
    if (holds.has(child)) {
      frames.push({ node: child, at: 0 })
      continue
    }
    const text = squash(shownText(child))
    const s = child.position?.start.line ?? 0
    const e = child.position?.end.line ?? s
    while (next < articles.length - 1 && (articles[next]?.position?.end.line ?? 0) < s) next += 1
    if (text !== '')
      out[next]?.push({ rule: 'export-cover', action: 'remove', line_start: s, line_end: e, before: text, after: '' })
  }
  return out
}

/** The text an element shows: its descendants' text, without its scripts and styles. */
function shownText(el: Element): string {
  const out: string[] = []
  const stack: ElementContent[] = [el]
  while (stack.length > 0) {
    const n = stack.pop() as ElementContent
    if (n.type === 'text') out.push(n.value)
    else if (n.type === 'element' && !HIDDEN.has(n.tagName))
      for (let i = n.children.length - 1; i >= 0; i -= 1) stack.push(n.children[i] as ElementContent)
  }
  return out.join('')
}

/** An article's text as the corpus profile should learn it: the database's lines (its cover, fields and closing fields) blank, the text kept. */
export function articleText(doc: Doc): string {
  if (doc.exported === undefined) return doc.raw
  const lines = doc.raw.split('\n')
  for (const { line, keep } of doc.exported.lines) lines[line - 1] = keep ?? ''
  return lines.join('\n')
}

/**
 * The documents one input holds: the articles of a press-database export, each with its fields and its
 * lines in the file, or the input itself. A text is tried as each text layout in turn, a page as Factiva's.
 */
export function articlesOf(doc: Doc): Doc[] {
  if (doc.failed) return [doc]
  if (doc.format === 'html') return factiva(doc) ?? [doc]
  const lines = doc.raw.split('\n')
  for (const [database, read] of [
    ['nexis', nexis],
    ['nexis-uni', nexisUni],
    ['proquest', proquest],
  ] as const) {
    const found = read(lines, doc.source_path)
    if (found !== null) return textArticles(doc, lines, database, found)
  }
  return [doc]
}
