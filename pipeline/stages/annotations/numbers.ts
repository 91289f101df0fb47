import type { NumberMention, Paragraph } from '../../../schemas/index.ts'
import { months } from '../../rules/header.ts'
import { docSpan, ref } from './spans.ts'

// An optional currency sign, a number in digits (thousands separators, decimals), an optional multiplier,
// then up to two lower-case words that may say what is counted.
const NUMBER =
  /(?<![\p{L}\p{N}.,])(?<currency>[€$£])?(?<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<decimals>\d+))?(?:\s+(?<multiplier>thousand|million|billion))?(?:\s+(?<first>\p{Ll}[\p{Ll}-]*)(?:\s+(?<second>\p{Ll}[\p{Ll}-]*))?)?/gu
const MULTIPLIERS: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 }
const CURRENCIES: Record<string, string> = { '€': 'euro', $: 'dollar', '£': 'pound' }
// Words after a number that do not say what it counts.
const NOT_UNITS = new Set(
  'a an the and or but of to in on at by for from with as than that which who this these those is was are were has have had be been when where while after before since until if'.split(
    ' ',
  ),
)

/** What a number counts: one word (`people`), or two when the second is a plural noun (`terrorist attacks`, `square meters`). */
function unitOf(first: string | undefined, second: string | undefined): string | null {
  if (first === undefined || NOT_UNITS.has(first)) return null
  const pair =
    second !== undefined &&
    !NOT_UNITS.has(second) &&
    /s$/.test(second) &&
    (!/s$/.test(first) || /^(?:square|cubic)$/.test(first))
  return pair ? `${first} ${second}` : first
}

/**
 * Numbers written in digits with their unit. A day next to a month name (March 7, 23 March) and a bare
 * four-digit year (1998, 2002) are dates, not counts, and are left out.
 */
export function numbersOf(p: Paragraph): NumberMention[] {
  const out: NumberMention[] = []
  for (const m of p.text.matchAll(NUMBER)) {
    const g = m.groups ?? {}
    const digits = g.digits ?? ''
    const start = m.index ?? 0
    const wordBefore = /(\p{L}+)\.?\s+$/u.exec(p.text.slice(Math.max(0, start - 12), start))?.[1]?.toLowerCase()
    const wordAfter = /^[\d,.]+\s+(\p{L}+)/u.exec(p.text.slice(start + (g.currency?.length ?? 0)))?.[1]?.toLowerCase()
    if ([wordBefore, wordAfter].some((w) => w !== undefined && months[w] !== undefined)) continue
    if (/^(1[89]|20)\d\d$/.test(digits) && g.decimals === undefined && g.currency === undefined) continue
    const value =
      Number(`${digits.replace(/,/g, '')}${g.decimals ? `.${g.decimals}` : ''}`) *
      (MULTIPLIERS[g.multiplier ?? ''] ?? 1)
    const unit = unitOf(g.first, g.second) ?? CURRENCIES[g.currency ?? ''] ?? null
    const length = [
      g.currency ?? '',
      digits,
      g.decimals ? `.${g.decimals}` : '',
      g.multiplier ? ` ${g.multiplier}` : '',
    ].join('').length
    const text =
      unit !== null && unitOf(g.first, g.second) !== null
        ? p.text.slice(start, p.text.indexOf(unit, start + length) + unit.length)
        : p.text.slice(start, start + length)
    out.push({
      number_id: `${p.paragraph_id}:n${String(out.length).padStart(3, '0')}`,
      ...ref(p),
      text,
      value,
      unit,
      ...docSpan(p, start, start + text.length),
    })
  }
  return out
}
