import { parseHeader } from './header.ts'
import { lineRules, tailRules, type TailRule } from './rules/boilerplate.ts'
import { charRules } from './rules/normalise.ts'
import { outletProfiles } from './rules/outlets.ts'
import type { Change, Doc, Stage } from './types.ts'

/** How many adjacent lines a footer may be cut into by hard breaks. */
const MAX_SPAN_LINES = 3

/** Tail rules in the order they are tried: outlet footers first, so the removal names the outlet's rule. */
const endRules: TailRule[] = [
  ...outletProfiles.flatMap((profile) =>
    profile.footers.map((pattern, i): TailRule => ({ id: `${profile.id}-footer${i === 0 ? '' : `-${i + 1}`}`, kind: 'span', pattern, reason: profile.reason })),
  ),
  ...tailRules,
]

/** Normalises white space, reads the header and removes boilerplate; every change is recorded. */
export const clean: Stage = (doc) => {
  const changes: Change[] = []
  const lines = doc.raw.split('\n').map((line, i) => normaliseLine(line, i + 1, changes))
  const header = parseHeader(lines)
  for (const { index, rule, after } of header.lines) {
    changes.push({ rule, action: 'header', line_start: index + 1, line_end: index + 1, before: lines[index] ?? '', after })
    lines[index] = ''
  }
  for (const [i, line] of lines.entries()) {
    const rule = lineRules.find((r) => r.pattern.test(line))
    if (rule === undefined) continue
    changes.push(removal(rule.id, lines, i, i))
    lines[i] = ''
  }
  removeTail(lines, changes)
  changes.sort((a, b) => a.line_start - b.line_start || a.action.localeCompare(b.action))
  const furniture = changes.filter((c) => c.action === 'header' || c.action === 'remove').map((c) => c.before)
  const profile = outletProfiles.find((p) => p.signatures.some((s) => furniture.some((text) => s.test(text))))
  return {
    ...doc,
    lines,
    changes: [...doc.changes, ...changes],
    header: { title: header.title, authors: header.authors, published: header.published, outlet: profile?.outlet ?? null },
  }
}

/** Applies the character rules to one line, recording each rule that changed it. */
function normaliseLine(line: string, lineNo: number, changes: Change[]): string {
  let text = line
  for (const rule of charRules) {
    const next = text.replace(rule.pattern, rule.replacement)
    if (next === text) continue
    changes.push({ rule: rule.id, action: 'normalise', line_start: lineNo, line_end: lineNo, before: text, after: next })
    text = next
  }
  return text
}

/** Records the removal of lines `from`..`to` (0-based, inclusive); blank lines between are part of it. */
function removal(rule: string, lines: readonly string[], from: number, to: number): Change {
  const before = lines.slice(from, to + 1).join('\n')
  return { rule, action: 'remove', line_start: from + 1, line_end: to + 1, before, after: '' }
}

/** Removes footers, appeals and resource sections from the end upward, stopping at the first line of text. */
function removeTail(lines: string[], changes: Change[]): void {
  for (;;) {
    const last = lastNonBlank(lines, lines.length - 1)
    if (last === -1) return
    const match = matchTail(lines, last)
    if (match === null) return
    changes.push(removal(match.rule, lines, match.from, last))
    lines.fill('', match.from, last + 1)
  }
}

/** The first tail rule that matches the text ending at line `last`, and where its match starts. */
function matchTail(lines: readonly string[], last: number): { rule: string; from: number } | null {
  for (const rule of endRules) {
    if (rule.kind === 'section') {
      let i = last
      while (i >= 0 && (lines[i] === '' || /^\s*(?:[-*+•]|\d+[.)])\s+/.test(lines[i] ?? ''))) i -= 1
      if (i >= 0 && i < last && rule.pattern.test(lines[i] ?? '')) return { rule: rule.id, from: i }
      continue
    }
    for (let from = last; from > last - MAX_SPAN_LINES && from >= 0 && lines[from] !== ''; from -= 1) {
      const text = lines.slice(from, last + 1).join(' ')
      if (rule.kind === 'span' ? rule.pattern.test(text) : isAppeal(rule, text)) return { rule: rule.id, from }
    }
  }
  return null
}

/** An appeal is short and shows at least `minCues` distinct cues. */
function isAppeal(rule: Extract<TailRule, { kind: 'appeal' }>, text: string): boolean {
  const words = text.split(/\s+/).length
  return words <= rule.maxWords && rule.cues.filter((cue) => cue.test(text)).length >= rule.minCues
}

function lastNonBlank(lines: readonly string[], from: number): number {
  let i = from
  while (i >= 0 && (lines[i] ?? '') === '') i -= 1
  return i
}
