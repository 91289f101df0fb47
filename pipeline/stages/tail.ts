import { lineHash, type CorpusProfile } from '../corpus/profile.ts'
import { tailRules, type TailRule } from '../rules/boilerplate.ts'
import { outletFooterRules } from '../rules/outlets.ts'
import { LIST_ITEM } from './text.ts'

/** How many adjacent lines a footer may be cut into by hard breaks. */
const MAX_SPAN_LINES = 3

/** Tail rules in the order they are tried: outlet footers first, so the removal names the outlet's rule. */
const endRules: TailRule[] = [...outletFooterRules, ...tailRules]

/** The appeal rule, whose cues also decide when a closing line is worth a warning. */
export const appealRule = tailRules.find((r): r is Extract<TailRule, { kind: 'appeal' }> => r.kind === 'appeal')

/** A removal the tail rules plan: a rule and 0-based lines `from`..`to`. */
export interface TailRemoval {
  rule: string
  from: number
  to: number
}

/** The removals the tail rules would make, last first, on a copy of the lines. */
export function planTail(source: readonly string[], corpus: CorpusProfile, withRepeated: boolean): TailRemoval[] {
  const lines = [...source]
  const plan: TailRemoval[] = []
  for (;;) {
    const last = lastNonBlank(lines)
    if (last === -1) return plan
    const match = matchTail(lines, last, corpus, withRepeated)
    if (match === null) return plan
    plan.push({ rule: match.rule, from: match.from, to: last })
    lines.fill('', match.from, last + 1)
  }
}

/** The first tail rule that matches the text ending at line `last`, and where its match starts. */
function matchTail(
  lines: readonly string[],
  last: number,
  corpus: CorpusProfile,
  withRepeated: boolean,
): { rule: string; from: number } | null {
  for (const rule of endRules) {
    if (rule.kind === 'repeated' && !withRepeated) continue
    if (rule.kind === 'section') {
      let i = last
      while (i >= 0 && (lines[i] === '' || LIST_ITEM.test(lines[i] ?? ''))) i -= 1
      if (i >= 0 && i < last && rule.pattern.test(lines[i] ?? '')) return { rule: rule.id, from: i }
      continue
    }
    for (let from = last; from > last - MAX_SPAN_LINES && from >= 0 && lines[from] !== ''; from -= 1) {
      const text = lines.slice(from, last + 1).join(' ')
      if (matchesSpan(rule, text, corpus)) return { rule: rule.id, from }
    }
  }
  return null
}

function matchesSpan(rule: TailRule, text: string, corpus: CorpusProfile): boolean {
  if (rule.kind === 'span') return rule.pattern.test(text)
  if (rule.kind === 'appeal') return appealCues(rule, text) >= rule.minCues
  if (rule.kind === 'repeated') return corpus.repeated.has(lineHash(text))
  return false
}

/** Counts the distinct appeal cues in a short span; a long span counts none. */
export function appealCues(rule: Extract<TailRule, { kind: 'appeal' }>, text: string): number {
  if (text.split(/\s+/).length > rule.maxWords) return 0
  return rule.cues.filter((cue) => cue.test(text)).length
}

/** The last non-blank line, or -1. */
export function lastNonBlank(lines: readonly string[]): number {
  let i = lines.length - 1
  while (i >= 0 && (lines[i] ?? '') === '') i -= 1
  return i
}
