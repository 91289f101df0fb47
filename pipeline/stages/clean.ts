import { lineHash, lineKey, MAX_RUN_LINES, type CorpusProfile } from '../corpus/profile.ts'
import { planFurniture } from './furniture.ts'
import { orderShown } from './dates.ts'
import { DEFAULT_WIDTH, emptyHeader, parseHeader, type ParsedHeader } from './header.ts'
import { MAX_DEPTH, tooDeep } from './markdown.ts'
import { noticeOwner, signatureNames } from './names.ts'
import { percentile } from './layout.ts'
import { endsOpen, endsSentence } from './text.ts'
import { lineRules, regionRules, RUNNING_HEADER } from '../rules/boilerplate.ts'
import { charRules } from '../rules/normalise.ts'
import { outletProfiles } from '../rules/outlets.ts'
import { appealCues, appealRule, lastNonBlank, planTail } from './tail.ts'
import { failDoc, type Change, type ExportLine, type Message, type Stage } from '../types.ts'

/** The working state of one document while it is cleaned: lines (removed ones emptied) and the record. */
interface Cleaning {
  lines: string[]
  changes: Change[]
  messages: Message[]
  file: string
  corpus: CorpusProfile
  /** A saved page's text, which its extractor has already cut down to the article. */
  page?: boolean
}

/** Normalises white space, reads the header and removes boilerplate; every change is recorded. */
export const clean: Stage = (doc, ctx) => {
  // Nesting past any article's is refused before any rule or parser walks it: their cost and recursion grow with the depth.
  const deep = tooDeep(doc.raw.split('\n'))
  if (deep !== null)
    return failDoc(
      doc,
      'too-deep',
      `Markdown nests ${deep.depth} quotes and lists deep here, expected at most ${MAX_DEPTH}; left out`,
      deep.line + 1,
    )
  const changes: Change[] = []
  const state: Cleaning = {
    lines: doc.raw.split('\n').map((line, i) => normaliseLine(line, i + 1, changes)),
    changes,
    messages: [],
    file: doc.source_path,
    corpus: ctx.corpus,
    // An export's article was cut from its page by the database, as a saved page's by its extractor.
    page: doc.format === 'html' || doc.exported !== undefined,
  }
  if (doc.exported !== undefined) removeExportLines(state, doc.exported.lines)
  removeRegions(state)
  // A saved page's headline is its h1, which the page stage puts first as a # heading; its first line may be the article's.
  // An export states its header in fields: no line of its text is searched for one.
  // A text's numeric dates are read in the order its own unambiguous ones show (14/11/2023 says day first).
  const dateContext = doc.format === 'html' ? {} : { order: orderShown(state.lines) }
  const header =
    doc.exported === undefined
      ? parseHeader(state.lines, wrapWidth(state.lines), doc.format === 'html', dateContext)
      : emptyHeader()
  // A header that names no author and no organisation leaves the authors to the last resorts below.
  const unsigned = header.authors.length === 0 && header.organisation === null
  // A text so unsigned may be its owner's own (a personal site's footer, saved as text).
  const owner = !state.page && unsigned ? noticeOwner(state.lines) : []
  for (const { index, rule, after } of header.lines) {
    changes.push({
      rule,
      action: 'header',
      line_start: index + 1,
      line_end: index + 1,
      before: state.lines[index] ?? '',
      after,
    })
    state.lines[index] = ''
  }
  removeLines(state)
  // A saved page has no printed pages, so no running headers: a line it repeats is its own.
  if (state.page !== true) removeRunningHeaders(state)
  removeFurniture(
    state,
    header.lines.reduce((end, l) => Math.max(end, l.index + 1), 0),
  )
  removeTail(state)
  // An article signed at its end (`**Marina Mucha**`, `(Christian P. Stadtfeld)`) names its author there, when its header names no one.
  const closing = lastParagraph(state.lines)
  const signed = unsigned ? signatureNames(closing.text) : []
  if (signed.length > 0)
    state.messages.push({
      file: state.file,
      line: closing.line,
      rule: 'header-byline',
      severity: 'warning',
      reason: `The header names no author; the signature that ends the article does (${signed.join(', ')})`,
    })
  flagRepeatedInBody(state)
  changes.sort((a, b) => a.line_start - b.line_start || a.action.localeCompare(b.action))
  const furniture = changes.filter((c) => c.action === 'header' || c.action === 'remove').map((c) => c.before)
  const profile = outletProfiles.find((p) => p.signatures.some((s) => furniture.some((text) => s.test(text))))
  return {
    ...doc,
    lines: state.lines,
    changes: [...doc.changes, ...changes],
    messages: [...doc.messages, ...state.messages, ...headerWarnings(doc.source_path, header)],
    header: {
      title: header.title,
      kicker: header.kicker,
      authors: header.authors.length > 0 ? header.authors : signed,
      published: header.published,
      outlet: profile?.outlet ?? header.organisation,
      outletSource: profile === undefined && header.organisation !== null ? 'header' : 'profile',
      owner,
    },
  }
}

