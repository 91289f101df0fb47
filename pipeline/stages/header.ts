import { isFurnitureLine } from './furniture.ts'
import { lineRules } from '../rules/boilerplate.ts'
import {
  type DateContext,
  DIGIT,
  findDates,
  relativeTimeLabel,
  labelledDates,
  MAX_LABELLED_TEXT,
  type FoundDate,
} from './dates.ts'
import {
  AUTHOR_LABEL,
  AUTHOR_NOUN,
  beforeCredit,
  bylineNames,
  isPictureCredit,
  namesOf,
  textBylineNames,
  withoutDateLabel,
  withoutTrailingMarks,
} from './names.ts'
import {
  bylineFormats,
  bylineWords,
  headerDateLabel,
  headerTime,
  pageDateLabel,
  pageUpdateLabel,
} from '../rules/header.ts'
import { endsWithStop, LIST_ITEM } from './text.ts'

/** A header line the parser consumed, with the rule that read it. */
export interface HeaderLine {
  /** 0-based index into the document's lines. */
  index: number
  rule: string
  after: string
}

/** What the header of an article says, and which lines said it. */
export interface ParsedHeader {
  title: string | null
  kicker: string | null
  authors: string[]
  published: string | null
  /** An organisation a byline names instead of a person (`By Reuters Staff`), for the outlet. */
  organisation: string | null
  /** A date line that could not be read (ambiguous, impossible), for a warning. */
  dateProblem: { line: number; text: string; problem: string } | null
  /** Whether `published` is the date the page says it was updated, the only date it shows (for a warning). */
  fromUpdate: boolean
  /** The line whose labelled date (`Veröffentlicht am …`), or a date alone below the lead (`alone`), gave `published` away from the header, for a warning. */
  labelled: { line: number; text: string; alone?: true } | null
  /** A byline whose names could not be read as persons' names, for a warning. */
  bylineProblem: { line: number; text: string } | null
  /** The line whose author label (`Autor: X`, away from the header) gave `authors`, for a warning. */
  labelledBy: { line: number; text: string } | null
  lines: HeaderLine[]
}

/** How far the header may reach: non-blank lines after the title, and before it. */
const HEADER_AFTER = 25
const HEADER_BEFORE = 4
/** A block this long is the body: the header search stops at it. */
const BODY_WORDS = 40
/** The wrap width when a document has no line to measure: a terminal's and an e-mail's. */
export const DEFAULT_WIDTH = 80
/** A header line is short: a line of more words is a sentence of the body. */
const HEADER_LINE_WORDS = 25
/** A line of more words than this that ends a sentence is the body's, not a header field. */
const SENTENCE_LINE_WORDS = 8
/** A title was wrapped when it reaches this share of the wrap width and the line after it has at most this many words. */
const WRAPPED_TITLE = { share: 0.75, nextWords: 12 } as const
/** Lines read beyond the header's reach on each side, for the furniture among them that the reach does not count. */
const FURNITURE_MARGIN = 8

/** The fields of one header line, read wherever they stand in it. */
interface LineFields {
  /** The first date not labelled as an update, and the first update date. */
  published: FoundDate | null
  updated: FoundDate | null
  /** Person names from a byline, or a bare name list (`names` with `byline` false). */
  names: string[] | null
  /** Whether the line says `By` (or names people beside a date, or with a role). */
  byline: boolean
  /** A line that is only `By`, whose names stand on the next line. */
  byLabel: boolean
  /** An organisation the byline names (`By Reuters`, `| Fox News`). */
  organisation: string | null
  /** A byline whose names could not be read. */
  unreadBy: boolean
  /** A line that names a role and no one (`Political Editor`): the name line above it is a byline. */
  role: boolean
  /** A line that is a relative time and nothing more (`Erstellt: vor 4 Stunden`, `2 hours ago`): a date field that gives no date. */
  relative: boolean
}

