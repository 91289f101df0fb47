import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Reject, tables, type Document, type Paragraph } from '../../schemas/index.ts'
import { datasetCard } from '../release/card.ts'
import { citationFile, citationText } from '../release/citation.ts'
import { croissant } from '../release/croissant.ts'
import { dataPackage } from '../release/datapackage.ts'
import type { DatasetInfo } from '../release/dataset.ts'
import { jsonSchemas } from '../release/jsonschema.ts'
import { describeFile, makeManifest, MANIFEST, type Manifest } from '../release/manifest.ts'
import type { Provenance } from '../release/provenance.ts'
import { toArrow } from './arrow.ts'
import { columnsOf } from './columns.ts'
import { toCsv } from './csv.ts'
import { toJsonl } from './jsonl.ts'

/** The rows of every table of a release. */
export type TableRows = { [K in keyof typeof tables]: readonly Record<string, unknown>[] }

/** The report of inputs left out of the release. */
export const REJECTS = 'rejects.jsonl'

/** The formats each table is written in, by file extension. */
export const formats = ['csv', 'jsonl', 'arrow'] as const

/** Renders every table in every format: file name → bytes; the Arrow schema carries the dataset's name and version. */
export function renderTables(rows: TableRows, info: Pick<DatasetInfo, 'name' | 'version'>): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>()
  const metadata = new Map([
    ['dataset', info.name],
    ['version', info.version],
  ])
  for (const [key, spec] of Object.entries(tables) as [keyof typeof tables, (typeof tables)[keyof typeof tables]][]) {
    const columns = columnsOf(spec)
    files.set(`${spec.name}.csv`, toCsv(columns, rows[key]))
    files.set(`${spec.name}.jsonl`, toJsonl(columns, rows[key]))
    files.set(`${spec.name}.arrow`, toArrow(columns, rows[key], new Map([...metadata, ['table', spec.name]])))
  }
  return files
}

/** What a release is made of besides its rows: the dataset's identity, provenance and raw inputs. */
export interface ReleaseContext {
  info: DatasetInfo
  provenance: Provenance
  inputs: Manifest['inputs']
  /** Inputs left out, written to rejects.jsonl. */
  rejects: readonly Reject[]
}

/**
 * Renders the whole release: the tables, their JSON Schemas, the Data Package, Croissant metadata, the
 * dataset card, CITATION.cff, and last the manifest of all of them.
 */
export function renderRelease(rows: TableRows, release: ReleaseContext): Map<string, string | Uint8Array> {
  const { info, provenance } = release
  const files = renderTables(rows, info)
  const counts = new Map<string, number>()
  for (const spec of Object.values(tables)) for (const ext of formats) counts.set(`${spec.name}.${ext}`, rows[spec.name as keyof TableRows].length)
  files.set(REJECTS, toJsonl(columnsOf({ schema: Reject }), release.rejects as unknown as Record<string, unknown>[]))
  counts.set(REJECTS, release.rejects.length)
  const describe = () => new Map([...files].map(([path, content]) => [path, describeFile(path, content, counts.get(path) ?? null)]))
  for (const [path, content] of jsonSchemas(info)) files.set(path, content)
  const tableFiles = describe()
  files.set('datapackage.json', dataPackage(info, provenance.released, tableFiles))
  files.set('croissant.json', croissant(info, provenance.released, tableFiles, citationText(info, provenance.released)))
  files.set('README.md', datasetCard(info, provenance.released, rows.documents as Document[], rows.paragraphs as Paragraph[]))
  files.set('CITATION.cff', citationFile(info, provenance.released))
  const manifest = makeManifest(info, provenance, release.inputs, [...describe().values()])
  files.set(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`)
  return files
}

/**
 * Writes a release atomically: everything goes to a sibling temporary folder, which then replaces
 * `outDir` by rename, so a build that dies half-way leaves the previous release whole.
 */
export async function writeRelease(outDir: string, files: Map<string, string | Uint8Array>): Promise<void> {
  const tmp = `${outDir}.tmp-${process.pid}`
  const old = `${outDir}.old-${process.pid}`
  await rm(tmp, { recursive: true, force: true })
  for (const [name, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = join(tmp, name)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, content)
  }
  await mkdir(dirname(outDir), { recursive: true })
  const hadOld = await rename(outDir, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false
      throw error
    },
  )
  await rename(tmp, outDir)
  if (hadOld) await rm(old, { recursive: true, force: true })
}
