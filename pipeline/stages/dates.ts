import type { Root } from 'hast'
import { ABOVE_TITLE, attr, fromTitle, shortText, walkBody } from './regions.ts'
import { dateFormats, pageDateLabel, pageUpdateLabel } from '../rules/header.ts'

// Dates as articles and pages write them, in their own language: the formats are rules (rules/header.ts),
// month and weekday names come from Intl.DateTimeFormat for every language it knows, and a saved page's
// candidates (JSON-LD, meta tags, <time>, date-like elements, the URL, the text by the title) are ranked
// the way htmldate ranks them, publication before modification.

/** A date read from text: the ISO date, or null and why. */
export interface DateReading {
  iso: string | null
  problem?: 'ambiguous' | 'impossible'
}

/** A date found inside a text: where it stands and what it reads as. */
export interface FoundDate extends DateReading {
  start: number
  end: number
  text: string
}

/** How to read `08/04/2024`: day first, month first, or neither said (then only an unambiguous one is read). */
export type NumericOrder = 'dmy' | 'mdy' | null

/** What reading a date may know: the page's language (for its month names) and the order its numeric dates use. */
export interface DateContext {
  lang?: string | null
  order?: NumericOrder
}

/** The earliest year a publication date can have: earlier ones (0001-01-01) are placeholders of an empty field. */
export const EARLIEST_YEAR = 1800

/** Languages whose month names are known, by the locales Intl.DateTimeFormat has for them (ICU's, in Node's full build). */
const LOCALES =
  'en de fr es it pt nl pl sv da nb nn fi cs sk sl hr sr bs ru uk be bg mk tr hu ro el lt lv et ca eu gl id ms vi tl sq is ga cy af sw he ar fa hi'.split(
    ' ',
  )

/** Month names by language (lower case, final dot dropped, also without accents), and those that mean one month in every language. */
interface MonthTables {
  byLang: Map<string, Map<string, number>>
  unique: Map<string, number>
  weekdays: Set<string>
}

let tables: MonthTables | undefined

// The forms of a month's name: standalone long and short, and the form used beside a day (the genitive of Slavic languages, `lipca`).
const MONTH_FORMS: Intl.DateTimeFormatOptions[] = [
  { month: 'long' },
  { month: 'short' },
  { day: 'numeric', month: 'long' },
  { day: 'numeric', month: 'short' },
]

/**
 * Each month's forms in one language. One formatter per form serves all twelve months: each formatter holds
 * ICU's calendar and patterns outside the JavaScript heap, and one per month and form (2,200 in all) kept
 * 84 MB of memory in every thread after they were collected.
 */
const monthForms = (locale: string): string[][] => {
  const formats = MONTH_FORMS.map((options) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }))
  return Array.from({ length: 12 }, (_, month) => {
    const date = new Date(Date.UTC(2021, month, 5, 12))
    return formats.map((format) => format.formatToParts(date).find((p) => p.type === 'month')?.value ?? '')
  })
}

/** A name as it is looked up: lower case, a final dot dropped; with its accents removed as a second key. */
const keysOf = (name: string): string[] => {
  const key = name.toLowerCase().replace(/\.$/, '').trim()
  const bare = key.normalize('NFKD').replace(/\p{M}/gu, '')
  return [...new Set([key, bare])].filter((k) => k.length >= 3 && /^\p{L}+$/u.test(k))
}

function monthTables(): MonthTables {
  if (tables !== undefined) return tables
  const byLang = new Map<string, Map<string, number>>()
  const meanings = new Map<string, Set<number>>()
  const weekdays = new Set<string>()
  for (const locale of LOCALES) {
    const names = new Map<string, number>()
    for (const [m, forms] of monthForms(locale).entries()) {
      for (const form of forms) {
        for (const key of keysOf(form)) {
          names.set(key, m + 1)
          meanings.set(key, (meanings.get(key) ?? new Set()).add(m + 1))
        }
      }
    }
    // September's other abbreviation in English, which Intl does not give.
    if (locale === 'en') names.set('sept', 9)
    byLang.set(locale, names)
    const weekdayFormats = (['long', 'short'] as const).map(
      (weekday) => new Intl.DateTimeFormat(locale, { weekday, timeZone: 'UTC' }),
    )
    for (let d = 0; d < 7; d += 1) {
      const date = new Date(Date.UTC(2021, 0, 3 + d, 12))
      for (const format of weekdayFormats) {
        const name = format.format(date).toLowerCase().replace(/\.$/, '')
        // Two-letter forms too (Mo, Di, Do): a weekday beside a date is never part of a name.
        if (/^\p{L}{2,}$/u.test(name)) weekdays.add(name)
        for (const key of keysOf(name)) weekdays.add(key)
      }
    }
  }
  const unique = new Map<string, number>()
  for (const [key, months] of meanings) if (months.size === 1) unique.set(key, [...months][0] as number)
  tables = { byLang, unique, weekdays }
  return tables
}

