import { createRequire } from 'node:module'
import type nlpType from 'compromise'
import type { Entity, Paragraph } from '../../../schemas/index.ts'
import { docSpan, ref } from './spans.ts'

interface Match {
  offset: { start: number; length: number }
}

type Nlp = typeof nlpType
let tagger: Nlp | undefined

/** compromise's matcher's own shapes, with only the fields used here: a sentence's terms, a pattern, a match. */
type Sentence = unknown[]
interface Pattern {
  match: string
  needs: string[]
  wants: string[]
  minWant?: number
  minWords?: number
  ifNo?: string[]
}
interface Found {
  pointer: number[]
}
interface Net {
  hooks: Record<string, Pattern[]>
  always: Pattern[]
}
interface Methods {
  one: {
    cacheDoc(document: Sentence[]): Set<string>[]
    bulkMatch: BulkMatch
    match(document: Sentence[], pattern: Pattern): { ptrs: number[][] }
  }
}
/** compromise's `methods.one.bulkMatch`: runs a net of patterns over sentences, returning what matched where. */
export type BulkMatch = ((
  document: Sentence[],
  net: Net,
  methods: Methods,
  opts: { matchOne?: boolean },
) => Found[]) & { unwrapped?: BulkMatch }

/** A net's hooks indexed once: each key's rank in the net's key order, and a number per distinct pattern. */
interface Index {
  rank: Map<string, number>
  lists: { id: number; pattern: Pattern }[][]
  seen: Uint32Array
  round: number
}

function indexOf(net: Net): Index {
  const ids = new Map<string, number>()
  // compromise tells patterns apart by their match text: the same text under two keys is one pattern.
  const idOf = (pattern: Pattern) => {
    const id = ids.get(pattern.match) ?? ids.size
    ids.set(pattern.match, id)
    return id
  }
  const keys = Object.keys(net.hooks)
  const lists = keys.map((key) => (net.hooks[key] ?? []).map((pattern) => ({ pattern, id: idOf(pattern) })))
  return { rank: new Map(keys.map((key, i) => [key, i])), lists, seen: new Uint32Array(ids.size), round: 0 }
}

/** compromise's own test of a pattern against a sentence's words and tags, kept as it is (`minWant` included). */
function worthTrying(p: Pattern, has: Set<string>): boolean {
  if (!p.needs.every((need) => has.has(need))) return false
  if (p.ifNo?.some((no) => has.has(no))) return false
  return p.wants.length === 0 || p.wants.filter((want) => has.has(want)).length >= (p.minWant as number)
}

/**
 * compromise's bulkMatch with the same patterns tried in the same order on each sentence, so the same tags,
 * in about half the time. compromise walks all of a net's keys (730 in its tagger) for every sentence and
 * concatenates the patterns of each key the sentence has, then drops repeats; here the sentence's own words
 * and tags (about 30) are looked up, their keys put in the net's order, and repeats dropped by a number.
 */
export function sentenceAtATime(bulkMatch: BulkMatch): BulkMatch {
  const indexes = new WeakMap<Net, Index>()
  const wrapped: BulkMatch = (document, net, methods, opts) => {
    let index = indexes.get(net)
    if (index === undefined) {
      index = indexOf(net)
      indexes.set(net, index)
    }
    const caches = methods.one.cacheDoc(document)
    const results: Found[] = []
    for (const [n, sentence] of document.entries()) {
      const has = caches[n] ?? new Set<string>()
      const ranks: number[] = []
      for (const item of has) {
        const rank = index.rank.get(item)
        if (rank !== undefined) ranks.push(rank)
      }
      ranks.sort((a, b) => a - b)
      // A fresh round number marks every pattern unseen without clearing the array.
      index.round = (index.round + 1) >>> 0 || 1
      const round = index.round
      const tries: Pattern[] = []
      for (const rank of ranks) {
        for (const { id, pattern } of index.lists[rank] ?? []) {
          if (index.seen[id] === round) continue
          index.seen[id] = round
          if (worthTrying(pattern, has)) tries.push(pattern)
        }
      }
      for (const pattern of net.always) tries.push(pattern)
      for (const pattern of tries) {
        // Patterns longer than the sentence cannot match; compromise's own comparison, kept as it is.
        if (!(sentence.length >= (pattern.minWords as number))) continue
        const { ptrs } = methods.one.match([sentence], pattern)
        for (const ptr of ptrs) {
          ptr[0] = n
          results.push({ ...pattern, pointer: ptr })
        }
        if (opts.matchOne === true && ptrs.length > 0) return results.slice(0, 1)
      }
    }
    return results
  }
  wrapped.unwrapped = bulkMatch
  return wrapped
}

/** compromise, loaded on first use: a build's main thread, which only writes, never pays for its lexicon. */
function compromise(): Nlp {
  if (tagger === undefined) tagger = forEntities(createRequire(import.meta.url)('compromise') as Nlp)
  return tagger
}

/** The steps compromise runs on a text, less its last, the chunker: people, places and organisations are found from tags alone. */
export const entityHooks = (hooks: readonly string[]) => hooks.filter((hook) => hook !== 'chunks')

/** compromise set up for entities: the faster matcher, and no chunker. */
export function forEntities(compromise: Nlp): Nlp {
  const methods = compromise.methods() as Methods
  if (methods.one.bulkMatch.unwrapped === undefined) methods.one.bulkMatch = sentenceAtATime(methods.one.bulkMatch)
  const world = compromise.world() as { hooks: string[] }
  world.hooks = entityHooks(world.hooks)
  return compromise
}

// compromise's types allow only an object for `terms`; its code leaves the terms out when it is false.
const OFFSETS_ONLY = { offset: true, text: false, terms: false } as unknown as { offset: boolean }