/** The last paragraph of the lines, its lines joined by spaces, and its last line (1-based). */
function lastParagraph(lines: readonly string[]): { text: string; line: number } {
  const end = lastNonBlank(lines)
  let start = end
  while (start > 0 && (lines[start - 1] ?? '').trim() !== '') start -= 1
  return { text: end === -1 ? '' : lines.slice(start, end + 1).join(' '), line: end + 1 }
}

/** Takes out the lines of an export's article that are the database's (its fields, its cover), each a change with its rule; a field read into a column is a header change. */
function removeExportLines(state: Cleaning, lines: readonly ExportLine[]): void {
  for (const { line, rule, after, keep } of lines) {
    const text = state.lines[line - 1] ?? ''
    if (text.trim() === '') continue
    // A body label's line (`Full text: The attack...`): the label goes, the text after it stays.
    const at = keep === undefined || keep === '' ? -1 : text.lastIndexOf(keep.trim())
    if (at > 0) {
      state.changes.push({
        rule,
        action: 'remove',
        line_start: line,
        line_end: line,
        before: text.slice(0, at).trim(),
        after: '',
      })
      state.lines[line - 1] = text.slice(at)
      continue
    }
    state.changes.push({
      rule,
      action: rule === 'export-header' ? 'header' : 'remove',
      line_start: line,
      line_end: line,
      before: text,
      after,
    })
    state.lines[line - 1] = ''
  }
}

/** Applies the character rules to one line, recording each rule that changed it. */
function normaliseLine(line: string, lineNo: number, changes: Change[]): string {
  let text = line
  for (const rule of charRules) {
    const { pattern, replacement } = rule
    // Two calls because String.replace has one overload for a string and one for a function, none for either.
    const next =
      typeof replacement === 'string' ? text.replace(pattern, replacement) : text.replace(pattern, replacement)
    if (next === text) continue
    changes.push({
      rule: rule.id,
      action: 'normalise',
      line_start: lineNo,
      line_end: lineNo,
      before: text,
      after: next,
    })
    text = next
  }
  return text
}

/** Records and empties lines `from`..`to` (0-based, inclusive); blank lines between are part of it. */
function remove(state: Cleaning, rule: string, from: number, to: number, evidence?: string): void {
  const before = state.lines.slice(from, to + 1).join('\n')
  state.changes.push({
    rule,
    action: 'remove',
    line_start: from + 1,
    line_end: to + 1,
    before,
    after: '',
    ...(evidence === undefined ? {} : { evidence }),
  })
  state.lines.fill('', from, to + 1)
}

/** Removes licence regions bounded by markers (Project Gutenberg's START and END lines). */
function removeRegions(state: Cleaning): void {
  for (const rule of regionRules) {
    const index = state.lines.findIndex((line) => rule.pattern.test(line))
    if (index === -1) continue
    const [from, to] = rule.side === 'head' ? [0, index] : [index, state.lines.length - 1]
    if (rule.maxLines !== undefined && to - from > rule.maxLines) continue
    if (state.lines.slice(from, to + 1).some((line) => line !== '')) remove(state, rule.id, from, to)
  }
}

/** Removes lines that are furniture wherever they stand. */
function removeLines(state: Cleaning): void {
  for (const [i, line] of state.lines.entries()) {
    const rule = lineRules.find((r) => r.pattern.test(line))
    if (rule !== undefined) remove(state, rule.id, i, i)
  }
}

/** Removes a short line that repeats down the document (a page's running header or footer). */
function removeRunningHeaders(state: Cleaning): void {
  const places = new Map<string, number[]>()
  for (const [i, line] of state.lines.entries()) {
    const key = lineKey(line)
    // A line that ends a sentence or opens in lower case is the tail of a wrapped paragraph, not a page header;
    // one that ends on a word no sentence ends with (of, the) is the head of one.
    if (
      key === '' ||
      key.split(' ').length > RUNNING_HEADER.maxWords ||
      endsSentence(line) ||
      /^\s*\p{Ll}/u.test(line) ||
      endsOpen(line)
    )
      continue
    places.set(key, [...(places.get(key) ?? []), i])
  }
  // The line after each copy: a page header runs above other text on every page, a repeated passage above the same.
  const after = (i: number) => {
    let j = i + 1
    while (j < state.lines.length && (state.lines[j] ?? '').trim() === '') j += 1
    return lineKey(state.lines[j] ?? '')
  }
  for (const [key, indices] of places) {
    const needed = /#/.test(key) ? RUNNING_HEADER.minRepeatsWithNumber : RUNNING_HEADER.minRepeats
    if (indices.length < needed || new Set(indices.map(after)).size === 1) continue
    for (const i of indices) remove(state, 'running-header', i, i)
  }
}

