// How good the entities table is: the tagger the annotate stage uses, scored on a CoNLL-2003-format file
// given by path (the data is licensed and not shipped), by exact span and type, per type and overall.
// Usage: npx tsx eval/entities-conll.ts PATH/TO/eng.testb
import { readFileSync } from 'node:fs'
import type { Entity, Paragraph } from '../schemas/index.ts'
import { entitiesOf } from '../pipeline/stages/annotations/entities.ts'

/** CoNLL's entity types, by the entities table's types; MISC has no type here and is not scored. */
const TYPES = { person: 'PER', place: 'LOC', organization: 'ORG' } as const
type ConllType = (typeof TYPES)[keyof typeof TYPES]

/** One sentence of a CoNLL file: its tokens joined by spaces, and its gold entities as spans of that text. */
export interface ConllSentence {
  text: string
  gold: { start: number; end: number; type: ConllType }[]
}

/** Reads CoNLL-2003 text (a token and its tags a line, the entity tag last, IOB1 or IOB2; a blank line between sentences). */
export function readConll(text: string): ConllSentence[] {
  const sentences: ConllSentence[] = []
  let tokens: { word: string; tag: string }[] = []
  const flush = () => {
    if (tokens.length === 0) return
    const sentence: ConllSentence = { text: '', gold: [] }
    let open: { start: number; end: number; type: string } | null = null
    for (const { word, tag } of tokens) {
      const start = sentence.text === '' ? 0 : sentence.text.length + 1
      sentence.text = sentence.text === '' ? word : `${sentence.text} ${word}`
      const [prefix, type = ''] = tag.split('-')
      // An entity continues while the type holds and no B- tag starts a new one (IOB1 opens with I-).
      if (open !== null && (prefix === 'O' || prefix === 'B' || type !== open.type)) {
        if (open.type in INVERSE) sentence.gold.push({ start: open.start, end: open.end, type: open.type as ConllType })
        open = null
      }
      if (prefix !== 'O' && type !== '') open = open ?? { start, end: start, type }
      if (open !== null) open.end = start + word.length
    }
    if (open !== null && open.type in INVERSE)
      sentence.gold.push({ start: open.start, end: open.end, type: open.type as ConllType })
    sentences.push(sentence)
    tokens = []
  }
  for (const line of text.split('\n')) {
    const cells = line.trim().split(/\s+/)
    if (line.trim() === '' || cells[0] === '-DOCSTART-') flush()
    else tokens.push({ word: cells[0] ?? '', tag: cells.at(-1) ?? 'O' })
  }
  flush()
  return sentences
}

const INVERSE: Readonly<Record<string, true>> = { PER: true, LOC: true, ORG: true }

/** Precision, recall and F1 of one type, or of all. */
export interface TypeScore {
  type: ConllType | 'all'
  gold: number
  found: number
  right: number
  precision: number
  recall: number
  f1: number
}

/** Scores a tagger over the sentences by exact span and type. */
export function scoreConll(
  sentences: readonly ConllSentence[],
  tag: (text: string) => { start: number; end: number; type: ConllType }[],
): TypeScore[] {
  const counts = new Map<ConllType | 'all', { gold: number; found: number; right: number }>()
  const add = (type: ConllType | 'all', key: 'gold' | 'found' | 'right') => {
    const c = counts.get(type) ?? { gold: 0, found: 0, right: 0 }
    c[key] += 1
    counts.set(type, c)
  }
  for (const s of sentences) {
    const found = tag(s.text)
    const gold = new Set(s.gold.map((g) => `${g.start}:${g.end}:${g.type}`))
    for (const g of s.gold) {
      add(g.type, 'gold')
      add('all', 'gold')
    }
    for (const f of found) {
      add(f.type, 'found')
      add('all', 'found')
      if (!gold.has(`${f.start}:${f.end}:${f.type}`)) continue
      add(f.type, 'right')
      add('all', 'right')
    }
  }
  const order: (ConllType | 'all')[] = ['PER', 'LOC', 'ORG', 'all']
  return order.map((type) => {
    const { gold, found, right } = counts.get(type) ?? { gold: 0, found: 0, right: 0 }
    const precision = found === 0 ? 0 : right / found
    const recall = gold === 0 ? 0 : right / gold
    return {
      type,
      gold,
      found,
      right,
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    }
  })
}

/** The entities table's tagger on one sentence, as CoNLL spans (offsets in UTF-16 units of the sentence). */
export function pipelineTagger(text: string): { start: number; end: number; type: ConllType }[] {
  const paragraph = {
    paragraph_id: 'conll:0000',
    doc_id: 'conll',
    index: 0,
    kind: 'paragraph',
    section: null,
    text,
    n_words: 0,
    n_sentences: 0,
    n_chars: [...text].length,
    char_start: 0,
    char_end: [...text].length,
    line_start: 1,
    line_end: 1,
    emphasis: [],
    links: [],
  } satisfies Paragraph
  // The table's offsets are code points; a CoNLL sentence's are UTF-16 units of the same text.
  const units = (cp: number) => [...text].slice(0, cp).join('').length
  return entitiesOf([paragraph]).map((e: Entity) => ({
    start: units(e.char_start),
    end: units(e.char_end),
    type: TYPES[e.type],
  }))
}

/** The scores as a Markdown table. */
export function renderConll(scores: readonly TypeScore[]): string {
  const rows = scores.map(
    (s) =>
      `| ${s.type} | ${s.gold} | ${s.found} | ${s.right} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${s.f1.toFixed(3)} |`,
  )
  return [
    '| type | gold | found | right | precision | recall | F1 (exact span) |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2]
  if (path === undefined) {
    process.stderr.write('usage: npx tsx eval/entities-conll.ts FILE (a CoNLL-2003-format file, such as eng.testb)\n')
    process.exit(2)
  }
  process.stdout.write(`${renderConll(scoreConll(readConll(readFileSync(path, 'utf8')), pipelineTagger))}\n`)
}