const kinds = [
  ['person', (d: ReturnType<Nlp>) => d.people()],
  ['place', (d: ReturnType<Nlp>) => d.places()],
  ['organization', (d: ReturnType<Nlp>) => d.organizations()],
] as const

/** A paragraph longer than this is tagged a piece at a time: compromise's matching slows down with the square of a sentence's length (40,000 words without a full stop took 16 s). */
const LONG = 8192
/** About how long each piece of a long paragraph is, cut after a sentence end where there is one near, else at a space. */
const PIECE = 2048
/** About how much text compromise is given at once: each call costs a fixed part (its view, its selectors' patterns), and one text of a whole long document would hold all its words' objects at once. */
const BATCH = 16384

/** Where the pieces of a long paragraph start. */
function pieceStarts(text: string): number[] {
  const starts = [0]
  for (let at = PIECE; at < text.length; ) {
    // Looked for in the next PIECE units only: a search to the end of a text without a full stop, once a piece, is quadratic.
    const end = /[.!?]["'”’)\]]*\s+/.exec(text.slice(at, at + PIECE))
    const next = end !== null ? at + end.index + end[0].length : text.indexOf(' ', at) + 1
    if (next <= 0 || next >= text.length) break
    starts.push(next)
    at = next + PIECE
  }
  return starts
}

/** A text compromise tags on its own: a paragraph, or a piece of a long one, and where it starts in its paragraph. */
interface Unit {
  paragraph: number
  from: number
  text: string
}

/** The paragraphs' units, in order, gathered into batches of about BATCH units of text (a longer unit alone). */
function batchesOf(paragraphs: readonly Paragraph[]): Unit[][] {
  const batches: Unit[][] = [[]]
  let size = 0
  for (const [paragraph, { text }] of paragraphs.entries()) {
    const starts = text.length > LONG ? pieceStarts(text) : [0]
    for (const [k, from] of starts.entries()) {
      const unit = { paragraph, from, text: text.slice(from, starts[k + 1] ?? text.length) }
      const batch = batches[batches.length - 1] as Unit[]
      if (batch.length > 0 && size + unit.text.length > BATCH) {
        batches.push([unit])
        size = unit.text.length
      } else {
        batch.push(unit)
        size += unit.text.length
      }
    }
  }
  return batches
}

/** compromise's terms, as far as their offsets are concerned. */
interface Term {
  pre: string
  text: string
  post: string
}

/**
 * Tags a batch of units as one compromise document whose sentences are each unit's own, as compromise
 * splits the unit alone: compromise tags a sentence from its own words only, so each unit gets the tags
 * it would get alone. Returns each match with its unit and its offset in the unit's text.
 */
function tagBatch(batch: readonly Unit[]): { unit: Unit; type: Entity['type']; start: number; length: number }[] {
  const nlp = compromise()
  const world = nlp.world() as { methods: { one: { tokenize: { fromString(text: string, w: unknown): Term[][] } } } }
  const sentences: Term[][] = []
  // Where each unit starts in compromise's count of the document's characters, which its offsets are in.
  const bases: number[] = []
  let at = 0
  for (const unit of batch) {
    bases.push(at)
    for (const terms of world.methods.one.tokenize.fromString(unit.text, world)) {
      for (const t of terms) at += t.pre.length + t.text.length + t.post.length
      sentences.push(terms)
    }
  }
  // compromise's JSON input: sentences of terms already split, taken as they are.
  const doc = nlp(sentences.map((terms) => ({ terms })) as unknown as string)
  const found: { unit: Unit; type: Entity['type']; start: number; length: number }[] = []
  for (const [type, select] of kinds) {
    // Only each match's offsets: a plain view's JSON without its terms (People's own JSON parses every name).
    for (const m of select(doc).toView(null).json(OFFSETS_ONLY) as Match[]) {
      const k = lastAtOrBefore(bases, m.offset.start)
      found.push({
        unit: batch[k] as Unit,
        type,
        start: m.offset.start - (bases[k] as number),
        length: m.offset.length,
      })
    }
  }
  return found
}

/** The index of the last of the ascending numbers at or before n (a unit without words starts where the next does). */
function lastAtOrBefore(ascending: readonly number[], n: number): number {
  let [low, high] = [0, ascending.length - 1]
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((ascending[mid] as number) <= n) low = mid
    else high = mid - 1
  }
  return low
}

/** People, places and organisations compromise finds in a document's paragraphs, with offsets; trailing punctuation trimmed. */
export function entitiesOf(paragraphs: readonly Paragraph[]): Entity[] {
  const found: Omit<Entity, 'entity_id'>[][] = paragraphs.map(() => [])
  for (const batch of batchesOf(paragraphs)) {
    for (const { unit, type, start, length } of tagBatch(batch)) {
      const p = paragraphs[unit.paragraph] as Paragraph
      const raw = unit.text.slice(start, start + length)
      const text = raw.replace(/^[\s"“‘(]+|[\s.,;:!?"”’)]+$/gu, '').replace(/['’]s$/u, '')
      if (text === '') continue
      const at = unit.from + start + raw.indexOf(text)
      found[unit.paragraph]?.push({ ...ref(p), text, type, ...docSpan(p, at, at + text.length) })
    }
  }
  return found.flatMap((rows, i) => {
    rows.sort((a, b) => a.char_start - b.char_start || a.char_end - b.char_end || a.type.localeCompare(b.type))
    const id = (paragraphs[i] as Paragraph).paragraph_id
    return rows.map((e, n) => ({ entity_id: `${id}:e${String(n).padStart(3, '0')}`, ...e }))
  })
}
