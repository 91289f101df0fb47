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
function nlp(text: string): ReturnType<Nlp> {
  if (tagger === undefined) tagger = forEntities(createRequire(import.meta.url)('compromise') as Nlp)
  return tagger(text)
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

/** People, places and organisations compromise finds in a paragraph, with offsets; trailing punctuation trimmed. */
export function entitiesOf(p: Paragraph): Entity[] {
  const starts = p.text.length > LONG ? pieceStarts(p.text) : [0]
  const found: Omit<Entity, 'entity_id'>[] = []
  for (const [k, from] of starts.entries()) {
    const piece = p.text.slice(from, starts[k + 1] ?? p.text.length)
    const doc = nlp(piece)
    for (const [type, select] of kinds) {
      // Only each match's offsets: a plain view's JSON without its terms (People's own JSON parses every name).
      for (const m of select(doc).toView(null).json(OFFSETS_ONLY) as Match[]) {
        const raw = piece.slice(m.offset.start, m.offset.start + m.offset.length)
        const text = raw.replace(/^[\s"“‘(]+|[\s.,;:!?"”’)]+$/gu, '').replace(/['’]s$/u, '')
        if (text === '') continue
        const start = from + m.offset.start + raw.indexOf(text)
        found.push({ ...ref(p), text, type, ...docSpan(p, start, start + text.length) })
      }
    }
  }
  found.sort((a, b) => a.char_start - b.char_start || a.char_end - b.char_end || a.type.localeCompare(b.type))
  return found.map((e, i) => ({ entity_id: `${p.paragraph_id}:e${String(i).padStart(3, '0')}`, ...e }))
}