/** A month's number from its name in the page's language, else in English, else in the one language-independent reading it has; undefined otherwise. */
export function monthNumber(name: string, lang?: string | null): number | undefined {
  const { byLang, unique } = monthTables()
  for (const key of keysOf(name)) {
    const found = (lang ? byLang.get(lang)?.get(key) : undefined) ?? byLang.get('en')?.get(key) ?? unique.get(key)
    if (found !== undefined) return found
  }
  return undefined
}

/** Whether a word is a weekday's name in some language (`Sonntag`, `jeudi`, `Tue`, `Do.`). */
export function isWeekday(word: string): boolean {
  return monthTables().weekdays.has(word.toLowerCase().replace(/[.,]+$/, ''))
}

/** A relative time's forms as Intl.RelativeTimeFormat writes them in the languages above, indexed by their last word: one pattern each. */
let relativeForms: Map<string, RegExp[]> | undefined

/** The units and values a page's `2 hours ago` is written with; a number becomes a slot for digits or a number's word (`vor einer Stunde`, `an hour ago`). */
const RELATIVE_UNITS: Intl.RelativeTimeFormatUnit[] = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year']

function relativeTimeForms(): Map<string, RegExp[]> {
  if (relativeForms !== undefined) return relativeForms
  const sources = new Map<string, Set<string>>()
  for (const locale of LOCALES)
    for (const style of ['long', 'short'] as const)
      for (const numeric of ['always', 'auto'] as const) {
        const format = new Intl.RelativeTimeFormat(locale, { style, numeric })
        for (const unit of RELATIVE_UNITS)
          for (const value of [-1, -2, -5]) {
            const text = format.format(value, unit).toLowerCase().replace(/\s+/g, ' ').trim()
            const words = text.split(' ')
            const last = words.at(-1)?.replace(/\.$/, '') ?? ''
            if (last === '') continue
            // An abbreviation's dot is often left out (`5 min ago`).
            const source = words
              .map((w) =>
                /\d/.test(w) ? '(?:\\d+|\\p{L}{1,7})' : w.replace(/[*+?^${}()|[\]\\]/g, '\\$&').replace(/\./g, '\\.?'),
              )
              .join('\\s+')
            sources.set(last, (sources.get(last) ?? new Set()).add(source))
          }
      }
  relativeForms = new Map(
    [...sources].map(([last, set]) => [last, [...set].map((src) => new RegExp(`(?:^|\\s)${src}$`, 'iu'))]),
  )
  return relativeForms
}

/**
 * The label before a short text's relative time when the text is a relative time and nothing more, after a
 * label of at most two words (`vor 4 Stunden`, `Erstellt: vor 4 Stunden`, `• Publiziert vor einer Stunde`,
 * `2 hours ago`, `il y a 3 jours`, `gestern`): a header's date field that gives no date (`''` without a label);
 * null for any other text. Its forms come from Intl.RelativeTimeFormat in every language above.
 */
export function relativeTimeLabel(text: string): string | null {
  const plain = text
    .replace(/\s+/g, ' ')
    .replace(/[.,;:]+$/, '')
    .trim()
  const words = plain.split(' ')
  const last = words.at(-1)?.toLowerCase() ?? ''
  if (words.length > 7 || last === '') return null
  for (const form of relativeTimeForms().get(last) ?? []) {
    const m = form.exec(plain)
    if (m === null) continue
    const label = plain
      .slice(0, m.index)
      .replace(/[:\-–—|•·]/g, ' ')
      .trim()
    if (label === '' || label.split(/\s+/).length <= 2) return label
  }
  return null
}

