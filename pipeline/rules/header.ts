import type { z } from 'zod'
import { Pattern, RuleBase, ruleTable } from './table.ts'

/** Month names and their common abbreviations, in English (the annotations' number reader asks it; dates read every language's, see stages/dates.ts). */
export const months: Record<string, number> = Object.fromEntries(
  [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ].flatMap((name, i) => [
    [name, i + 1],
    [name.slice(0, 3), i + 1],
    ...(name === 'september' ? [['sept', 9] as const] : []),
  ]),
)

// A month's name in any language (looked up in Intl.DateTimeFormat's names, stages/dates.ts); a word that is none is no date.
const MONTH = '(?<month>\\p{L}{3,12})\\.?'
// One word before a whole-field date: a weekday of any language (Sonntag, jeudi, Tue.).
const WEEKDAY = '(?:\\p{L}{2,12}\\.?,?\\s+)?'

/** A date format: named groups `year`, `month` (number or name) and `day`, or `first` and `second` for numeric day and month in either order; `search` finds it inside a header line. */
export const DateFormat = RuleBase.extend({ pattern: Pattern, search: Pattern })
export type DateFormat = z.infer<typeof DateFormat>

// A year may run into a time with no space (Nov 15, 20195:45 AM), but not into other digits.
const YEAR = '(?<year>\\d{4})(?!\\d(?!\\d?:))'
const DAY = '(?<day>\\d{1,2})(?:st|nd|rd|th|er|º|°)?'
/** The same format anchored to a whole field, and searched for inside a line (not inside a word or a number). */
const forms = (body: string, flags = 'i') => ({
  pattern: new RegExp(`^${WEEKDAY}${body}$`, `${flags}u`),
  search: new RegExp(`(?<![\\p{L}\\p{N}])${body}`, `${flags}gu`),
})

/** Date formats recognised in a header or a page; a date that fits none is not read. The first listed wins where two overlap. */
export const dateFormats = ruleTable('dateFormats', DateFormat, [
  {
    id: 'date-iso',
    ...forms(
      '(?<year>\\d{4})-(?<month>\\d{2})-(?<day>\\d{2})(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|\\s?[+-]\\d{2}:?\\d{2})?)?(?!\\d)',
      '',
    ),
    reason: 'ISO 8601 calendar date, with a time (2019-11-18T20:51:19Z) or without.',
  },
  {
    id: 'date-year-first',
    ...forms(
      '(?<year>\\d{4})(?:[/.]\\s?|\\s?年\\s?|\\s?년\\s?)(?<month>\\d{1,2})(?:[/.]\\s?|\\s?月\\s?|\\s?월\\s?)(?<day>\\d{1,2})(?:\\s?[日일]|\\.)?(?!\\d)',
      '',
    ),
    reason:
      'Year first with slashes, dots or East Asian signs: 2019/11/18, 2023.11.02, 2019年11月18日, 2023년 11월 2일.',
  },
  {
    id: 'date-day-month-year',
    ...forms(`${DAY}\\.?\\s?(?:de\\s+)?${MONTH},?\\s+(?:de\\s+)?${YEAR}`),
    reason:
      'Day, month name, year, in any language: 26 March 2024, 19. Juli 2014, 3 mars 2019, 3 de marzo de 2019, 20 Nov, 2019.',
  },
  {
    id: 'date-month-day-year',
    ...forms(`${MONTH}\\s?${DAY},?\\s+${YEAR}`),
    reason: 'Month name, day, year: April 8, 2024, Apr. 8, 2024, Dezember 16th, 2012.',
  },
  {
    id: 'date-day-dot-month',
    ...forms('(?<day>\\d{1,2})\\.\\s?(?<month>\\d{1,2})\\.\\s?(?<year>\\d{4})(?!\\d)', ''),
    reason: 'dd.mm.yyyy: dots put the day first wherever they are written (Germany, Russia, Poland...).',
  },
  {
    id: 'date-day-dot-month-short',
    ...forms('(?<![\\d.])(?<day>\\d{2})\\.(?<month>\\d{2})\\.(?<year>\\d{2})(?!\\d|\\.\\d)', ''),
    reason:
      "dd.mm.yy with both parts padded (30.10.23), as a page's date line writes it; an unpadded 1.2.3 is a version number.",
  },
  {
    id: 'date-numeric',
    ...forms('(?<first>\\d{1,2})/(?<second>\\d{1,2})/(?<year>\\d{4}|\\d{2})(?![\\d/])', ''),
    reason:
      "dd/mm/yyyy or mm/dd/yy(yy): one part above 12 decides, else the page's language or its other dates; read nowhere else.",
  },
])

/** A byline form: the named group `names` holds the author list. */
export const BylineFormat = RuleBase.extend({ pattern: Pattern })
export type BylineFormat = z.infer<typeof BylineFormat>

/** Byline forms, tried on each field of a header line; a bare name line is accepted separately, only next to a date or under a `By` line. */
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
  {
    id: 'byline-by-language',
    pattern:
      /^[*_]{0,2}(?:[Vv]on|VON|[Vv]om|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor|[Aa]v|[Aa]f|[Pp]rzez|[Оо]т|[Аа]втор):?\s+(?<names>\p{Lu}.+?)[*_]{0,2}$/u,
    reason:
      'The by of other languages before a capitalised name, a colon allowed: von, par, por, di, door, av, przez, от (von Anna Muster, Von: Anna Muster, par Loïc Le Clerc).',
  },
])

