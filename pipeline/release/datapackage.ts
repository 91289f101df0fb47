import { tables } from '../../schemas/index.ts'
import { columnsOf, type Column } from '../write/columns.ts'
import type { DatasetInfo } from './dataset.ts'
import type { ManifestFile } from './manifest.ts'

// Table Schema types: lists and structs are JSON in the CSV, so `array` and `object`.
function fieldType(column: Column): Record<string, unknown> {
  const t = column.type
  if (t.kind === 'integer') return { type: 'integer' }
  if (t.kind === 'number') return { type: 'number' }
  if (t.kind === 'boolean') return { type: 'boolean', trueValues: ['true'], falseValues: ['false'] }
  if (t.kind === 'date') return { type: 'date', format: 'default' }
  if (t.kind === 'list') return { type: 'array' }
  if (t.kind === 'struct') return { type: 'object' }
  return t.enum ? { type: 'string', categories: t.enum } : { type: 'string' }
}

/** Which column of a table refers to which other table (foreign keys). */
const REFERENCES: Record<string, string> = {
  doc_id: 'documents',
  paragraph_id: 'paragraphs',
  doc_id_a: 'documents',
  doc_id_b: 'documents',
  paragraph_id_a: 'paragraphs',
  paragraph_id_b: 'paragraphs',
}

/** A Frictionless Data Package 2.0 descriptor: one tabular resource per table's CSV, the other formats as plain resources. */
export function dataPackage(info: DatasetInfo, released: string, files: Map<string, ManifestFile>): string {
  const resources = Object.values(tables)
    .filter((spec) => files.has(`${spec.name}.csv`))
    .flatMap((spec) => {
      const columns = columnsOf(spec)
      const csv = files.get(`${spec.name}.csv`)
      const foreignKeys = columns
        .filter(
          (c) => REFERENCES[c.name] !== undefined && REFERENCES[c.name] !== spec.name && c.name !== spec.primaryKey,
        )
        .map((c) => ({
          fields: [c.name],
          reference: { resource: REFERENCES[c.name], fields: [c.name.replace(/_[ab]$/, '')] },
        }))
      const tabular = {
        name: spec.name,
        type: 'table',
        path: `${spec.name}.csv`,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        description: spec.description,
        bytes: csv?.bytes,
        hash: `sha256:${csv?.sha256}`,
        dialect: {
          $schema: 'https://datapackage.org/profiles/2.0/tabledialect.json',
          header: true,
          delimiter: ',',
          lineTerminator: '\r\n',
          quoteChar: '"',
          doubleQuote: true,
        },
        schema: {
          $schema: 'https://datapackage.org/profiles/2.0/tableschema.json',
          fields: columns.map((c) => ({
            name: c.name,
            description: c.description,
            ...fieldType(c),
            constraints: { required: !c.nullable },
          })),
          missingValues: [''],
          primaryKey: [spec.primaryKey],
          ...(foreignKeys.length > 0 ? { foreignKeys } : {}),
        },
      }
      const others = (['jsonl', 'arrow'] as const).map((ext) => {
        const file = files.get(`${spec.name}.${ext}`)
        return {
          name: `${spec.name}-${ext}`,
          path: `${spec.name}.${ext}`,
          format: ext,
          mediatype: ext === 'jsonl' ? 'application/jsonl' : 'application/vnd.apache.arrow.file',
          description: `${spec.description} The same rows as ${spec.name}.csv, as ${ext === 'jsonl' ? 'JSON Lines' : 'an Arrow IPC file'}.`,
          bytes: file?.bytes,
          hash: `sha256:${file?.sha256}`,
        }
      })
      return [tabular, ...others]
    })
  const descriptor = {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: info.name,
    title: info.title,
    description: info.description,
    version: info.version,
    created: `${released}T00:00:00Z`,
    ...(info.repository === undefined ? {} : { homepage: info.repository }),
    keywords: info.keywords,
    contributors: info.creators.map((c) => ({ title: c.name, roles: ['creator'] })),
    licenses: [{ name: info.license_name, title: info.license_note }],
    resources,
  }
  return `${JSON.stringify(descriptor, null, 2)}\n`
}
