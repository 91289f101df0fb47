import { tables } from '../../schemas/index.ts'
import { columnsOf, type Column, type ColumnType } from '../write/columns.ts'
import type { DatasetInfo } from './dataset.ts'
import type { ManifestFile } from './manifest.ts'

/** The Croissant 1.0 JSON-LD context, as the specification gives it. */
const CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  dct: 'http://purl.org/dc/terms/',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  sc: 'https://schema.org/',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
}

const DATA_TYPES: Record<Exclude<ColumnType['kind'], 'list' | 'struct'>, string> = {
  string: 'sc:Text',
  integer: 'sc:Integer',
  number: 'sc:Float',
  boolean: 'sc:Boolean',
  date: 'sc:Date',
}

// A field read from the JSON Lines file; a list repeats its item type, a struct has sub-fields.
function field(table: string, column: Column, path: string): Record<string, unknown> {
  const id = `${table}/${path}`
  const base = {
    '@type': 'cr:Field',
    '@id': id,
    name: column.name,
    description: column.description,
    source: { fileObject: { '@id': `${table}.jsonl` }, extract: { jsonPath: `$.${path}` } },
  }
  const type = column.type.kind === 'list' ? column.type.items : column.type
  const repeated = column.type.kind === 'list' ? { repeated: true } : {}
  if (type.kind === 'list') return { ...base, ...repeated, dataType: 'sc:Text' }
  if (type.kind === 'struct')
    return { ...base, ...repeated, subField: type.fields.map((f) => field(table, f, `${path}.${f.name}`)) }
  return { ...base, ...repeated, dataType: DATA_TYPES[type.kind] }
}

/** MLCommons Croissant 1.0 metadata: every file with its sha256, and a record set per table with its fields. */
export function croissant(
  info: DatasetInfo,
  released: string,
  files: Map<string, ManifestFile>,
  citation: string,
): string {
  const distribution = [...files.values()]
    .filter((f) => /\.(csv|jsonl|arrow)$/.test(f.path))
    .map((f) => ({
      '@type': 'cr:FileObject',
      '@id': f.path,
      name: f.path,
      contentUrl: f.path,
      contentSize: `${f.bytes} B`,
      encodingFormat: f.path.endsWith('.csv')
        ? 'text/csv'
        : f.path.endsWith('.jsonl')
          ? 'application/jsonlines'
          : 'application/vnd.apache.arrow.file',
      sha256: f.sha256,
    }))
  const recordSet = Object.values(tables)
    .filter((spec) => files.has(`${spec.name}.csv`))
    .map((spec) => ({
      '@type': 'cr:RecordSet',
      '@id': spec.name,
      name: spec.name,
      description: spec.description,
      key: { '@id': `${spec.name}/${spec.primaryKey}` },
      field: columnsOf(spec).map((c) => field(spec.name, c, c.name)),
    }))
  const doc = {
    '@context': CONTEXT,
    '@type': 'sc:Dataset',
    name: info.name,
    description: info.description,
    conformsTo: 'http://mlcommons.org/croissant/1.0',
    citeAs: citation,
    license: info.license_note,
    ...(info.repository === undefined ? {} : { url: info.repository }),
    version: info.version,
    datePublished: released,
    keywords: info.keywords,
    creator: info.creators.map((c) => ({ '@type': 'sc:Organization', name: c.name })),
    distribution,
    recordSet,
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}
