// A release's own files, made once its tables are written: rejects, JSON Schemas, Data Package, Croissant,
// the dataset card, CITATION.cff, the review site, and last the manifest of them all.
import { writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Reject, tables } from '../../schemas/index.ts'
import type { Input } from '../stages/read.ts'
import { columnsOf } from '../write/columns.ts'
import { makeFolder } from '../write/folders.ts'
import { toJsonl } from '../write/jsonl.ts'
import { MESSAGES } from '../write/messages.ts'
import type { TableName } from '../write/stream.ts'
import { datasetCard, type CorpusStats } from './card.ts'
import { citationFile, citationText } from './citation.ts'
import { croissant } from './croissant.ts'
import { dataPackage } from './datapackage.ts'
import type { DatasetInfo } from './dataset.ts'
import { jsonSchemas } from './jsonschema.ts'
import { describeFile, describeOnDisk, makeManifest, MANIFEST, type ManifestFile } from './manifest.ts'
import type { Provenance } from './provenance.ts'
import { writeReview } from './review/index.ts'

/** The folder of the review site inside a release. */
export const REVIEW = 'review'

/** The report of inputs left out of the release. */
export const REJECTS = 'rejects.jsonl'

/** The formats each table is written in, by file extension. */
export const formats = ['csv', 'jsonl', 'arrow'] as const

/** What a release is made of besides its rows: the dataset's identity, provenance, inputs and statistics. */
export interface ReleaseContext {
  info: DatasetInfo
  provenance: Provenance
  inputs: Iterable<Input>
  /** Inputs left out, written to rejects.jsonl. */
  rejects: readonly Reject[]
  /** Rows written to each table. */
  counts: ReadonlyMap<TableName, number>
  stats: CorpusStats
  /** Rows written to messages.jsonl (the build's MessageLog), which the manifest lists. */
  messages: number
  /** The raw folder, when the release gets its review site (review/): its article pages show the raw files. */
  rawDir?: string
}

/**
 * Completes a release whose tables are already written in `dir`: the rejects report, the JSON Schemas, the
 * Data Package, Croissant metadata, the dataset card, CITATION.cff, and last the manifest of all of them.
 */
export async function finishRelease(dir: string, release: ReleaseContext): Promise<void> {
  const { info, provenance } = release
  const described: ManifestFile[] = []
  // The tables written: every one, or without the annotation tables a build left out (`--annotate`).
  const written = (Object.keys(tables) as TableName[]).filter((key) => release.counts.has(key))
  for (const key of written) {
    for (const ext of formats)
      described.push(await describeOnDisk(dir, `${tables[key].name}.${ext}`, release.counts.get(key) ?? 0))
  }
  const files = new Map<string, string>()
  described.push(await describeOnDisk(dir, MESSAGES, release.messages))
  files.set(REJECTS, toJsonl(columnsOf({ schema: Reject }), release.rejects as unknown as Record<string, unknown>[]))
  described.push(describeFile(REJECTS, files.get(REJECTS) ?? '', release.rejects.length))
  const tableFiles = new Map(described.map((f) => [f.path, f]))
  for (const [path, content] of jsonSchemas(info)) files.set(path, content)
  files.set('datapackage.json', dataPackage(info, provenance.released, tableFiles))
  files.set('croissant.json', croissant(info, provenance.released, tableFiles, citationText(info, provenance.released)))
  files.set(
    'README.md',
    datasetCard(
      info,
      provenance.released,
      release.stats,
      written,
      new Set(written.filter((key) => release.counts.get(key) === 0).map((key) => tables[key].name)),
    ),
  )
  files.set('CITATION.cff', citationFile(info, provenance.released))
  for (const [name, content] of files) {
    makeFolder(dirname(join(dir, name)))
    await writeFile(join(dir, name), content)
    if (!tableFiles.has(name)) described.push(describeFile(name, content, null))
  }
  // The review site reads the tables and the rejects just written, page by page, and is listed like the rest.
  if (release.rawDir !== undefined)
    for (const name of await writeReview(dir, release.rawDir, join(dir, REVIEW)))
      described.push(await describeOnDisk(dir, `${REVIEW}/${name}`, null))
  const manifest = makeManifest(info, provenance, release.inputs, described)
  await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
}
