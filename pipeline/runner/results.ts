import {
  releaseTables,
  type AnnotationTable,
  type ChangeRow,
  type Document,
  type Entity,
  type NumberMention,
  type Paragraph,
  type Quote,
  type Reject,
  type Sentence,
} from '../../schemas/index.ts'
import { keptOnceRules, type Doc, type Message } from '../types.ts'
import { renderRows, type RenderedRows, type TableName } from '../write/stream.ts'

/** The tables made one document at a time (reuse compares documents, so it is made when they are assembled). */
export const docTables = [
  'documents',
  'paragraphs',
  'sentences',
  'quotes',
  'entities',
  'numbers',
  'changes',
] as const satisfies readonly TableName[]
export type DocTableName = (typeof docTables)[number]

/** The per-document tables a release built with these annotation tables holds, in the order they are written. */
export const docTablesOf = (annotate: readonly AnnotationTable[]): DocTableName[] =>
  docTables.filter((t) => releaseTables(annotate).includes(t))

/** One document's rows of every per-document table. */
export interface DocRows {
  documents: Document[]
  paragraphs: Paragraph[]
  sentences: Sentence[]
  quotes: Quote[]
  entities: Entity[]
  numbers: NumberMention[]
  changes: ChangeRow[]
}

/** What processing one document gives: its rows, or none when it was rejected, and its messages (an export's articles give one each). */
export interface DocResult {
  doc_id: string
  source_path: string
  source_sha256: string
  rows: DocRows | null
  /** Each table's rows as its CSV and JSON Lines files hold them, rendered with the rows. */
  rendered?: Record<DocTableName, RenderedRows>
  messages: Message[]
}

/** The result of a document that went through the stages (or failed in one). */
export function resultOf(doc: Doc): DocResult {
  const { document, paragraphs, changeRows, annotations } = doc
  const ok =
    !doc.failed &&
    document !== undefined &&
    paragraphs !== undefined &&
    changeRows !== undefined &&
    annotations !== undefined
  const rows: DocRows | null = ok ? { documents: [document], paragraphs, ...annotations, changes: changeRows } : null
  const result: DocResult = {
    doc_id: doc.doc_id,
    source_path: doc.source_path,
    source_sha256: doc.source_sha256,
    rows,
    messages: doc.messages,
  }
  if (rows !== null)
    result.rendered = Object.fromEntries(docTables.map((t) => [t, renderRows(t, rows[t])])) as Record<
      DocTableName,
      RenderedRows
    >
  return result
}

/** The reject entry of a result without rows: its first error. */
export function rejectOf(result: Pick<DocResult, 'source_path' | 'messages'>): Reject {
  const error = result.messages.find((m) => m.severity === 'error' || keptOnceRules.has(m.rule))
  return {
    source_path: result.source_path,
    rule: error?.rule ?? 'failed',
    line: error?.line ?? null,
    reason: error?.reason ?? 'Failed without a message',
  }
}
