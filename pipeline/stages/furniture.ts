import { endsOpen, LIST_ITEM } from './text.ts'
import {
  blockRules,
  commentsCues,
  furnitureCues,
  RUN,
  sectionCues,
  type BlockClass,
  type BlockRule,
  type BlockSignal,
} from '../rules/furniture.ts'

/** A block of a page's text: consecutive lines (0-based, inclusive) read as one paragraph, heading or list item. */
export interface PageBlock {
  from: number
  to: number
  text: string
  signals: Record<BlockSignal, number | boolean>
  class: BlockClass
  /** The rule that decided the class (or `context` when the neighbours did). */
  rule: string
}

/** A furniture removal: the block and the signals it was decided on. */
export interface FurnitureRemoval {
  rule: string
  from: number
  to: number
  signals: string
}

const HEADING = /^\s{0,3}#{1,6}(?:\s|$)/
// Inside a paragraph only a bullet with text or a list numbered 1 starts a list (as in CommonMark): a line `25.` continues the sentence; inside a list every marker starts an item.
const INTERRUPTS = /^\s*(?:[-*+•]|1[.)])\s+\S/
const LINK = /\[([^\]]*)\]\([^)]*\)/g
const WORD = /\p{L}[\p{L}\p{N}'’-]*/gu

// A block ends a sentence when its text, without closing marks, ends with sentence punctuation.
const ends = (text: string) => /[.!?…]["'”’)\]]*$/.test(text.replace(/(?<![\s*_])[\s*_]+$/u, ''))

/** Splits lines into blocks: a blank line ends one, and a list item or heading starts one. */
export function pageBlocks(lines: readonly string[]): PageBlock[] {
  const blocks: PageBlock[] = []
  let start = -1
  const close = (end: number) => {
    if (start !== -1) blocks.push(measure(lines, start, end))
    start = -1
  }
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') close(i - 1)
    else if (start === -1) start = i
    else if (
      INTERRUPTS.test(line) ||
      HEADING.test(line) ||
      (LIST_ITEM.test(lines[start] ?? '') && LIST_ITEM.test(line))
    ) {
      close(i - 1)
      start = i
    }
  }
  close(lines.length - 1)
  markListRuns(blocks)
  return blocks
}

/** Measures one block's signals (all but `listRun`, which needs its neighbours). */
function measure(lines: readonly string[], from: number, to: number): PageBlock {
  const text = lines
    .slice(from, to + 1)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
  const plain = text.replace(LINK, ' $1 ').replace(/(?:https?:\/\/|www\.)\S+/g, ' ')
  const words = plain.match(WORD)?.length ?? 0
  const linkWords = [...text.matchAll(LINK)].reduce((n, m) => n + ((m[1] ?? '').match(WORD)?.length ?? 0), 0)
  const bare = plain
    .replace(LIST_ITEM, '')
    .replace(HEADING, '')
    .replace(/[*_#>]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  const signals: Record<BlockSignal, number | boolean> = {
    words,
    // A sentence that ends inside a link's text (`…im Marketing.](https://…)`) ends the block: its address is no text.
    sentences: (plain.match(/[.!?…]["'”’)\]]*\s+(?=["'“‘(]?\p{Lu})/gu)?.length ?? 0) + (ends(plain) ? 1 : 0),
    linkShare: words === 0 ? 0 : linkWords / words,
    terminal: ends(plain),
    listItem: LIST_ITEM.test(lines[from] ?? ''),
    heading: HEADING.test(lines[from] ?? ''),
    cue: furnitureCues.some((c) => c.pattern.test(bare)),
    sectionCue: sectionCues.some((c) => c.pattern.test(bare)),
    commentsCue: commentsCues.some((c) => c.pattern.test(bare)),
    letters: (bare.match(/\p{L}/gu) ?? []).length,
    listRun: 0,
    introduced: false,
  }
  return { from, to, text, signals, class: 'short', rule: '' }
}

// A list item belongs to the run of list items around it: a menu is many short items in a row, a list the text introduces (…three parts:) is text.
function markListRuns(blocks: PageBlock[]): void {
  for (let i = 0; i < blocks.length; ) {
    let j = i
    while (j < blocks.length && blocks[j]?.signals.listItem === true) j += 1
    const introduced = i > 0 && /:[*_]*$/.test(blocks[i - 1]?.text ?? '')
    for (let k = i; k < j; k += 1) Object.assign((blocks[k] as PageBlock).signals, { listRun: j - i, introduced })
    i = Math.max(j, i + 1)
  }
}

/** The rules whose blocks end the article run. */
const walls = new Set(blockRules.filter((r) => r.wall === true).map((r) => r.id))

/** What each furniture or short-block rule costs the article run, where the rule says. */
const penalties = new Map(blockRules.flatMap((r) => (r.penalty === undefined ? [] : [[r.id, r.penalty] as const])))

/** Whether every condition of a rule holds for a block's signals. */
function holds(rule: BlockRule, signals: PageBlock['signals']): boolean {
  return rule.when.every(({ signal, min, max, is }) => {
    const v = signals[signal]
    if (is !== undefined) return v === is
    const n = typeof v === 'number' ? v : v ? 1 : 0
    return (min === undefined || n >= min) && (max === undefined || n <= max)
  })
}

/** Classes each block by the first block rule that holds, then settles short blocks by their neighbours. */
export function classify(blocks: readonly PageBlock[]): PageBlock[] {
  const out = blocks.map((b) => {
    const rule = blockRules.find((r) => holds(r, b.signals))
    return { ...b, class: rule?.class ?? 'short', rule: rule?.id ?? 'short' }
  })
  // A short block between two article blocks (a subheading, a one-line paragraph) is article text; the next decided class is found in one backward pass.
  const next: (BlockClass | null)[] = new Array(out.length).fill(null)
  for (let i = out.length - 2; i >= 0; i -= 1)
    next[i] = out[i + 1]?.class !== 'short' ? (out[i + 1]?.class ?? null) : (next[i + 1] ?? null)
  let lastClass: BlockClass | null = null
  for (const [i, b] of out.entries()) {
    if (b.class !== 'short') {
      lastClass = b.class
      continue
    }
    if (lastClass === 'article' && next[i] === 'article') out[i] = { ...b, class: 'article', rule: 'context' }
  }
  return out
}

/**
 * The article run: the span of blocks with the most article words net of furniture (a maximum-sum
 * segment), widened over closing short blocks beside it. A wall (the comments) ends the search once a run
 * before it qualifies. Null when the page has too little article text to tell.
 */
export function articleRun(blocks: readonly PageBlock[], first = 0): { from: number; to: number } | null {
  let start = first
  while (start < blocks.length) {
    let end = start
    while (end < blocks.length && !walls.has(blocks[end]?.rule ?? '')) end += 1
    const run = bestRun(blocks, start, end)
    if (run === null) {
      start = end + 1
      continue
    }
    // Comments follow the article: article text between the run and them is the article's end, unless a section of other stories stands between.
    const section = blocks.slice(run.to + 1, end).findIndex((b) => b.rule === 'furniture-section')
    const last = blocks
      .slice(0, section === -1 ? end : run.to + 1 + section)
      .findLastIndex((b) => b.class === 'article')
    let to = end < blocks.length && last > run.to ? last : run.to
    while (
      to + 1 < end &&
      to + 1 - last <= RUN.maxWiden &&
      blocks[to + 1]?.class === 'short' &&
      blocks[to + 1]?.signals.terminal === true
    )
      to += 1
    return { from: run.from, to }
  }
  return null
}

/** The maximum-sum span of blocks `from`..`to` (exclusive), widened; null when it holds too few article words. */
function bestRun(blocks: readonly PageBlock[], first: number, limit: number): { from: number; to: number } | null {
  const score = (b: PageBlock) => {
    const words = b.signals.words as number
    if (b.class === 'article') return words - RUN.articleDiscount
    if (b.class === 'furniture') return -Math.max(penalties.get(b.rule) ?? RUN.minPenalty, words * RUN.penaltyWeight)
    return -(penalties.get(b.rule) ?? RUN.shortPenalty)
  }
  let best = { sum: 0, from: -1, to: -1 }
  let sum = 0
  let from = first
  for (let i = first; i < limit; i += 1) {
    if (sum <= 0) [sum, from] = [0, i]
    sum += score(blocks[i] as PageBlock)
    if (sum > best.sum) best = { sum, from, to: i }
  }
  const articleWords = blocks
    .slice(best.from, best.to + 1)
    .reduce((n, b) => n + (b.class === 'article' ? (b.signals.words as number) : 0), 0)
  if (best.from === -1 || articleWords < RUN.minArticleWords) return null
  let [a, z] = [best.from, best.to]
  const closing = (b: PageBlock | undefined) => b?.class === 'short' && b.signals.terminal === true
  while (
    a - 1 >= first &&
    ((best.from - (a - 1) <= RUN.maxWiden && closing(blocks[a - 1])) || continues(blocks[a - 1], blocks[a]))
  )
    a -= 1
  while (
    z + 1 < limit &&
    ((z + 1 - best.to <= RUN.maxWiden && closing(blocks[z + 1])) || continues(blocks[z], blocks[z + 1]))
  )
    z += 1
  return { from: a, to: z }
}

/** Whether a short block and the next are one sentence cut in two (by a page break or a widget): the first ends open, or the second opens in lower case. */
function continues(before: PageBlock | undefined, after: PageBlock | undefined): boolean {
  if (
    before === undefined ||
    after === undefined ||
    before.class === 'furniture' ||
    after.class === 'furniture' ||
    before.signals.terminal === true
  )
    return false
  if (before.signals.heading === true || before.signals.listItem === true) return false
  return endsOpen(before.text) || /[,;–-]$/.test(before.text) || /^["'“‘(]?\p{Ll}/u.test(after.text)
}

/** Renders a block's signals for the audit trail: `words=3 links=0.00 end=no list=4 cue=yes`. */
export function describeSignals(b: PageBlock): string {
  const s = b.signals
  const yn = (v: number | boolean) => (v ? 'yes' : 'no')
  return `words=${s.words} links=${(s.linkShare as number).toFixed(2)} end=${yn(s.terminal)} list=${s.listItem ? s.listRun : 'no'} heading=${yn(s.heading)} cue=${yn(s.cue)}`
}

/**
 * What the block classifier removes from a page: every block outside the article run, and furniture
 * inside it. `first` is the block index where the article may start (after the header). Nothing when
 * the page holds no run of article text (the caller warns) or no furniture at all.
 */
export function planFurniture(
  lines: readonly string[],
  startLine = 0,
): { removals: FurnitureRemoval[]; found: boolean } {
  const blocks = classify(pageBlocks(lines))
  const first = blocks.findIndex((b) => b.from >= startLine)
  if (first === -1 || !blocks.some((b) => b.class === 'furniture')) return { removals: [], found: true }
  const run = articleRun(blocks, first)
  if (run === null) return { removals: [], found: false }
  const removals: FurnitureRemoval[] = []
  for (const [i, b] of blocks.entries()) {
    const outside = i < run.from || i > run.to
    if (!outside && b.class !== 'furniture') continue
    const rule =
      b.class === 'furniture' ? b.rule : i < run.from ? 'furniture-before-article' : 'furniture-after-article'
    removals.push({ rule, from: b.from, to: b.to, signals: describeSignals(b) })
  }
  return { removals, found: true }
}

/** Whether one line, read as a block of its own, is page furniture (a button, a counter, a prompt). */
export function isFurnitureLine(line: string): boolean {
  return classify(pageBlocks([line]))[0]?.class === 'furniture'
}
