import type { z } from 'zod'
import { tables } from '../schemas/index.ts'
import { failDoc, type Doc, type Stage } from './types.ts'

/** Describes a zod failure as `table[record] (id).field: message` for the first few issues. */
export function describeIssues(table: string, index: number | null, id: string, error: z.ZodError): string[] {
  const record = index === null ? table : `${table}[${index}]`
  return error.issues.slice(0, 5).map((issue) => `Invalid record ${record} (${id}).${issue.path.join('.') || '(record)'}: ${issue.message}`)
}

/** Checks every record against its zod schema; a document with any invalid record fails whole. */
export const validate: Stage = (doc) => {
  if (doc.document === undefined || doc.paragraphs === undefined || doc.changeRows === undefined) {
    return failDoc(doc, 'validate', 'Cannot validate without annotated records, expected the annotate stage to run first')
  }
  const problems: { reason: string; line?: number }[] = []
  const document = tables.documents.schema.safeParse(doc.document)
  if (!document.success) problems.push(...describeIssues('documents', null, doc.doc_id, document.error).map((reason) => ({ reason })))
  for (const [index, paragraph] of doc.paragraphs.entries()) {
    const result = tables.paragraphs.schema.safeParse(paragraph)
    if (result.success) continue
    const reasons = describeIssues('paragraphs', index, paragraph.paragraph_id, result.error)
    problems.push(...reasons.map((reason) => ({ reason, line: paragraph.line_start })))
  }
  for (const [index, change] of (doc.changeRows ?? []).entries()) {
    const result = tables.changes.schema.safeParse(change)
    if (result.success) continue
    const reasons = describeIssues('changes', index, change.change_id, result.error)
    problems.push(...reasons.map((reason) => ({ reason, line: change.line_start })))
  }
  if (doc.paragraphs.length === 0) problems.push({ reason: 'No body text after the header, expected at least one paragraph' })
  return problems.reduce((d, p) => failDoc(d, 'schema', p.reason, p.line), doc)
}
