import { bylineFormats, bylinePlace, dateFormats, dateLabel, headerFieldSeparator, months } from './rules/header.ts'
import { lineRules } from './rules/boilerplate.ts'

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
  /** A date line that could not be read (ambiguous, impossible), for a warning. */
  dateProblem: { line: number; text: string; problem: string } | null
  lines: HeaderLine[]
}

/** How many lines after the title may still belong to the header. */
const HEADER_WINDOW = 6

// Name particles written in lower case inside a name (Ludwig van Beethoven, Osama bin Laden).
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'del', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'ten', 'ter'])
// Capitalised words that open sentences and headlines but are never part of a person's name.
const NOT_NAMES = new Set(
  'the a an on in at of for from by with to and or but as is was are were this that these those it its he she they we our his her their after before when while what who why how more most new breaking update updated staff'.split(' '),
)
const NAME_TOKEN = /^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.(?:\p{Lu}\.)*)$/u

/** A date read from text: the ISO date, or null and why. */
export interface DateReading {
  iso: string | null
  problem?: 'ambiguous' | 'impossible'
}

/** Reads a date in one of the declared formats; an ambiguous or impossible date is null, with the reason. */
export function readDate(text: string): DateReading {
  const trimmed = text.trim().replace(/[*_]/g, '')
  for (const format of dateFormats) {
    const g = format.pattern.exec(trimmed)?.groups
    if (g?.year === undefined) continue
    let month = g.month === undefined ? undefined : /^\d+$/.test(g.month) ? Number(g.month) : months[g.month.toLowerCase()]
    let day = g.day === undefined ? undefined : Number(g.day)
    if (g.first !== undefined && g.second !== undefined) {
      const [a, b] = [Number(g.first), Number(g.second)]
      // 08/04/2024 is 8 April in Europe and 4 August in the United States: only one part above 12 (or equal parts) decides.
      if (a !== b && a <= 12 && b <= 12) return { iso: null, problem: 'ambiguous' }
      ;[day, month] = a > 12 ? [a, b] : [b, a]
    }
    if (month === undefined || day === undefined) continue
    const year = Number(g.year)
    const date = new Date(Date.UTC(year, month - 1, day))
    // Date.UTC rolls 31 April over to 1 May; a date that does not round-trip does not exist.
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { iso: null, problem: 'impossible' }
    return { iso: date.toISOString().slice(0, 10) }
  }
  return { iso: null }
}

/** Reads a date in one of the declared formats as an ISO date, or null. */
export function parseDate(text: string): string | null {
  return readDate(text).iso
}

/** Whether a line reads as a date, even one that cannot be resolved (ambiguous, impossible). */
function isDateLine(text: string): boolean {
  const reading = readDate(text)
  return reading.iso !== null || reading.problem !== undefined
}

/** Reads a list of person names (`A and B`, `A, B & C`), or null when any part is not a name of `minTokens` words or more. */
export function parseNames(text: string, minTokens = 1): string[] | null {
  const parts = text
    .replace(/[*_]/g, '')
    .trim()
    .replace(/(?<!\b(?:Jr|Sr|\p{Lu}))[.,;:]+$/u, '')
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/i)
    .filter((part) => part !== '')
  if (parts.length === 0) return null
  const names: string[] = []
  for (const part of parts) {
    const tokens = part.split(/\s+/)
    const ok =
      tokens.length <= 5 &&
      tokens.length >= minTokens &&
      tokens.some((t) => NAME_TOKEN.test(t)) &&
      tokens.every((t) => (NAME_TOKEN.test(t) && !NOT_NAMES.has(t.toLowerCase())) || PARTICLES.has(t.toLowerCase()))
    if (!ok) return null
    names.push(tokens.map(fixCase).join(' '))
  }
  return names
}

