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

/** compromise, loaded on first use: a build's main thread, which only writes, never pays for its lexicon. */
function nlp(text: string): ReturnType<Nlp> {
  tagger ??= createRequire(import.meta.url)('compromise') as Nlp
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
