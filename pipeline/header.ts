import { bylineFormats, dateFormats, headerFieldSeparator, months } from './rules/header.ts'
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
  authors: string[]
  published: string | null
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

/** Reads a date in one of the declared formats as an ISO date, or null when none fits or it does not exist. */
export function parseDate(text: string): string | null {
  const trimmed = text.trim().replace(/[*_]/g, '')
  for (const format of dateFormats) {
    const groups = format.pattern.exec(trimmed)?.groups
    if (!groups?.year || !groups.month || !groups.day) continue
    const month = /^\d+$/.test(groups.month) ? Number(groups.month) : months[groups.month.toLowerCase()]
    if (month === undefined) continue
    const [year, day] = [Number(groups.year), Number(groups.day)]
    const date = new Date(Date.UTC(year, month - 1, day))
    // Date.UTC rolls 31 April over to 1 May; a date that does not round-trip does not exist.
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) continue
    return date.toISOString().slice(0, 10)
  }
  return null
}

/** Reads a list of person names (`A and B`, `A, B & C`), or null when any part is not a name of `minTokens` words or more. */
export function parseNames(text: string, minTokens = 1): string[] | null {
  const parts = text
    .replace(/[*_]/g, '')
    .trim()
    .replace(/[.,;:]+$/, '')
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
function readFields(line: string): { published: string | null; authors: string[] | null; byline: boolean } {
  let published: string | null = null
  let authors: string[] | null = null
  let byline = false
  for (const field of line.split(headerFieldSeparator)) {
    const date = parseDate(field)
    if (date !== null) {
      published ??= date
      continue
    }
    for (const format of bylineFormats) {
      const names = format.pattern.exec(field.trim())?.groups?.names
      if (names === undefined) continue
      byline = true
      authors ??= parseNames(names)
      break
    }
  }
  return { published, authors, byline }
}

/**
 * Reads title, byline and date from the top of an article: the first line is the title, and the lines
 * after it belong to the header while they hold a date, a byline, or a bare name list next to a date.
 */
export function parseHeader(lines: readonly string[]): ParsedHeader {
  const header: ParsedHeader = { title: null, authors: [], published: null, lines: [] }
  const nonBlank = lines.flatMap((line, index) => (line.trim() === '' ? [] : [index]))
  const titleIndex = nonBlank[0]
  if (titleIndex === undefined) return header
  header.title = (lines[titleIndex] ?? '').replace(/^#{1,6}\s+|\s+#+$/g, '').replace(/^([*_]{1,2})(.+)\1$/, '$2').trim()
  header.lines.push({ index: titleIndex, rule: 'header-title', after: header.title })
  const window = nonBlank.slice(1, 1 + HEADER_WINDOW)
  for (const [k, index] of window.entries()) {
    const line = lines[index] ?? ''
    if (lineRules.some((rule) => rule.pattern.test(line))) continue
    const fields = readFields(line)
    const nextIsDate = parseDate(lines[window[k + 1] ?? -1] ?? '') !== null
    // A bare name line counts only next to a date and while no author is known: body text can look like a name.
    const bareNames = !fields.byline && fields.published === null && header.authors.length === 0 && (nextIsDate || header.published !== null) ? parseNames(line, 2) : null
    if (fields.published === null && !fields.byline && bareNames === null) break
    const authors = fields.authors ?? bareNames ?? []
    if (header.authors.length === 0) header.authors = authors
    header.published ??= fields.published
    const after = [authors.join(', '), fields.published ?? ''].filter((v) => v !== '').join(' | ')
    header.lines.push({ index, rule: fields.byline || bareNames ? 'header-byline' : 'header-date', after })
  }
  return header
}