/** A two-digit year in the century it most likely belongs to (`19` is 2019, `98` is 1998). */
const fullYear = (year: string) => (year.length === 2 ? (Number(year) < 70 ? 2000 : 1900) + Number(year) : Number(year))

/** Resolves one date format's groups to an ISO date; null when they are not a date (a word that is no month). */
function resolve(g: Record<string, string | undefined>, ctx: DateContext): DateReading | null {
  if (g.year === undefined) return null
  let month =
    g.month === undefined ? undefined : /^\d+$/.test(g.month) ? Number(g.month) : monthNumber(g.month, ctx.lang)
  let day = g.day === undefined ? undefined : Number(g.day)
  if (g.first !== undefined && g.second !== undefined) {
    const [a, b] = [Number(g.first), Number(g.second)]
    // 08/04/2024 is 8 April in Europe and 4 August in the United States: one part above 12 decides, else the page's order.
    if (a !== b && a <= 12 && b <= 12) {
      if (ctx.order === undefined || ctx.order === null) return { iso: null, problem: 'ambiguous' }
      ;[day, month] = ctx.order === 'dmy' ? [a, b] : [b, a]
    } else [day, month] = a > 12 ? [a, b] : [b, a]
  }
  if (month === undefined || day === undefined) return null
  const year = fullYear(g.year)
  const date = new Date(Date.UTC(year, month - 1, day))
  // Date.UTC rolls 31 April over to 1 May; a date that does not round-trip does not exist.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    year < EARLIEST_YEAR
  )
    return { iso: null, problem: 'impossible' }
  return { iso: date.toISOString().slice(0, 10) }
}

/** A digit: every date format holds one (tested against the rule table). */
export const DIGIT = /\d/