// An all-capitals name (CHRIS FAGAN) is a typographic choice; researchers match names in title case.
function fixCase(token: string): string {
  if (token.length < 2 || token !== token.toUpperCase() || /^(?:\p{Lu}\.)+$/u.test(token)) return token
  return token.toLowerCase().replace(/(^|['’-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase())
}

/** The fields of one header line: a date, a byline, a bare name list or something else. */
function readFields(line: string): { published: string | null; dateLine: boolean; authors: string[] | null; byline: boolean } {
  let published: string | null = null
  let dateLine = false
  let authors: string[] | null = null
  let byline = false
  const fields = line.split(headerFieldSeparator)
  for (const field of fields) {
    const label = dateLabel.exec(field.trim())
    const date = label === null ? field : field.trim().slice(label[0].length)
    if (isDateLine(date)) {
      // An Updated or Modified date is consumed with the header but is not the publication date.
      if (!/^(?:updated|last updated|modified)$/i.test(label?.groups?.label ?? '')) published ??= parseDate(date)
      dateLine = true
      continue
    }
    for (const format of bylineFormats) {
      const names = format.pattern.exec(field.trim())?.groups?.names
      if (names === undefined) continue
      byline = true
      authors ??= parseNames(names.replace(bylinePlace, ''))
      break
    }
  }
  // `Jane Doe | March 3, 2024`: a field of names beside a date field is a byline without `By`.
  if (!byline && dateLine && fields.length > 1) {
    const names = fields.map((f) => parseNames(f, 2)).find((n) => n !== null)
    if (names) [authors, byline] = [names, true]
  }
  return { published, dateLine, authors, byline }
}

/** Whether a line is a byline or date line of the header. */
function isHeaderField(line: string): boolean {
  const fields = readFields(line)
  return fields.dateLine || fields.byline
}

function cleanTitle(line: string): string {
  return line.replace(/^#{1,6}\s+|\s+#+$/g, '').replace(/^([*_]{1,2})(.+)\1$/, '$2').trim()
}

/**
 * Reads title, byline and date from the top of an article: the first line is the title (or a kicker,
 * when a short line stands above a longer one that the byline follows), and the lines after it belong
 * to the header while they hold a date, a byline, or a bare name list next to a date.
 */
export function parseHeader(lines: readonly string[]): ParsedHeader {
  const header: ParsedHeader = { title: null, kicker: null, authors: [], published: null, dateProblem: null, lines: [] }
  // Furniture (a credit, a rule, a share prompt) is never the title; it is removed by the line rules later.
  const furniture = (line: string) => !isHeaderField(line) && lineRules.some((rule) => rule.pattern.test(line))
  const nonBlank = lines.flatMap((line, index) => (line.trim() === '' || furniture(line) ? [] : [index]))
  let [titleIndex, second, third] = nonBlank
  if (titleIndex === undefined) return header
  const words = (i: number | undefined) => cleanTitle(lines[i ?? -1] ?? '').split(/\s+/).length
  // A kicker (WAR IN UKRAINE) is a short line above the headline, which the byline or date follows.
  if (second !== undefined && third !== undefined && words(titleIndex) <= 5 && words(second) > words(titleIndex) && !isHeaderField(lines[second] ?? '') && isHeaderField(lines[third] ?? '')) {
    header.kicker = cleanTitle(lines[titleIndex] ?? '')
    header.lines.push({ index: titleIndex, rule: 'header-kicker', after: header.kicker })
    titleIndex = second
  }
  header.title = cleanTitle(lines[titleIndex] ?? '')
  header.lines.push({ index: titleIndex, rule: 'header-title', after: header.title })
  const window = nonBlank.slice(nonBlank.indexOf(titleIndex) + 1).slice(0, HEADER_WINDOW)
  for (const [k, index] of window.entries()) {
    const line = lines[index] ?? ''
    const fields = readFields(line)
    const nextIsDate = isDateLine(lines[window[k + 1] ?? -1] ?? '')
    // A bare name line counts only next to a date and while no author is known: body text can look like a name.
    const bareNames = !fields.byline && !fields.dateLine && header.authors.length === 0 && (nextIsDate || header.published !== null) ? parseNames(line, 2) : null
    if (!fields.dateLine && !fields.byline && bareNames === null) break
    const authors = fields.authors ?? bareNames ?? []
    if (header.authors.length === 0) header.authors = authors
    header.published ??= fields.published
    const unreadable = line.split(headerFieldSeparator).find((f) => readDate(f).problem !== undefined)
    if (unreadable !== undefined && header.dateProblem === null) {
      header.dateProblem = { line: index + 1, text: unreadable.trim(), problem: readDate(unreadable).problem ?? 'unreadable' }
    }
    const after = [authors.join(', '), fields.published ?? ''].filter((v) => v !== '').join(' | ')
    header.lines.push({ index, rule: fields.byline || bareNames ? 'header-byline' : 'header-date', after: after === '' ? line.trim() : after })
  }
  return header
}