/** Removes the blocks of a saved page that the block classifier finds outside the article run, or furniture inside it. */
function removeFurniture(state: Cleaning, startLine: number): void {
  const { removals, found } = planFurniture(state.lines, startLine)
  // A saved page's extractor has already found the article: only blocks that are furniture by their own signals go, not all outside a run.
  const kept = state.page === true ? removals.filter((r) => !RUN_RULES.has(r.rule)) : removals
  if (!found && state.page !== true)
    state.messages.push({
      file: state.file,
      line: startLine + 1,
      rule: 'furniture-no-article',
      severity: 'warning',
      reason: 'Kept every block: found furniture but no run of article text, expected paragraphs of prose',
    })
  for (const r of kept) remove(state, r.rule, r.from, r.to, r.signals)
}

/** The removals that only say a block stands outside the article run. */
const RUN_RULES = new Set(['furniture-before-article', 'furniture-after-article'])

/** Removes footers, appeals and resource sections from the end upward, stopping at the first line of text. */
function removeTail(state: Cleaning): void {
  let plan = planTail(state.lines, state.corpus, true)
  const shared = plan.filter((r) => r.rule === 'repeated-boilerplate')
  // More shared closing lines than a footer has means a shared article, not furniture: keep them all.
  if (shared.length > MAX_RUN_LINES) {
    const line = shared.at(-1)?.from ?? 0
    state.messages.push({
      file: state.file,
      line: line + 1,
      rule: 'repeated-boilerplate',
      severity: 'warning',
      reason: `Kept ${shared.length} closing lines shared with other documents, expected a footer of at most ${MAX_RUN_LINES}`,
    })
    plan = planTail(state.lines, state.corpus, false)
  }
  for (const { rule, from, to } of plan) remove(state, rule, from, to)
  warnDoubtfulAppeal(state, lastNonBlank(state.lines))
}

// One appeal cue in the closing line is too weak to remove it, but worth a look.
function warnDoubtfulAppeal(state: Cleaning, last: number): void {
  if (last === -1 || appealRule === undefined || appealCues(appealRule, state.lines[last] ?? '') !== 1) return
  state.messages.push({
    file: state.file,
    line: last + 1,
    rule: 'support-appeal',
    severity: 'warning',
    reason: 'Kept a closing line with one appeal cue, expected two to remove it; check it is article text',
  })
}

// A line other documents close with, standing inside this body, is kept with a warning (the closing run was warned of already).
function flagRepeatedInBody(state: Cleaning): void {
  const shared = (i: number) => state.corpus.repeated.has(lineHash(state.lines[i] ?? ''))
  let end = lastNonBlank(state.lines)
  while (end >= 0 && (state.lines[end] === '' || shared(end))) end -= 1
  for (let i = 0; i <= end; i += 1) {
    if (state.lines[i] === '' || !shared(i)) continue
    state.messages.push({
      file: state.file,
      line: i + 1,
      rule: 'repeated-boilerplate',
      severity: 'warning',
      reason: 'Kept a line that closes other documents as furniture, because here it stands inside the body',
    })
  }
}

// An ambiguous date (08/04/2024) is left null rather than guessed, and a byline without a person's name gives no author: both said so.
function headerWarnings(file: string, header: ParsedHeader): Message[] {
  const out: Message[] = []
  const { dateProblem: date, bylineProblem: byline } = header
  if (date)
    out.push({
      file,
      line: date.line,
      rule: 'header-date',
      severity: 'warning',
      reason: `Cannot read the date "${date.text}" (${date.problem}), so published is null`,
    })
  const dateLine = header.lines.find((l) => l.rule === 'header-date' || l.rule === 'header-byline')
  if (header.fromUpdate)
    out.push({
      file,
      ...(dateLine ? { line: dateLine.index + 1 } : {}),
      rule: 'header-date',
      severity: 'warning',
      reason: `The header shows only when the page was updated, so published is that date (${header.published})`,
    })
  if (header.labelledBy !== null)
    out.push({
      file,
      line: header.labelledBy.line,
      rule: 'header-byline',
      severity: 'warning',
      reason: `The header names no author; an author's label away from it does (${header.authors.join(', ')}: "${header.labelledBy.text}")`,
    })
  if (header.labelled !== null)
    out.push({
      file,
      line: header.labelled.line,
      rule: 'header-date',
      severity: 'warning',
      reason: header.labelled.alone
        ? `The header shows no date, so published is the date standing alone here, below the lead: "${header.labelled.text}"`
        : `The header shows no date, so published is the date labelled here, away from the title: "${header.labelled.text}"`,
    })
  if (byline && header.authors.length === 0)
    out.push({
      file,
      line: byline.line,
      rule: 'header-byline',
      severity: 'warning',
      reason: `Cannot read a person's name in the byline "${byline.text}", so authors is empty`,
    })
  return out
}

/** The share of lines at most as long as the wrap width: the longest few are titles or URLs. */
const WIDTH_PERCENTILE = 0.95

/** The width hard-wrapped lines were cut at: the 95th percentile of line length (a title longer than it was wrapped). */
function wrapWidth(lines: readonly string[]): number {
  const lengths = lines
    .filter((l) => l.trim() !== '')
    .map((l) => l.length)
    .sort((a, b) => a - b)
  return lengths.length === 0 ? DEFAULT_WIDTH : percentile(lengths, WIDTH_PERCENTILE)
}
