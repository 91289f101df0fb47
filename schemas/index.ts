import type { z } from 'zod'
import { Entity, NearCopy, NumberMention, Quote, Reuse, Sentence } from './annotations.ts'
import { ChangeRow } from './change.ts'
import { Document } from './document.ts'
import { Paragraph } from './paragraph.ts'

export { Entity, NearCopy, NumberMention, Quote, Reuse, Sentence } from './annotations.ts'
export { CatalogRow } from './catalog.ts'
export { MessageRow } from './message.ts'
export { Reject } from './reject.ts'
export { ChangeAction, ChangeRow } from './change.ts'
export { Document } from './document.ts'
export { Emphasis, Link, Paragraph } from './paragraph.ts'

/** A table of the release: its file stem, the schema of one row and its primary key. */
export interface TableSpec<S extends z.ZodObject = z.ZodObject> {
  name: string
  schema: S
  primaryKey: string
  description: string
}

/** The annotation tables: what a build may leave out (`--annotate`); the others hold the text, its metadata and its audit trail. */
export const annotationTables = ['sentences', 'quotes', 'entities', 'numbers', 'reuse'] as const
export type AnnotationTable = (typeof annotationTables)[number]

/** Every table the pipeline writes, in the order they are written and documented. */
export const tables = {
  documents: {
    name: 'documents',
    schema: Document,
    primaryKey: 'doc_id',
    description: 'One row per article.',
  },
  paragraphs: {
    name: 'paragraphs',
    schema: Paragraph,
    primaryKey: 'paragraph_id',
    description: 'One row per paragraph or section heading of an article body, in order.',
  },
  sentences: {
    name: 'sentences',
    schema: Sentence,
    primaryKey: 'sentence_id',
    description: 'One row per sentence of every paragraph and heading, with offsets.',
  },
  quotes: {
    name: 'quotes',
    schema: Quote,
    primaryKey: 'quote_id',
    description:
      'One row per quoted span (straight and curly quotes, nested quotes), with the speaker a verb of saying names.',
  },
  entities: {
    name: 'entities',
    schema: Entity,
    primaryKey: 'entity_id',
    description:
      'One row per person, place or organisation that compromise finds in an article in English (or of a language that cannot be told), with offsets.',
  },
  numbers: {
    name: 'numbers',
    schema: NumberMention,
    primaryKey: 'number_id',
    description: 'One row per number written in digits, with its value and the unit after it.',
  },
  reuse: {
    name: 'reuse',
    schema: Reuse,
    primaryKey: 'reuse_id',
    description:
      'One row per paragraph that repeats a passage of at least 8 words from an earlier document, paired with the paragraph that had it first.',
  },
  near_copies: {
    name: 'near_copies',
    schema: NearCopy,
    primaryKey: 'near_copy_id',
    description:
      'One row per pair of documents of which one repeats at least half of the other (the reuse table, added up by document): editions of one story, an article run twice. Made with reuse.',
  },
  changes: {
    name: 'changes',
    schema: ChangeRow,
    primaryKey: 'change_id',
    description: 'The audit trail: one row per removal, join, header extraction and normalisation, in raw-line order.',
  },
} as const satisfies Record<string, TableSpec>

/** The tables a release holds when it is built with these annotation tables, in the order they are written. */
export const releaseTables = (annotate: readonly AnnotationTable[]): (keyof typeof tables)[] =>
  (Object.keys(tables) as (keyof typeof tables)[]).filter((name) => {
    // Near-copies are the reuse table added up by document: made with it, left out with it.
    const made = name === 'near_copies' ? 'reuse' : name
    return !(annotationTables as readonly string[]).includes(made) || (annotate as readonly string[]).includes(made)
  })
