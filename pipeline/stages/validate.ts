import type { z } from 'zod'
import { tables } from '../../schemas/index.ts'
import { failDoc, type Stage } from '../types.ts'

/** Describes a zod failure as `table[record] (id).field: message` for the first few issues. */
export function describeIssues(table: string, index: number | null, id: string, error: z.ZodError): string[] {
  const record = index === null ? table : `${table}[${index}]`
  return error.issues
    .slice(0, 5)
    .map((issue) => `Invalid record ${record} (${id}).${issue.path.join('.') || '(record)'}: ${issue.message}`)
}

/** Checks every record against its zod schema; a document with any invalid record fails whole. */
export const validate: Stage = (doc) => {
  const { document, paragraphs, changeRows, annotations } = doc
  if (document === undefined || paragraphs === undefined || changeRows === undefined || annotations === undefined) {
    return failDoc(
      doc,
      'validate',
      'Cannot validate without annotated records, expected the annotate stage to run first',
    )
  }
  const lineOf = new Map(paragraphs.map((p) => [p.paragraph_id, p.line_start]))
  const groups: [keyof typeof tables, readonly Record<string, unknown>[]][] = [
    ['documents', [document]],
    ['paragraphs', paragraphs],
    ['changes', changeRows],
    ...(Object.entries(annotations) as [keyof typeof tables, Record<string, unknown>[]][]),
  ]
  const problems: { reason: string; line?: number }[] = []
  for (const [name, rows] of groups) {
    const spec = tables[name]
    for (const [index, row] of rows.entries()) {
      const result = spec.schema.safeParse(row)
      if (result.success) continue
      const line = typeof row.line_start === 'number' ? row.line_start : lineOf.get(String(row.paragraph_id))
      const reasons = describeIssues(
        name,
        name === 'documents' ? null : index,
        String(row[spec.primaryKey]),
        result.error,
      )
      problems.push(...reasons.map((reason) => (line === undefined ? { reason } : { reason, line })))
    }
  }
  // An export's article may be a graphic or a table with only its fields: it appeared, and is kept with them.
  if (paragraphs.length === 0 && doc.exported === undefined)
    problems.push({ reason: 'No body text after the header, expected at least one paragraph' })
  if (paragraphs.length === 0 && doc.exported !== undefined && problems.length === 0) {
    const line = doc.exported.lines.find((l) => l.rule === 'export-header')?.line ?? 1
    const reason = `Article ${doc.exported.position} of this export holds no text, only its fields (a graphic, a map, a table): kept with no paragraphs`
    return {
      ...doc,
      messages: [...doc.messages, { file: doc.source_path, line, rule: 'export-no-text', severity: 'warning', reason }],
    }
  }
  return problems.reduce((d, p) => failDoc(d, 'schema', p.reason, p.line), doc)
}
