import { createRequire } from 'node:module'
import type nlpType from 'compromise'
import type { Entity, Paragraph } from '../../schemas/index.ts'
import { docSpan, ref } from './spans.ts'

interface Match {
  text: string
  offset: { start: number; length: number }
}

type Nlp = typeof nlpType
let tagger: Nlp | undefined

/** compromise's matcher's own shapes, with only the fields used here: a sentence's terms, a pattern, a match. */
type Sentence = unknown[]
interface Pattern {
  match: string
}
interface Found {
  pointer: number[]
}
interface Net {
  hooks: Record<string, Pattern[]>
}
interface Methods {
  one: { cacheDoc(document: Sentence[]): Set<string>[]; bulkMatch: BulkMatch }
}
/** compromise's `methods.one.bulkMatch`: runs a net of patterns over sentences, returning what matched where. */
export type BulkMatch = ((document: Sentence[], net: Net, methods: Methods, opts: { matchOne?: boolean }) => Found[]) & { unwrapped?: BulkMatch }

/**
 * compromise's bulkMatch, fed one sentence at a time with that sentence's candidate patterns already
 * gathered: the same patterns in the same order, so the same tags, in about half the time. compromise
 * gathers them by concatenating the whole list so far with each next word's or tag's patterns, which is
 * quadratic in the patterns and was half of all tagging time; handed one list, it concatenates once.
 */
export function sentenceAtATime(bulkMatch: BulkMatch): BulkMatch {
  const keysOf = new WeakMap<object, string[]>()
  const wrapped: BulkMatch = (document, net, methods, opts) => {
    let keys = keysOf.get(net.hooks)
    if (keys === undefined) keysOf.set(net.hooks, (keys = Object.keys(net.hooks)))
    const caches = methods.one.cacheDoc(document)
    const results: Found[] = []
    for (const [n, sentence] of document.entries()) {
      const cache = caches[n] ?? new Set()
      // The patterns hooked on any word or tag of the sentence, in key order; compromise drops the repeats itself.
      const candidates: Pattern[] = []
      for (const key of keys) if (cache.has(key)) candidates.push(...(net.hooks[key] ?? []))
      // Handed over under one key the sentence has, compromise's own gathering takes the list in one step.
      const hooks: Record<string, Pattern[]> = Object.create(null) as Record<string, Pattern[]>
      const key = cache.values().next().value
      if (candidates.length > 0 && key !== undefined) hooks[key] = candidates
      const found = bulkMatch([sentence], { ...net, hooks }, methods, opts)
      for (const f of found) {
        f.pointer[0] = n
        results.push(f)
      }
      if (opts.matchOne === true && found.length > 0) return found
    }
    return results
  }
  wrapped.unwrapped = bulkMatch
  return wrapped
}

/** compromise, loaded on first use: a build's main thread, which only writes, never pays for its lexicon. */
function nlp(text: string): ReturnType<Nlp> {
  if (tagger === undefined) {
    tagger = createRequire(import.meta.url)('compromise') as Nlp
    const methods = tagger.methods() as Methods
    if (methods.one.bulkMatch.unwrapped === undefined) methods.one.bulkMatch = sentenceAtATime(methods.one.bulkMatch)
  }
  return tagger(text)
}

const kinds = [
  ['person', (d: ReturnType<Nlp>) => d.people()],
  ['place', (d: ReturnType<Nlp>) => d.places()],
  ['organization', (d: ReturnType<Nlp>) => d.organizations()],
] as const

/** People, places and organisations compromise finds in a paragraph, with offsets; trailing punctuation trimmed. */
export function entitiesOf(p: Paragraph): Entity[] {
  const doc = nlp(p.text)
  const found: Omit<Entity, 'entity_id'>[] = []
  for (const [type, select] of kinds) {
    for (const m of select(doc).out('offset') as Match[]) {
      const raw = p.text.slice(m.offset.start, m.offset.start + m.offset.length)
      const text = raw.replace(/^[\s"“‘(]+|[\s.,;:!?"”’)]+$/gu, '').replace(/['’]s$/u, '')
      if (text === '') continue
      const start = m.offset.start + raw.indexOf(text)
      found.push({ ...ref(p), text, type, ...docSpan(p, start, start + text.length) })
    }
  }
  found.sort((a, b) => a.char_start - b.char_start || a.char_end - b.char_end || a.type.localeCompare(b.type))
  return found.map((e, i) => ({ entity_id: `${p.paragraph_id}:e${String(i).padStart(3, '0')}`, ...e }))
}
