import type { z } from 'zod'
import { ChangeRow } from './change.ts'
import { Document } from './document.ts'
import { Paragraph } from './paragraph.ts'

export { CatalogRow } from './catalog.ts'
export { ChangeAction, ChangeRow } from './change.ts'
export { Document } from './document.ts'
export { Emphasis, Paragraph } from './paragraph.ts'

/** A table of the release: its file stem, the schema of one row and its primary key. */
export interface TableSpec<S extends z.ZodObject = z.ZodObject> {
  name: string
  schema: S
  primaryKey: string
  description: string
}

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
  changes: {
    name: 'changes',
    schema: ChangeRow,
    primaryKey: 'change_id',
    description: 'The audit trail: one row per removal, join, header extraction and normalisation, in raw-line order.',
  },
} as const satisfies Record<string, TableSpec>