/** Every date inside a text, in order of place (formats may not overlap: the first format listed wins). */
export function findDates(text: string, ctx: DateContext = {}): FoundDate[] {
  const found: FoundDate[] = []
  // Every format holds a number (the year, or the day and month): a text without a digit has no date, and most of a page's texts have none.
  if (!DIGIT.test(text)) return found
  for (const format of dateFormats) {
    for (const m of text.matchAll(format.search)) {
      const start = m.index ?? 0
      const end = start + m[0].length
      if (found.some((f) => start < f.end && end > f.start)) continue
      const reading = resolve(m.groups ?? {}, ctx)
      if (reading !== null) found.push({ ...reading, start, end, text: m[0] })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/** Reads a text that is one date (a weekday, a label or a time around it allowed); an ambiguous or impossible date is null, with the reason. */
export function readDate(text: string, ctx: DateContext = {}): DateReading {
  const trimmed = text.trim().replace(/[*_]/g, '')
  for (const format of dateFormats) {
    const reading = resolve(format.pattern.exec(trimmed)?.groups ?? {}, ctx)
    if (reading !== null) return reading
  }
  return { iso: null }
}

/** Reads a date in one of the declared formats as an ISO date, or null (text has no page language: an ambiguous date stays unread). */
export function parseDate(text: string): string | null {
  return readDate(text).iso
}

/** A date as an ISO calendar date: an ISO timestamp's date as written (its local date), else the first date read in it; null otherwise. */
export function isoDate(text: string, ctx: DateContext = {}): string | null {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(text)
  if (iso !== null) {
    const [, y, m, d] = iso
    const date = new Date(`${y}-${m}-${d}T00:00:00Z`)
    return Number.isNaN(date.getTime()) ||
      date.toISOString().slice(0, 10) !== `${y}-${m}-${d}` ||
      Number(y) < EARLIEST_YEAR
      ? null
      : `${y}-${m}-${d}`
  }
  // A Unix time in seconds or milliseconds (a `data-timestamp`), between 1995 and 2100.
  if (/^\s*\d{10}(?:\d{3})?\s*$/.test(text)) {
    const n = Number(text.trim())
    const date = new Date(n > 1e11 ? n : n * 1000)
    return date.getUTCFullYear() >= 1995 && date.getUTCFullYear() < 2100 ? date.toISOString().slice(0, 10) : null
  }
  return findDates(text.slice(0, 200), ctx).find((d) => d.iso !== null)?.iso ?? null
}

/** The numeric order of a language: month first in American English (and a few others), day first elsewhere; null when the language does not say. */
export function orderOf(lang: string | null, region: string | null): NumericOrder {
  if (lang === null) return null
  if (lang === 'en')
    return region === null
      ? null
      : ['us', 'ph', 'fm', 'pw', 'mh', 'as', 'gu', 'pr', 'vi', 'um'].includes(region)
        ? 'mdy'
        : 'dmy'
  return 'dmy'
}

/** The order a page's own unambiguous numeric dates show (a part above 12 says which is the day); null when none tells. */
export function orderShown(texts: Iterable<string>): NumericOrder {
  let dmy = 0
  let mdy = 0
  for (const text of texts) {
    for (const m of text.matchAll(/(?<![\d/])(\d{1,2})\/(\d{1,2})\/(?:\d{4}|\d{2})(?![\d/])/g)) {
      const [a, b] = [Number(m[1]), Number(m[2])]
      if (a > 12 && b <= 12) dmy += 1
      else if (b > 12 && a <= 12) mdy += 1
    }
  }
  return dmy > mdy ? 'dmy' : mdy > dmy ? 'mdy' : null
}

/** A date the URL's path states (`/2019/11/18/`, `/2019-11-18-title`, `/29-10-2021`), or null. */
export function urlDate(url: string | null): string | null {
  if (url === null) return null
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return null
  }
  const m =
    /(?:^|[/_-])((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_.-]|$)/.exec(path) ??
    /(?:^|\/)((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)/.exec(path)
  if (m !== null) return resolve({ year: m[1], month: m[2], day: m[3] }, {})?.iso ?? null
  // A date with the year last (`/meldungen/29-10-2021`): read only where a part above 12 says which is the day.
  const last = /(?:^|[/_-])(\d{1,2})[-_.](\d{1,2})[-_.]((?:19|20)\d{2})(?:[/_.-]|$)/.exec(path)
  return last === null ? null : (resolve({ first: last[1], second: last[2], year: last[3] }, {})?.iso ?? null)
}

// --- A saved page's dates ---------------------------------------------------------------------------

/** Where a page's date was found, as `published_source` names it. */
export type PageDateSource = 'json-ld' | 'html-meta' | 'html-time' | 'url' | 'header'

/** A date a page states, where, how much it is trusted (lower first) and whether it says the page was modified. */
export interface PageDate {
  iso: string
  source: PageDateSource
  rank: number
  modified: boolean
  /** The element's place in document order, to prefer the one nearest the title. */
  at: number
  /**
   * Whose calendar the date is on: `utc` for a UTC timestamp (`...T01:49:09Z`), which may be a day off the
   * date the page's readers saw; `local` for a timestamp in the publisher's own zone or a CMS's date folders
   * in the URL (`/2023/11/08/`); absent when the value does not say.
   */
  zone?: 'utc' | 'local'
  /** A meta tag named only `date` (`date`, `dc.date`, `dcterms.date`): a CMS's record date as often as the publication's. */
  generic?: boolean
  /** The other reading of a numeric date whose day and month could swap (`11/01/2023`), read by the page's language. */
  swapped?: string
}

/** The zone a machine-readable timestamp is stated in: UTC (`Z`, `+00:00`), the publisher's (any other offset, or a time without one), or unknown (a date alone). */
export function timestampZone(text: string): PageDate['zone'] {
  const m = /[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i.exec(text.trim())
  if (m === null) return undefined
  return m[1] !== undefined && /^(?:z|[+-]00:?00)$/i.test(m[1]) ? 'utc' : 'local'
}

/** Whether a URL's date is a CMS's date folders (`/2023/11/08/`), written on the publisher's calendar, rather than a date within a slug (which may name the day of the events). */
export function urlDateIsFolders(url: string | null): boolean {
  if (url === null) return false
  try {
    return /\/(?:19|20)\d{2}\/\d{1,2}\/\d{1,2}\//.test(new URL(url).pathname)
  } catch {
    return false
  }
}

/** Ranks of the places a page states a date, the most trusted first (htmldate's order: structured data, then markup, then text). */
export const DATE_RANK = {
  jsonLd: 0,
  meta: 1,
  /** itemprop/property datePublished, <time pubdate>, a <time> or <abbr> whose class says published. */
  markedElement: 2,
  url: 3,
  /** A date a label names (`Veröffentlicht am 16.08.2019`, `Published on`) in a short element anywhere in the article's regions. */
  labelled: 4,
  /** A <time datetime> or a date-like element's text near the title. */
  nearTitle: 5,
  /** Text shortly after the title. */
  titleText: 6,
  /** The document's <title>. */
  documentTitle: 7,
  /** A publication key in a script's data (`"publishedDate":"2016-11-04T20:37:27Z"`), as htmldate searches the page's source. */
  scriptData: 8,
} as const

/** Meta names and properties (lower case) that give the publication date (htmldate's list, and the common variants). */
const META_PUBLISHED =
  /^(?:article[:.](?:published(?:_time)?|created|publicationdate)|og:(?:article:)?published_time|(?:\w+:)?article_published_time|bt:pubdate|citation_(?:publication_)?date|(?:dc|dcterms)[.:](?:date(?:\.(?:issued|created|publication))?|created|issued)|date|date_published|datecreated|dateposted|datepublished|originalpublicationdate|parsely-pub-date|pubdate|publishdate|publish[_-]date|published[_-]date|publication[_-]date|rnews:datepublished|sailthru\.date|(?:\w+-)?pubdate|og:pubdate|article_date_original|cxenseparse:recs:publishtime)$/
/** Meta names that say only `date`: the record's date in a CMS, which a date shown by the headline overrules. */
const GENERIC_META = /^(?:(?:dc|dcterms)[.:])?date$/
/** Meta names that give a modification date: used only when the page states no publication date. */
const META_MODIFIED =
  /^(?:article[:.]modified(?:_time)?|og:(?:article:)?modified_time|og:updated_time|datemodified|(?:dc|dcterms)[.:]modified|modified_time|updated_time|last-?modified|lastmod)$/
/** itemprop or RDFa property values of a publication date on any element. */
const PROP_PUBLISHED = /^(?:(?:schema|dc|dcterms|sioc):)?(?:datepublished|datecreated|date|created|issued)$/i
const PROP_MODIFIED = /^(?:(?:schema|dc|dcterms):)?(?:datemodified|modified)$/i
/** Class words of an element that holds a publication date (`entry-date`, `published`, `post-date`, `datum`, `fecha`...). */
const DATE_CLASS =
  /date|datum|fecha|data-pub|time|zeit|publi|posted|submitted|dateline|meta|byline|info|stand(?!ard)|erstellt|created|autor|author/i
const PUBLISHED_CLASS = /publish|entry-date|post-date|pubdate|created|dateline/i
const UPDATED_CLASS = /updated|modified|aktualisiert/i
/** A date-like element's text is short: a longer one is prose that only mentions a date. */
const MAX_DATE_TEXT = 120
/** How many text nodes after the title are read for a date. */
const TITLE_TEXT_NODES = 25
/** The longest element text read for a labelled date: a longer one is prose that may tell of another publication. */
export const MAX_LABELLED_TEXT = 160
/** The longest text of a date-like element (its class says date or meta) read for a labelled date. */
const MAX_LABELLED_META = 400
/** How far (in characters) a labelled date may stand from its label: after it (`Published on 3 March`), or before a verb that ends the clause (`am 19. Mai 2010 um 23:03 Uhr gepostet`). */
const LABEL_DISTANCE = 40

/** The dates labels name in a short text, each with whether its label says it is an update. */
export function labelledDates(
  text: string,
  ctx: DateContext,
  limit = MAX_LABELLED_TEXT,
): { iso: string; modified: boolean }[] {
  if (text.length > limit || !DIGIT.test(text)) return []
  const dates = findDates(text, ctx).filter((d) => d.iso !== null)
  if (dates.length === 0) return []
  const out: { iso: string; modified: boolean }[] = []
  for (const label of text.matchAll(pageDateLabel)) {
    const start = label.index ?? 0
    const end = start + label[0].length
    const date =
      dates.find((d) => d.start >= end && d.start - end <= LABEL_DISTANCE) ??
      dates.findLast((d) => d.end <= start && start - d.end <= LABEL_DISTANCE)
    if (date?.iso) out.push({ iso: date.iso, modified: pageUpdateLabel.test(label[0]) })
  }
  return out
}

/** Elements whose text is read for a labelled date. */
const LABELLED_TAGS = new Set([
  'p',
  'div',
  'span',
  'li',
  'small',
  'em',
  'strong',
  'b',
  'i',
  'footer',
  'header',
  'td',
  'dd',
  'time',
  'h5',
  'h6',
])
/** Of the texts after the headline (its own first), how many may be its date line. */
const DATE_LINE_TEXTS = 2
/** How many elements below the headline its date line stands (`<p class="meta"><em>…</em></p>`). */
const DATE_LINE_ELEMENTS = 4
/** The longest date line standing alone (`Mittwoch, 10. November 2021, 12:35 Uhr`). */
const DATE_LINE_CHARS = 40
/** How many text nodes just before the title are read for a date (the date line, then a print button, a picture's credit and a kicker may stand between). */
const TITLE_TEXT_BEFORE = 4

/**
 * Gathers the dates a page's body states: marked elements (itemprop, RDFa property, <time>, <abbr>), date-like
 * elements near the title, and the text just after the headline. Dates of other regions (comments, teasers,
 * sidebars) are left out. `ctx` reads month names in the page's language and numeric dates in its order.
 */
export function bodyDates(tree: Root, ctx: DateContext, title: string | null = null): PageDate[] {
  const out: PageDate[] = []
  const add = (text: string | null, source: PageDateSource, rank: number, modified: boolean, at: number) => {
    if (text === null) return
    const iso = isoDate(text, ctx)
    if (iso !== null) out.push({ iso, source, rank, modified, at })
  }
  // The last texts before the headline: a date line set above it (`<small>31.01.2022</small><h1>`) is the article's, when none stands after it.
  const before: { value: string; at: number }[] = []
  // The headline's place, once the walk has met it.
  let headlineAt = -1
  const titleAt = walkBody(tree, title, {
    before: (value, { at }) => {
      before.push({ value, at })
      if (before.length > TITLE_TEXT_BEFORE) before.shift()
    },
    // The text just after the title: a date standing there (`Stand: 12.11.2021`, `le 3 mars 2019`) is the article's.
    text: (value, place, afterTitle) => {
      if (afterTitle >= TITLE_TEXT_NODES || !DIGIT.test(value) || value.length > MAX_DATE_TEXT) return
      // A date standing alone as the first text under the headline (`<h1>…</h1><p><em>10.11.2021</em></p>`) is its date line, as near as a dated element.
      const dateLine =
        afterTitle <= DATE_LINE_TEXTS &&
        place.at - headlineAt <= DATE_LINE_ELEMENTS &&
        value.trim().length <= DATE_LINE_CHARS
      add(value, 'header', dateLine ? DATE_RANK.nearTitle : DATE_RANK.titleText, false, place.at)
    },
    // The text read after an earlier h1 (a site's name) was not the article's.
    title: (at) => {
      headlineAt = at
      for (let i = out.length - 1; i >= 0; i -= 1) if (out[i]?.rank === DATE_RANK.titleText) out.splice(i, 1)
      // After every text behind the headline, the nearest first.
      for (const [i, b] of [...before].reverse().entries())
        if (DIGIT.test(b.value) && b.value.length <= MAX_DATE_TEXT)
          add(b.value, 'header', DATE_RANK.titleText, false, ABOVE_TITLE + i)
    },
    element: (el, { at, cls }) => {
      const tag = el.tagName
      if (LABELLED_TAGS.has(tag)) {
        // A date-like element's line (`<p class="postmetadata">` with its categories) may run longer than prose's limit.
        const limit = DATE_CLASS.test(cls) ? MAX_LABELLED_META : MAX_LABELLED_TEXT
        for (const labelled of labelledDates(shortText(el, limit + 1), ctx, limit))
          out.push({ iso: labelled.iso, source: 'header', rank: DATE_RANK.labelled, modified: labelled.modified, at })
      }
      const props = (attr(el, 'itemProp') ?? attr(el, 'property') ?? '').split(/\s+/)
      const value = attr(el, 'dateTime') ?? attr(el, 'content') ?? attr(el, 'title')
      if (props.some((p) => PROP_PUBLISHED.test(p)))
        add(value ?? shortText(el, MAX_DATE_TEXT), 'html-time', DATE_RANK.markedElement, false, at)
      else if (props.some((p) => PROP_MODIFIED.test(p)))
        add(value ?? shortText(el, MAX_DATE_TEXT), 'html-time', DATE_RANK.markedElement, true, at)
      else if (tag === 'time' || tag === 'abbr') {
        const marked = el.properties.pubDate !== undefined || PUBLISHED_CLASS.test(cls)
        const text = attr(el, 'dateTime') ?? (tag === 'abbr' ? attr(el, 'title') : null) ?? shortText(el, MAX_DATE_TEXT)
        add(
          text,
          'html-time',
          marked ? DATE_RANK.markedElement : DATE_RANK.nearTitle,
          !marked && UPDATED_CLASS.test(cls),
          at,
        )
      } else if (tag !== 'body' && tag !== 'html' && DATE_CLASS.test(cls) && !/\b(?:modal|menu|nav)\b/i.test(cls)) {
        // Its text, else the date its attributes carry (`<span class="updated" title="2013-04-04T18:52">`).
        const shown = shortText(el, MAX_DATE_TEXT + 1)
        const text = DIGIT.test(shown) ? shown : value
        if (text !== null && text.length <= MAX_DATE_TEXT && DIGIT.test(text))
          add(text, 'html-time', DATE_RANK.nearTitle, UPDATED_CLASS.test(cls), at)
      }
    },
  })
  // Near the title means after it (a page's own date stands under its headline), else the nearest before it.
  return out.map((d) =>
    d.rank === DATE_RANK.nearTitle || d.rank === DATE_RANK.labelled ? { ...d, at: fromTitle(d.at, titleAt) } : d,
  )
}

/** The publication date of a page from its candidates: the most trusted publication date, else the most trusted modification date; null when none. */
export function choosePageDate(candidates: readonly PageDate[]): PageDate | null {
  const best = (modified: boolean) => foremost(candidates.filter((c) => c.modified === modified))
  const picked = corroborated(candidates) ?? best(false) ?? best(true)
  // A date whose day and month could swap takes the reading another date of the page shows (`11/01/2023` beside `01.11.2023`).
  const first =
    picked?.swapped !== undefined &&
    candidates.some((c) => c !== picked && c.iso === picked.swapped) &&
    !candidates.some((c) => c !== picked && c.iso === picked.iso)
      ? { ...picked, iso: picked.swapped }
      : picked
  // A meta tag that says only `date` gives way to a date the page shows under its headline (a dated element, the text there), unless one shown there agrees with it.
  const header =
    first?.generic === true
      ? candidates.filter((c) => !c.modified && SHOWN_RANKS.has(c.rank) && c.at <= HEADER_REACH)
      : []
  // A UTC timestamp a day off a shown date may be the same moment written in another zone: no disagreement to settle.
  const sameMoment = (c: PageDate) =>
    first?.zone === 'utc' &&
    Math.abs(Date.parse(`${c.iso}T00:00:00Z`) - Date.parse(`${first.iso}T00:00:00Z`)) === 86_400_000
  const shown = header.some((c) => c.iso === first?.iso || sameMoment(c)) ? null : foremost(header)
  const chosen = shown ?? first
  if (chosen === null || chosen.zone !== 'utc') return chosen
  // A UTC timestamp a day off a publication date the page states on its own calendar (a local timestamp, its URL's date folders) is the same moment: the local date is the one its readers saw.
  const day = Date.parse(`${chosen.iso}T00:00:00Z`)
  return (
    candidates.find(
      (c) => !c.modified && c.zone === 'local' && Math.abs(Date.parse(`${c.iso}T00:00:00Z`) - day) === 86_400_000,
    ) ?? chosen
  )
}

/** The candidate of the best rank, and of those the nearest the headline; null for none. */
function foremost(candidates: readonly PageDate[]): PageDate | null {
  return candidates.reduce<PageDate | null>(
    (a, c) => (a === null || c.rank < a.rank || (c.rank === a.rank && nearness(c) < nearness(a)) ? c : a),
    null,
  )
}

/**
 * How near a dated element stands to the headline, for ranking: after it first, nearest first, then just above it
 * (a date line set over the headline), then further below (the dates of later items), then further above.
 */
function nearness(c: PageDate): number {
  if (c.rank !== DATE_RANK.markedElement && c.rank !== DATE_RANK.nearTitle) return c.at
  const above = c.at >= ABOVE_TITLE ? c.at - ABOVE_TITLE : -1
  if (above === -1) return c.at <= HEADER_REACH ? c.at : c.at + FAR_BELOW
  return above <= JUST_ABOVE ? HEADER_REACH + above : c.at
}

/** How many elements above the headline a date line stands when set over it (the date, the share and print buttons beside it). */
const JUST_ABOVE = 12
/** What a date further below the headline than its header reaches yields to one just above it. */
const FAR_BELOW = 1000

/** How many elements after the headline its header's dates stand (the date line, the byline box); further down a date is another item's. */
const HEADER_REACH = 20
/** Ranks of dates a page shows its readers by the headline. */
const SHOWN_RANKS: ReadonlySet<number> = new Set([DATE_RANK.markedElement, DATE_RANK.nearTitle, DATE_RANK.titleText])

/**
 * When a page's JSON-LD and its meta tags give two publication dates, the one a date the page shows elsewhere
 * (a dated element, the text by the headline, its URL) repeats; null when they agree or nothing decides.
 */
function corroborated(candidates: readonly PageDate[]): PageDate | null {
  const stated = candidates.filter((c) => !c.modified && c.rank <= DATE_RANK.meta)
  if (new Set(stated.map((c) => c.iso)).size < 2) return null
  const shown = new Set(candidates.filter((c) => !c.modified && c.rank > DATE_RANK.meta).map((c) => c.iso))
  const agreed = stated.filter((c) => shown.has(c.iso))
  return new Set(agreed.map((c) => c.iso)).size === 1 ? (agreed[0] as PageDate) : null
}

/** Keys of a publication date in a script's data (a state object, a CMS's JSON): read only when the page states no date elsewhere. */
const SCRIPT_DATE =
  /"(?:datePublished|publishedDate|publishDate|published_at|publishedAt|publish_date|date_published|pubDate|dateCreated|createdAt|created_at)"\s*:\s*"(\d{4}-\d{2}-\d{2}[^"]{0,30})"/

/** The first publication date a script's data gives, as a candidate; null when none. */
export function scriptDate(text: string): PageDate | null {
  const value = SCRIPT_DATE.exec(text)?.[1]
  const iso = value === undefined ? null : isoDate(value)
  return value === undefined || iso === null
    ? null
    : { iso, source: 'html-meta', rank: DATE_RANK.scriptData, modified: false, at: 0, zone: timestampZone(value) }
}

/** Reads a meta tag as a date candidate: its name says published or modified, else it is not one. */
export function metaDate(key: string, content: string, ctx: DateContext, at: number): PageDate | null {
  const modified = META_MODIFIED.test(key)
  if (!modified && !META_PUBLISHED.test(key)) return null
  const iso = isoDate(content, ctx)
  if (iso === null) return null
  const readings = new Set(
    (['dmy', 'mdy'] as const)
      .map((order) => isoDate(content, { ...ctx, order }))
      .filter((r): r is string => r !== null && r !== iso),
  )
  const swapped = readings.size === 1 ? [...readings][0] : undefined
  return {
    iso,
    source: 'html-meta',
    rank: DATE_RANK.meta,
    modified,
    at,
    zone: timestampZone(content),
    ...(GENERIC_META.test(key) ? { generic: true } : {}),
    ...(swapped === undefined ? {} : { swapped }),
  }
}