// What a header line is read from: list and heading marks, emphasis, escapes and social handles are not text.
function plain(line: string): string {
  return (
    line
      // A link reads as its text; an address is not a field (a date in a URL's path is another page's).
      .replace(/!?\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '$1')
      .replace(/<https?:\/\/[^>\s]*>|\bhttps?:\/\/\S+/g, ' ')
      .replace(/^\s*(?:[-*+•]\s+)+/, '')
      .replace(/^\s*#{1,6}\s*/, '')
      .replace(/\\(?=[-*_#.])/g, '')
      .replace(/@[\w.]+/g, ' ')
      .replace(/[*_]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  )
}

const FIELD_SEPARATOR = /\s*(?:[|•·/–—~]|\s-\s|^-\s|\s-$)\s*/

/**
 * The names of a byline form (`By NAME`, `Written by NAME`) that opens a field of the line, after a
 * separator or a comma (DATE by NAME, DATE, by NAME); a `by` inside a sentence is not a byline.
 */
function bylineOf(rest: string, textBylines: boolean): string | undefined {
  for (const raw of rest.split(/[|•·]|,(?=\s*(?:(?:written|reported|words) )?by:?\s)/i)) {
    // What a date left before the field (`DATE, von X`) is not the field's.
    const field = raw.replace(/^[\s,.;]+/, '').trim()
    const names =
      bylineFormats.map((f) => f.pattern.exec(field)?.groups?.names).find((n) => n !== undefined) ??
      (textBylines ? textBylineNames(field) : undefined)
    // The names end where a date's label opens the next field (`Author: X, Datum: 03.Mär.19`).
    if (names !== undefined) return beforeCredit(withoutDateLabel(names))
  }
  return undefined
}

/** A date's label in the page's language just before the separator its date became (`Erstellt am |`). */
const LABEL_BEFORE_DATE = new RegExp(`(?:${pageDateLabel.source})(?=\\s*(?:\\p{L}{1,3}\\s*)?(?:\\||$))`, 'giu')
/** A field that a category or tag label opens (`Kategorien Hardware`, `Tags: Wahl`) names topics, not persons. */
const TOPIC_FIELD =
  /^(?:kategorien?|categor(?:y|ies|ie|ía|ias|ia)|tags?|schlagw(?:ö|oe)rter|rubri[ck]|ressorts?|topics?|themen?|sujets?|temas?)\b/iu

/**
 * A line whose emphasis marks close nothing (`__16. Mai 2019 __Anna Muster __Netzwerk`): html2text writes an
 * icon's empty italic element so, between a page's fields; each such mark is a field separator. A line with a
 * closed mark (`__Anna Muster__ • Beitrag`) keeps its marks.
 */
function fieldMarks(line: string): string {
  return /\S__/.test(line) ? line : line.replace(/(?<=^|\s)__/g, ' | ')
}

/** A header's words that saving a page glued together: two dates (`22. Dezember 201922. Dezember 2019`), a by-word and its name (`ByAlex Doe`). */
function unglued(text: string): string {
  return text.replace(/((?:19|20)\d{2})(?=\d{1,2}[./ ])/g, '$1 ').replace(/^(By|Von|Par|Por)(?=\p{Lu}\p{Ll})/u, '$1 ')
}

/** A line of a few capitalised words and a by-word, a label before the author's name on the next line (`Kommentar von`, `Ein Beitrag von`). */
const LABEL_THEN_BY = /^(?:\p{Lu}[\p{L}-]*\s+){1,3}(?:[Vv]on|[Bb]y|[Pp]ar|[Pp]or|[Dd]oor|[Dd]i)\s*:?$/u

/** A word of the page's languages that says a date is a change, not the publication (`geändert`, `mis à jour`), as a word. */
const UPDATE_WORD = new RegExp(`(?<![\\p{L}])(?:${pageUpdateLabel.source})`, 'iu')

/** Reads the dates, byline and names of one line; null when the line is too long to be a header line. With `textBylines` (plain text), a line that is a byline by its words (`Gepostet von X`, `Autor: X`) is one, and a date line's field that names a person is a name list. */
export function readLine(line: string, textBylines = true, dateContext: DateContext = {}): LineFields | null {
  // A quotation (a Markdown blockquote: an embedded post, a cited letter) holds someone else's words and dates, never the article's header.
  if (/^\s*>/.test(line)) return null
  const text = unglued(plain(fieldMarks(line)))
  // A header line is short, and a line of more than a few words that ends a sentence is the body's.
  const n = text.split(' ').length
  if (text === '' || n > HEADER_LINE_WORDS || (n > SENTENCE_LINE_WORDS && endsWithStop(text))) return null
  const fields: LineFields = {
    published: null,
    updated: null,
    names: null,
    byline: false,
    byLabel: false,
    organisation: null,
    unreadBy: false,
    role: false,
    relative: false,
  }
  // A header date stands at the edge of its field (after a label, a weekday or a name); one inside a sentence is a caption's or the body's.
  const dates = findDates(text, dateContext).filter(
    (d) =>
      (
        text
          .slice(0, d.start)
          .split(/\s*(?:[|•·/–—,]|\s-\s)\s*/)
          .at(-1) ?? ''
      )
        .replace(headerTime, ' ')
        .replace(headerDateLabel, ' ')
        .replace(pageDateLabel, ' ')
        .split(/\s+/)
        .filter((w) => /\p{L}/u.test(w)).length <= 4,
  )
  // A relative time (`vor 4 Stunden`) is a date field of the header whose date the saved text no longer tells; a name before it (`Anna Muster, vor 2 Stunden`) is no label.
  if (dates.length === 0 && isRelative(text)) return { ...fields, relative: true }
  // A field of the line that is one (`Anna Muster | vor 3 Stunden`) stands for a date beside the names.
  fields.relative = dates.length === 0 && text.split(FIELD_SEPARATOR).some(isRelative)
  const isUpdate = (d: FoundDate) => UPDATE_WORD.test(text.slice(0, d.start).split(FIELD_SEPARATOR).at(-1) ?? '')
  fields.updated = dates.find(isUpdate) ?? null
  fields.published = dates.find((d) => !isUpdate(d)) ?? null
  // Each date becomes a field separator, so that what stands around it is read as its own field.
  let rest = text
  for (const date of [...dates].reverse()) rest = `${rest.slice(0, date.start)} | ${rest.slice(date.end)}`
  rest = rest
    .replace(headerTime, ' ')
    .replace(headerDateLabel, ' ')
    // A date's label in the page's language (`Erstellt am`, `Zuletzt geändert am`) goes with its date (`Veröffentlicht von X` has none).
    .replace(LABEL_BEFORE_DATE, ' ')
    // The preposition before a date that became a separator (on, at, am, le, el, il, op, um).
    .replace(/(?<![\p{L}])(?:on|at|am|um|le|el|il|op|den|du|del|vom)(?=\s*(?:\||$))/giu, ' ')
    .replace(/\bPage \d+\b/gi, ' ')
  // A line that is only a label (`By`, `Autor:`, `Kommentar von`) names the author on the next; a picture's credit does not.
  const label = rest.trim()
  if (
    bylineWords.test(label.replace(/:$/, '')) ||
    ((AUTHOR_LABEL.test(label) || LABEL_THEN_BY.test(label)) && !isPictureCredit(label))
  )
    return { ...fields, byLabel: true }
  const by = bylineOf(rest, textBylines)
  const parts = rest
    .split(FIELD_SEPARATOR)
    // A dash the date left at a field's edge (`DATE - Anna Muster`) is a separator, not the field's.
    .map((p) => withoutTrailingMarks(p.replace(/^[\s,.:;–—-]+/, '')))
    .filter((p) => /\p{L}/u.test(p) && !(fields.relative && isRelative(p)))
  if (by !== undefined) {
    const read = namesOf(by.replace(/[\s,;:/–—-]+$/, ''), 1)
    const after = parts.filter((p) => !p.toLowerCase().includes(by.trim().toLowerCase()) && !/\bby\b/i.test(p))
    const organisation =
      read.organisation ?? after.map((p) => namesOf(p, 1).organisation).find((o) => o !== null) ?? null
    // One word after `By` (By Reuters, by Regan) may be an agency or a person's first name: neither an author nor an outlet, and said so.
    const single = read.names?.every((n) => !n.includes(' ')) === true
    // A line leaves the body as a byline only when a name or an outlet was read from it (`By the end of 2004...` is the body's).
    if (read.names === null && organisation === null) return fields
    return {
      ...fields,
      byline: true,
      names: single ? null : read.names,
      organisation,
      unreadBy: single && organisation === null,
    }
  }
  if (parts.length === 0) return fields
  if (parts.length === 1) {
    // A picture's credit (`Foto von X`) names no author, nor does a category's label.
    if (isPictureCredit(parts[0] ?? '') || TOPIC_FIELD.test(parts[0] ?? '')) return fields
    const read = namesOf(parts[0] ?? '', 2)
    // A bare name list is a byline beside a date or with a role; alone it is only a candidate, kept when a date or `By` stands next to it.
    return {
      ...fields,
      names: read.names,
      byline: read.names !== null && (dates.length > 0 || read.role || fields.relative),
      organisation: read.organisation,
      role: read.names === null && read.role && !isListItem(line),
    }
  }
  if (dates.length === 0) return { ...fields, published: null, updated: null }
  if (!textBylines) return { ...fields, names: null }
  // A date line's fields beside the date (`Arne Sjöström | 29. Dezember 2022 | HR-Welt`): the one field that names persons is a bare name list, read as one below.
  // A field in lower case (`von Creeny`, after a date) is a phrase's rest, not a name list.
  const named = parts.filter((p) => /^\p{Lu}/u.test(p) && !isPictureCredit(p)).map((p) => namesOf(p, 2).names)
  const persons = named.filter((n) => n !== null)
  return { ...fields, names: persons.length === 1 ? (persons[0] ?? null) : null }
}

/** Whether a text is a relative time and nothing more, after a label that is no name (`Erstellt: vor 4 Stunden`, `2 hours ago`). */
function isRelative(text: string): boolean {
  const label = relativeTimeLabel(text)
  return label !== null && (label === '' || namesOf(label, 2).names === null)
}

/** Whether a line carries a header field (a date, a byline, a `By` label). */
function isHeaderField(fields: LineFields | null): boolean {
  return (
    fields !== null &&
    (fields.published !== null || fields.updated !== null || fields.byline || fields.byLabel || fields.relative)
  )
}

function cleanTitle(line: string): string {
  return line
    .replace(/^#{1,6}\s+|\s+#+$/g, '')
    .replace(/^([*_]{1,2})(.+)\1$/, '$2')
    .trim()
}

const words = (line: string) =>
  cleanTitle(line)
    .split(/\s+/)
    .filter((w) => w !== '').length
const isHeading = (line: string) => /^\s{0,3}#{1,6}\s+\S/.test(line)
const isListItem = (line: string) => LIST_ITEM.test(line)

/**
 * The title line. A saved page's text holds many headings (the site's name, its menus' and sidebars' titles), so
 * the headline is the heading the article's fields or its prose stand next to: the first level-one heading with
 * a header field near it or prose under it; else a later heading that reads as a headline, with a header field
 * near it (and prose under it, below level one), or a level-one heading with prose under it; else the first
 * level-one heading; else the first heading with a header field near it; else the first line that is not
 * furniture or a list item (the title of a plain-text article). A title found too late would take the article
 * above it for the page's top, so a later heading needs more signals than the first.
 */
function findTitle(
  lines: readonly string[],
  nonBlank: number[],
  furniture: (i: number) => boolean,
  headingOnly: boolean,
): number | undefined {
  // A heading without a letter (an image's or a logo's, emptied of its link) names nothing.
  const headings = [...nonBlank.entries()].filter(([, i]) => isHeading(lines[i] ?? '') && /\p{L}/u.test(lines[i] ?? ''))
  const h1s = headings.filter(([, i]) => /^#\s/.test(lines[i] ?? ''))
  if (headingOnly) return h1s[0]?.[1]
  // Each line near a heading is read once, however many headings it stands near.
  const fieldAt = new Map<number, boolean>()
  const isField = (i: number) => {
    let known = fieldAt.get(i)
    if (known === undefined) {
      known = isHeaderField(readLine(lines[i] ?? ''))
      fieldAt.set(i, known)
    }
    return known
  }
  // Share buttons and credits between a headline and its fields or prose do not part them, nor a heading's wrapped rest from its prose.
  const around = (k: number, step: 1 | -1, n: number, text = false) => {
    const out: number[] = []
    for (
      let j = k + step;
      out.length < n && j >= 0 && j < nonBlank.length && Math.abs(j - k) <= n + FURNITURE_MARGIN;
      j += step
    ) {
      const i = nonBlank[j] as number
      const skip = furniture(i) || (isFurnitureLine(lines[i] ?? '') && !isField(i)) || (text && wrapsHeading(lines, i))
      if (!skip) out.push(i)
    }
    return out
  }
  const fieldNear = ([k]: [number, number], after = FIELD_AFTER) =>
    [...around(k, -1, 2), ...around(k, 1, after)].some(isField)
  const proseUnder = ([k]: [number, number]) =>
    proseWords(lines, around(k, 1, PROSE_UNDER.lines, true)) >= PROSE_UNDER.words
  const [first] = h1s
  // A page without a level-one heading: its headline is the first heading its fields stand near.
  if (first === undefined)
    return headings.find((h) => fieldNear(h))?.[1] ?? nonBlank.find((i) => !furniture(i) && !isListItem(lines[i] ?? ''))
  // The first level-one heading is the headline when anything of an article stands by it (its fields reach further below it than a sidebar's).
  if (fieldNear(first, FIRST_FIELD_AFTER) || proseUnder(first)) return first[1]
  // A later heading is the headline only when it reads as one (a few words, not a label or a button) and an article stands by it.
  const titleLike = ([, i]: [number, number]) =>
    words(lines[i] ?? '') >= TITLE_WORDS &&
    !/:\s*$/.test(cleanTitle(lines[i] ?? '')) &&
    !isFurnitureLine(lines[i] ?? '')
  // Nor when the article's prose already stands between the first level-one heading and it (a teaser's, a comment's heading).
  const prose = longParagraphsBefore(lines, nonBlank)
  const later = headings.filter(
    (h) => h !== first && titleLike(h) && (h[0] < first[0] || prose[h[0]] === prose[first[0]]),
  )
  const found =
    later.find((h) => fieldNear(h) && (h1s.includes(h) || proseUnder(h))) ??
    later.find((h) => h1s.includes(h) && proseUnder(h))
  if (found === undefined) return first[1]
  // A headline a page shows twice (over a teaser, then over the article) is taken where it first stands.
  const text = cleanTitle(lines[found[1]] ?? '')
  return (headings.find(([, i]) => cleanTitle(lines[i] ?? '') === text) ?? found)[1]
}

/** How many lines below a heading (furniture aside) a header field may stand: for a later heading, and for the first level-one heading. */
const FIELD_AFTER = 3
const FIRST_FIELD_AFTER = 6

/** The fewest words of a headline found below the first level-one heading. */
const TITLE_WORDS = 2

/** Under a headline, its first few lines hold this many words of text (not headings, not list items): a menu's lines are a word or two each. */
const PROSE_UNDER = { lines: 8, words: 40 } as const

/** The words of the lines that are neither headings nor list items. */
function proseWords(lines: readonly string[], under: readonly number[]): number {
  return under.reduce(
    (n, i) => (isHeading(lines[i] ?? '') || isListItem(lines[i] ?? '') ? n : n + words(lines[i] ?? '')),
    0,
  )
}

/**
 * For each non-blank line, how many paragraphs of prose end before it (a paragraph: lines with no blank between
 * them, not headings or list items, of `PROSE_UNDER.words` words or more).
 */
function longParagraphsBefore(lines: readonly string[], nonBlank: readonly number[]): Uint32Array {
  const out = new Uint32Array(nonBlank.length)
  let count = 0
  let paragraph = 0
  for (const [k, i] of nonBlank.entries()) {
    const line = lines[i] ?? ''
    const text = !isHeading(line) && !isListItem(line)
    const continues = text && paragraph > 0 && i === (nonBlank[k - 1] ?? -2) + 1
    if (!continues && paragraph >= PROSE_UNDER.words) count += 1
    out[k] = count
    paragraph = text ? (continues ? paragraph : 0) + words(line) : 0
  }
  return out
}

/** Whether a line is the wrapped rest of a heading: it follows a heading with no blank line between. */
function wrapsHeading(lines: readonly string[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - WRAPPED_HEADING_LINES; j -= 1) {
    const line = lines[j] ?? ''
    if (line.trim() === '' || isListItem(line)) return false
    if (isHeading(line)) return true
  }
  return false
}

/** How many lines a wrapped heading runs to at most. */
const WRAPPED_HEADING_LINES = 4

/** Whether the line after a title continues it: the title was wrapped because the next word did not fit. */
function continuesTitle(title: string, next: string, width: number): boolean {
  if (next.trim() === '' || isListItem(next) || isHeading(next) || !isHeading(title)) return false
  // A wrapped line ends within a few words of the width; a heading well short of it was not wrapped.
  return (
    title.length >= width * WRAPPED_TITLE.share &&
    next.trim().split(/\s+/).length <= WRAPPED_TITLE.nextWords &&
    !endsWithStop(title.trim())
  )
}

/** A header that says nothing (yet): no field read, no line taken. */
export function emptyHeader(): ParsedHeader {
  return {
    title: null,
    kicker: null,
    authors: [],
    published: null,
    organisation: null,
    dateProblem: null,
    fromUpdate: false,
    labelled: null,
    bylineProblem: null,
    labelledBy: null,
    lines: [],
  }
}

/**
 * Reads the header of an article wherever it stands: the title (see `findTitle`), a kicker above it, and
 * around it, up to the body, the byline, the date and the deck lines between the title and the last of
 * them. Menus and share buttons among them are left to the furniture classifier. With `headingOnly` (a
 * saved page's text, whose title the markup gives) only a `#` heading is a title, never a first line.
 */
export function parseHeader(
  lines: readonly string[],
  width = DEFAULT_WIDTH,
  headingOnly = false,
  dateContext: DateContext = {},
): ParsedHeader {
  const header = emptyHeader()
  // A saved page's markup finds its bylines by their elements; in plain text a line that is a byline by its words alone is one.
  const read = (line: string) => readLine(line, !headingOnly, dateContext)
  // Furniture (a credit, a rule, a share prompt) is never the title, unless a byline form or a date reads it (a byline by its words alone does not: `Produced by Volunteer Proofreaders`); it is removed by the line rules later.
  const furniture = (i: number) =>
    lineRules.some((rule) => rule.pattern.test(lines[i] ?? '')) && !isHeaderField(readLine(lines[i] ?? '', false))
  const all = lines.flatMap((line, index) => (line.trim() === '' ? [] : [index]))
  let titleIndex = findTitle(lines, all, furniture, headingOnly)
  if (titleIndex === undefined) return header
  // Only the lines around the title are read closely: the header search costs the same on a long document as on a short one.
  const k = all.indexOf(titleIndex)
  const nonBlank = all
    .slice(Math.max(0, k - HEADER_BEFORE - FURNITURE_MARGIN), k + HEADER_AFTER + FURNITURE_MARGIN)
    .filter((i) => i === titleIndex || !furniture(i))
  let at = nonBlank.indexOf(titleIndex)
  const zone = headerZone(lines, nonBlank, at)
  const fields = new Map(zone.map((i) => [i, read(lines[i] ?? '')]))
  const hasField = zone.some((i) => isHeaderField(fields.get(i) ?? null))
  // A kicker (WAR IN UKRAINE) is a short line above the headline, in plain text when a header field follows.
  const above = nonBlank[at - 1]
  const [second] = [nonBlank[at + 1]]
  if (
    !isHeading(lines[titleIndex] ?? '') &&
    at === 0 &&
    second !== undefined &&
    hasField &&
    words(lines[titleIndex] ?? '') <= 5 &&
    isKickerOver(lines[titleIndex] ?? '', lines[second] ?? '') &&
    !isHeaderField(fields.get(second) ?? null)
  ) {
    header.kicker = cleanTitle(lines[titleIndex] ?? '')
    header.lines.push({ index: titleIndex, rule: 'header-kicker', after: header.kicker })
    titleIndex = second
    at += 1
  } else if (
    above !== undefined &&
    isHeading(lines[titleIndex] ?? '') &&
    titleIndex - above <= 2 &&
    isSectionLabel(lines[above] ?? '') &&
    !isHeaderField(fields.get(above) ?? read(lines[above] ?? ''))
  ) {
    header.kicker = cleanTitle(lines[above] ?? '')
    header.lines.push({ index: above, rule: 'header-kicker', after: header.kicker })
  }
  let title = cleanTitle(lines[titleIndex] ?? '')
  const titleLines = [titleIndex]
  const next = lines[titleIndex + 1] ?? ''
  if (continuesTitle(lines[titleIndex] ?? '', next, width)) {
    title = `${title} ${next.trim()}`
    titleLines.push(titleIndex + 1)
  }
  header.title = title
  for (const index of titleLines) header.lines.push({ index, rule: 'header-title', after: title })
  readFields(
    lines,
    zone.filter((i) => !titleLines.includes(i) && i !== header.lines[0]?.index),
    fields,
    header,
    titleIndex,
  )
  // A text whose header shows no date may label it elsewhere (`Veröffentlicht am 16.08.2019` under the article), as a saved page's markup does.
  if (!headingOnly && header.published === null) labelledDate(lines, titleIndex, header, dateContext)
  // Likewise an author's label away from the header (`Autor: Peter Maahn` in a details box under the lead).
  if (!headingOnly && header.authors.length === 0 && header.organisation === null)
    labelledAuthor(lines, titleIndex, header)
  // Nor a label: a date standing alone as a paragraph below the lead (after a picture's caption or a teaser) is the article's.
  if (!headingOnly && header.published === null) loneDate(lines, titleIndex, header, dateContext)
  header.lines.sort((a, b) => a.index - b.index)
  return header
}

/** How far into its paragraph an update's label may stand (after a bullet or a word of emphasis). */
const UPDATE_LABEL_AT = 4

/**
 * Reads the publication date a label names in a short paragraph anywhere in the text (`Publié le 02/11/23`,
 * `Der Beitrag wurde am 27. November 2019 veröffentlicht`): the nearest after the title, else the nearest before
 * it; an update's date only when no paragraph labels a publication. The paragraph stays in the text (it may
 * be the body's); the warning names it.
 */
function labelledDate(
  lines: readonly string[],
  titleIndex: number,
  header: ParsedHeader,
  dateContext: DateContext,
): void {
  let best: { distance: number; modified: boolean; iso: string; line: number; text: string } | undefined
  // Paragraphs are runs of non-blank lines; one longer than a labelled date's text (the markup's limit) is not read.
  let start = 0
  let chars = 0
  for (let i = 0; i <= lines.length; i += 1) {
    const line = lines[i] ?? ''
    if (i < lines.length && line.trim() !== '') {
      chars += line.length + 1
      continue
    }
    const [from, length] = [start, chars]
    ;[start, chars] = [i + 1, 0]
    if (i === from || length > MAX_LABELLED_TEXT) continue
    const text = lines
      .slice(from, i)
      .map((l) => plain(l))
      .join(' ')
    if (!DIGIT.test(text) || text.search(pageDateLabel) === -1) continue
    // An update's label opens its line (`Zuletzt aktualisiert am`); inside a sentence it is a teaser's or a notice's verb.
    const opens = text.search(pageDateLabel) <= UPDATE_LABEL_AT
    // After the title counts before anything above it; a publication before an update.
    const distance = from > titleIndex ? from - titleIndex : lines.length + titleIndex - from
    for (const found of labelledDates(text, dateContext)) {
      if (found.modified && !opens) continue
      const better =
        best === undefined ||
        (best.modified && !found.modified) ||
        (best.modified === found.modified && distance < best.distance)
      if (better) best = { distance, modified: found.modified, iso: found.iso, line: from + 1, text }
    }
  }
  if (best === undefined) return
  header.published = best.iso
  header.fromUpdate = best.modified
  header.labelled = { line: best.line, text: best.text }
}

/** An author's noun as a field's label (`Autor: X`, `Auteur :`), or alone on its line. */
const AUTHOR_FIELD = new RegExp(`^(?:${AUTHOR_NOUN})(?:\\s*:\\s*|\\s*$)`, 'iu')

/**
 * Reads the names an author's label gives away from the header, when the header names no one: a line of a
 * labelled date's length that opens with the label (`Autor: Peter Maahn`), or the label alone over the names'
 * line. After the title first (nearest), then above it. The line stays in the text; the warning names it.
 */
function labelledAuthor(lines: readonly string[], titleIndex: number, header: ParsedHeader): void {
  let best: { distance: number; names: string[]; line: number; text: string } | undefined
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? ''
    // Every author's noun opens with `au` or `ve`: other lines are not made plain (a long text's many lines).
    if (line.length > MAX_LABELLED_TEXT || !/^\W*(?:au|ve)/iu.test(line)) continue
    const text = plain(line)
    const label = AUTHOR_FIELD.exec(text)
    if (label === null) continue
    let rest = text.slice(label[0].length).trim()
    // The label alone: the names stand on the next line of text.
    for (let j = i + 1; rest === '' && j < lines.length && j <= i + 2; j += 1) rest = plain(lines[j] ?? '')
    const names = rest.length > MAX_LABELLED_TEXT ? [] : bylineNames(rest, 2).names
    if (names.length === 0) continue
    const distance = i > titleIndex ? i - titleIndex : lines.length + titleIndex - i
    if (best === undefined || distance < best.distance) best = { distance, names, line: i + 1, text }
  }
  if (best === undefined) return
  header.authors = best.names
  header.labelledBy = { line: best.line, text: best.text }
}

/** How many paragraphs of prose after the title a lone date may stand below: the lead, then the body's first. */
const LONE_DATE_PROSE = 2

/**
 * Reads a date that stands alone as a paragraph under the title, past the header's zone (a picture's caption
 * or a lead between): the first before the second paragraph of prose. A time or a weekday may stand beside it,
 * nothing else. The line stays in the text; the warning names it.
 */
function loneDate(lines: readonly string[], titleIndex: number, header: ParsedHeader, dateContext: DateContext): void {
  let prose = 0
  let count = 0
  let read = 0
  for (let i = titleIndex + 1; i < lines.length && prose < LONE_DATE_PROSE && read < LONE_DATE_REACH; i += 1) {
    const line = lines[i] ?? ''
    if (line.trim() === '') continue
    read += 1
    const alone = (lines[i - 1] ?? '').trim() === '' && (lines[i + 1] ?? '').trim() === ''
    const text = plain(line)
    if (alone && DIGIT.test(text) && text.length <= LONE_DATE_CHARS) {
      const dates = findDates(text, dateContext)
      const date = dates.length === 1 ? dates[0] : undefined
      const rest =
        date === undefined ? text : `${text.slice(0, date.start)} ${text.slice(date.end)}`.replace(headerTime, ' ')
      if (date !== undefined && date.iso !== null && !/[\p{L}\p{N}]/u.test(rest)) {
        header.published = date.iso
        header.labelled = { line: i + 1, text, alone: true }
        return
      }
    }
    // A paragraph of prose ends a sentence after this many words, counted over its lines.
    count = (lines[i - 1] ?? '').trim() === '' ? words(text) : count + words(text)
    if ((lines[i + 1] ?? '').trim() === '' && count >= PROSE_PARAGRAPH_WORDS && endsWithStop(line.trim())) prose += 1
  }
}

/** The longest line a lone date is read from (a date, a time, a weekday), and how many lines under the title it may stand. */
const LONE_DATE_CHARS = 60
const LONE_DATE_REACH = 40

/** Whether a short first line is a kicker over the next: shorter, or in capitals over a line that is not. */
function isKickerOver(line: string, next: string): boolean {
  const caps = (s: string) => /\p{L}/u.test(s) && s === s.toUpperCase()
  return words(next) > words(line) || (caps(cleanTitle(line)) && !caps(cleanTitle(next)))
}

/** A section label above a heading: a few words, no sentence end, not a list item or a furniture prompt. */
function isSectionLabel(line: string): boolean {
  return !isListItem(line) && words(line) <= 4 && !/[.!?:]$/.test(line.trim()) && !isFurnitureLine(line)
}

/**
 * The non-blank lines the header may hold: a few above the title, and after it up to the first long block of
 * prose, or up to the second of two paragraphs of prose in a row (a deck is one; a date or a byline after two
 * is a teaser's or a footer's, with the article between).
 */
function headerZone(lines: readonly string[], nonBlank: number[], at: number): number[] {
  const zone = nonBlank.slice(Math.max(0, at - HEADER_BEFORE), at + 1)
  let blockWords = 0
  // Where the block being read began, and where the last paragraph of prose ended (indices into the lines after the title).
  let blockStart = 0
  let proseEnd = -2
  for (const [k, i] of nonBlank.slice(at + 1, at + 1 + HEADER_AFTER).entries()) {
    const prev = nonBlank[at + k] ?? -1
    const line = lines[i] ?? ''
    const continues = i === prev + 1 && !isListItem(line)
    blockWords = continues ? blockWords + words(line) : words(line)
    if (!continues) blockStart = k
    if (blockWords >= BODY_WORDS) break
    const next = nonBlank[at + k + 2]
    // A paragraph ends where the next line does not follow it; it is prose when it ends a sentence.
    const ends = next !== i + 1 || isListItem(lines[next] ?? '')
    if (ends && !isHeading(line) && blockWords >= PROSE_PARAGRAPH_WORDS && endsWithStop(line.trim())) {
      if (blockStart === proseEnd + 1) break
      proseEnd = k
    }
    zone.push(i)
  }
  return zone
}

/** A paragraph of this many words that ends a sentence is prose: a deck, or the body's. */
const PROSE_PARAGRAPH_WORDS = 20

/** A line that is only an e-mail address or a social handle, a byline's contact. */
const CONTACT_LINE = /^\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@?(?=[\d._]*\p{Ll})[\p{Ll}\d._]{4,30})\s*$/u

/** How many short lines, of how many words at most, may stand between a byline and the next header field below the title. */
const FIELD_GAP = { lines: 4, words: 5 } as const

/**
 * Reads the byline, date and bare names in the zone and consumes the lines that gave them, and the deck
 * lines between the title and the last field below it (lines the furniture classifier would not remove).
 */
function readFields(
  lines: readonly string[],
  zone: number[],
  fields: Map<number, LineFields | null>,
  header: ParsedHeader,
  titleIndex: number,
): void {
  let updated: string | null = null
  let lastField = -1
  const field = (i: number | undefined) => fields.get(i ?? -1) ?? null
  const dated = (f: LineFields | null) => f !== null && (f.published !== null || f.updated !== null || f.relative)
  const hasByline = zone.some((i) => field(i)?.byline === true && field(i)?.names !== null)
  const read: number[] = []
  let below = false
  let gap = 0
  let afterByline = false
  // A line of punctuation alone (`—`, `,`) stands between fields without parting them.
  // A line of an e-mail address or a handle alone (`edilsonlarosa`, under the name it spells) stands between fields too.
  const texts = zone.filter((i) => /[\p{L}\p{N}]/u.test(lines[i] ?? '') && !CONTACT_LINE.test(lines[i] ?? ''))
  const textAt = new Map(texts.map((i, k) => [i, k]))
  for (const i of zone) {
    const f = field(i)
    const at = textAt.get(i)
    const [before, after] = at === undefined ? [null, null] : [field(texts[at - 1]), field(texts[at + 1])]
    // A bare name list counts only below the title, on a line of its own, beside a date (on its line or the next), under a `By` label or over its role (not a menu's item over another), and when no byline names anyone: body text can look like a name.
    const bareNames =
      f !== null &&
      !f.byline &&
      f.names !== null &&
      i > titleIndex &&
      // A name line is a block of its own (a paragraph, a list item): the last words of a wrapped deck are not one.
      (plain(lines[i - 1] ?? '') === '' || isHeading(lines[i - 1] ?? '') || isListItem(lines[i] ?? '')) &&
      !hasByline &&
      (dated(f) ||
        dated(before) ||
        dated(after) ||
        before?.byLabel === true ||
        (after?.role === true && !isListItem(lines[i] ?? '')))
    if (isHeaderField(f) || bareNames) {
      read.push(i)
      below ||= i > titleIndex
      gap = 0
      afterByline = f?.byline === true || f?.byLabel === true || bareNames
    } else if (below && plain(lines[i] ?? '') !== '' && !isFurnitureLine(lines[i] ?? '')) {
      // Below the title the header's fields stand together: a line of text after them (a subheading, a list of items, a
      // sentence) ends the header; a few short lines after a byline (its role, `and`, a newsroom's name) do not.
      const text = plain(lines[i] ?? '')
      gap += 1
      if (!afterByline || gap > FIELD_GAP.lines || isHeading(lines[i] ?? '') || isListItem(lines[i] ?? '')) break
      if (text.split(' ').length > FIELD_GAP.words || endsWithStop(text)) break
    }
  }
  // The date under the headline is its own; one above it (a teaser's in a list over the article, a kicker's) only when none stands under it, the nearest first.
  for (const i of [...read.filter((j) => j > titleIndex), ...read.filter((j) => j < titleIndex).reverse()]) {
    const f = fields.get(i) as LineFields
    if (header.published === null && f.published !== null) {
      if (f.published.iso !== null) header.published = f.published.iso
      else header.dateProblem ??= { line: i + 1, text: f.published.text, problem: f.published.problem ?? 'unreadable' }
    }
  }
  // The names under the headline are its byline, one above it only when none stands under it (nearest first), and a byline's
  // names before a bare name list's (`Aus der Region | DATE` over `von Anna Muster`).
  const order = [...read.filter((j) => j > titleIndex), ...read.filter((j) => j < titleIndex).reverse()]
  const named = (i: number) => (fields.get(i) as LineFields).names
  const byline =
    order.find((i) => named(i) !== null && (fields.get(i) as LineFields).byline) ?? order.find((i) => named(i) !== null)
  if (byline !== undefined) header.authors = named(byline) ?? []
  for (const i of read) {
    const f = fields.get(i) as LineFields
    header.organisation ??= f.names === null ? f.organisation : null
    if (f.unreadBy && header.bylineProblem === null)
      header.bylineProblem = { line: i + 1, text: lines[i]?.trim() ?? '' }
    updated ??= f.updated?.iso ?? null
    const after = [f.names?.join(', ') ?? '', f.published?.iso ?? f.updated?.iso ?? '']
      .filter((v) => v !== '')
      .join(' | ')
    header.lines.push({
      index: i,
      rule: f.names !== null || f.byline || f.byLabel ? 'header-byline' : 'header-date',
      after: after === '' ? (lines[i] ?? '').trim() : after,
    })
    if (i > titleIndex) lastField = Math.max(lastField, i)
  }
  // A page that shows only when it was updated was published no later: the update date is the best the header gives.
  if (header.published === null && updated !== null) [header.published, header.fromUpdate] = [updated, true]
  for (const i of zone) {
    if (i <= titleIndex || i >= lastField || read.includes(i) || isFurnitureLine(lines[i] ?? '')) continue
    header.lines.push({ index: i, rule: 'header-deck', after: cleanTitle(lines[i] ?? '') })
  }
}
