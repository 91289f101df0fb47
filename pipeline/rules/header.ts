import { z } from 'zod'
import { Pattern, RuleBase, ruleTable } from './table.ts'

/** Month names and their common abbreviations, in English. */
export const months: Record<string, number> = Object.fromEntries(
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].flatMap(
    (name, i) => [
      [name, i + 1],
      [name.slice(0, 3), i + 1],
      ...(name === 'september' ? [['sept', 9] as const] : []),
    ],
  ),
)

const MONTH = '(?<month>[A-Za-z]{3,9})\\.?'
const WEEKDAY = '(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\\.?,?\\s+)?'

/** A date format: named groups `year`, `month` (number or name) and `day`, or `first` and `second` for numeric day and month in either order. */
export const DateFormat = RuleBase.extend({ pattern: Pattern })
export type DateFormat = z.infer<typeof DateFormat>

/** Date formats recognised in a header; a date that fits none is not read. */
export const dateFormats = ruleTable('dateFormats', DateFormat, [
  {
    id: 'date-day-month-year',
    pattern: new RegExp(`^${WEEKDAY}(?<day>\\d{1,2})(?:st|nd|rd|th)? ${MONTH},? (?<year>\\d{4})$`, 'i'),
    reason: 'British and European order, as in 26 March 2024.',
  },
  {
    id: 'date-month-day-year',
    pattern: new RegExp(`^${WEEKDAY}${MONTH} (?<day>\\d{1,2})(?:st|nd|rd|th)?,? (?<year>\\d{4})$`, 'i'),
    reason: 'American order, as in April 8, 2024 or Apr. 8, 2024.',
  },
  {
    id: 'date-iso',
    pattern: /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})$/,
    reason: 'ISO 8601 calendar date.',
  },
  {
    id: 'date-numeric',
    pattern: /^(?<first>\d{1,2})[/.](?<second>\d{1,2})[/.](?<year>\d{4})$/,
    reason: 'dd/mm/yyyy or mm/dd/yyyy, read only when unambiguous: one part above 12, or both equal.',
  },
])

/** A byline form: the named group `names` holds the author list. */
export const BylineFormat = RuleBase.extend({ pattern: Pattern })
export type BylineFormat = z.infer<typeof BylineFormat>

/** Byline forms; a bare name line is accepted separately, only next to a date. */
export const bylineFormats = ruleTable('bylineFormats', BylineFormat, [
  {
    id: 'byline-by',
    pattern: /^[*_]{0,2}by:?\s+(?<names>.+?)[*_]{0,2}$/i,
    reason: 'By NAME, by NAME, By: NAME.',
  },
  {
    id: 'byline-written-by',
    pattern: /^[*_]{0,2}(?:written|reported|words) by:?\s+(?<names>.+?)[*_]{0,2}$/i,
    reason: 'Written by NAME and similar credit lines.',
  },
])

/** A label before a header date: `Published`, `Posted on`; `Updated` and `Modified` dates are not the publication date. */
export const dateLabel = /^(?<label>published|posted|first published|updated|last updated|modified)(?: on)?:?\s+/i

/** A place after the names of a byline (`By Jane Doe in Kyiv`), not part of any name. */
export const bylinePlace = /\s+(?:in|from|reporting from)\s+\p{Lu}[\p{L}' -]*$/u

/** Separators between the fields of a one-line header (`Brief #134 | By: NAME | DATE`). */
export const headerFieldSeparator = /\s+[|•·]\s+/