/** The word before a byline's names in the languages of the press (by, von, par, por, di, door, av, przez, от...); the names must follow it capitalised. */
export const bylineWords = /^(?:by|von|vom|par|por|di|door|av|af|przez|od|от|автор|yazan|írta|kirjoittanut)$/i

/** Labels before a byline's names, with a colon or a by-word (`Autor:`, `Text von`, `Ein Artikel von`, `Written by`, `Escrito por`). */
export const bylineLabel =
  /^(?:[\p{L}-]+\s+){0,3}?(?:by|von|vom|par|por|di|door|av|af|przez|od|от|автор|yazan)\s*:?\s+(?=\p{Lu})|^(?:[\p{L}-]+\s?(?:[&+]\s?)?){1,3}:\s*(?=\p{Lu})/iu

/** A place after the names of a byline (`By Jane Doe in Kyiv`), not part of any name. */
export const bylinePlace = /\s+(?:in|from|reporting from)\s+\p{Lu}[\p{L}' -]*$/u

/** A time of day, a time zone or a relative age beside a header date (10:31 pm CST, 11:30 Uhr, 2 min read, 14 hours ago); never part of a name. */
export const headerTime =
  /\b(?:at\s+)?\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?|Uhr\b)?|\b\d{1,2}\s*[ap]\.?m\.?(?![\p{L}])|\b(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|AEDT|ET|PT|CT|MT)\b|\(\s*\)|\b\d+\s+(?:sec|second|min|minute|hour|hr|day|week|month|year)s?\s+(?:ago|read)\b|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?/giu

/** Labels before a header date; an `Updated` date is the publication date only when the header gives no other. */
export const headerDateLabel =
  /\b(?:(?:first |last )?(?:published|posted|updated|modified)|filed)(?:\s+(?:on|at))?\s*:?/giu

/**
 * Words that say when a page was published or last changed, in the press's languages (`Veröffentlicht am`,
 * `Published on`, `Publié le`, `Datum:`; `wurde am ... gepostet` with the verb after the date): a date
 * labelled so anywhere on a saved page is its own, as htmldate's text search takes it.
 */
export const pageDateLabel =
  /(?<![\p{L}])(?:(?:first |originally )?(?:published|posted)|publication date|ver(?:ö|oe)ffentlicht|ver(?:ö|oe)ffentlichung|publiziert|erschienen|gepostet|eingestellt|erstellt|publi(?:é|e)e?|mis en ligne|publicad[oa]|fecha de publicaci(?:ó|o)n|pubblicato|pubblicazione|gepubliceerd|geplaatst|opublikowano|publikováno|publicerad|publiceret|publisert|julkaistu|опубликовано|(?:last |zuletzt )?(?:updated|modified|aktualisiert|ge(?:ä|ae)ndert)|letzte (?:ä|ae)nderung|mis (?:à|a) jour|actualizad[oa]|aggiornato|bijgewerkt|zaktualizowano|обновлено|(?:date|datum|fecha|data)\s*:)(?![\p{L}])/giu
/** Of those, the words that say the page was changed, not published. */
export const pageUpdateLabel =
  /updated|modified|aktualisiert|ge(?:ä|ae)ndert|(?:ä|ae)nderung|mis (?:à|a) jour|actualizad|aggiornato|bijgewerkt|zaktualizowano|обновлено/iu

/**
 * Words that describe a byline's person or organisation (`Bruce Lee, Senior Contributor`, `Staff Writer`):
 * a name part holding one is a role, not a name; a byline's reading-time widget (`Reading Time: 3 mins`) names no one either.
 */
export const bylineRoles = new Set(
  'writer reporter correspondent editor contributor columnist chief senior producer analyst critic photographer photojournalist anchor host political national international associate deputy managing contributing special investigative redakteur redakteurin chefredakteur chefredakteurin korrespondent korrespondentin autor autorin gastautor gastautorin experte expertin journalist journalistin volontär volontärin fotograf fotografin rédacteur rédactrice journaliste correspondant correspondante redactor redactora periodista corresponsal giornalista redattore redattrice inviato inviata gründer gründerin founder inhaber inhaberin owner ceo reading lesezeit lesedauer'.split(
    ' ',
  ),
)

/** Words of an organisation's name in a byline (`By Reuters Staff`, `Fox News`, a newspaper's title such as `Florida Today` or `Argus Leader`): it gives the outlet, not an author. */
export const organisationWords = new Set(
  'news press agency staff bureau times post journal herald tribune wire media network broadcasting radio television tv agence newsroom desk team editors editorial reporters correspondents service services daily weekly gazette magazine today leader courier chronicle observer guardian independent telegraph express mirror examiner inquirer enquirer sentinel bulletin dispatch register monitor standard argus citizen statesman redaktion zeitung tagblatt anzeiger rundschau kurier nachrichten presse verlag illustrierte online digital rédaction redacción redaccion redazione redactie diario periódico periodico giornale corriere notizie noticias journaal krant foundation stiftung institut institute verein association university universität universidad université gmbh inc ltd llc blog'.split(
    ' ',
  ),
)
