import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { makeFolder } from '../build/folders.ts'
import { basename, dirname, join } from 'node:path'
import { Reject, tables } from '../../schemas/index.ts'
import { datasetCard, type CorpusStats } from '../release/card.ts'
import { citationFile, citationText } from '../release/citation.ts'
import { croissant } from '../release/croissant.ts'
import { dataPackage } from '../release/datapackage.ts'
import type { DatasetInfo } from '../release/dataset.ts'
import { jsonSchemas } from '../release/jsonschema.ts'
import { writeReview } from '../release/review.ts'
import { describeFile, makeManifest, MANIFEST, type ManifestFile } from '../release/manifest.ts'
import type { Provenance } from '../release/provenance.ts'
import type { Input } from '../stages/read.ts'
import { columnsOf } from './columns.ts'
import { toJsonl } from './jsonl.ts'
import { MESSAGES } from './messages.ts'
import { describeOnDisk, type TableName } from './stream.ts'

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

/** The temporary folder a build of `outDir` writes into, beside it so that the final rename stays on one disk. */
export async function openOutput(outDir: string): Promise<string> {
  // Made first, so that an out folder that cannot be made is said in the user's own path.
  makeFolder(dirname(outDir))
  await recoverAbandoned(outDir)
  const tmp = `${outDir}.tmp-${process.pid}`
  await rm(tmp, { recursive: true, force: true })
  makeFolder(tmp)
  return tmp
}

/** Whether a process is running (one of another user counts: signalling it is only refused). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Clears what killed builds left beside `outDir`: a half-written `.tmp-PID` is removed, and a previous
 * release moved aside as `.old-PID` is put back if the build died before its own took the place (or
 * removed if it had). Folders of builds still running are left alone.
 */
async function recoverAbandoned(outDir: string): Promise<void> {
  const parent = dirname(outDir)
  const names = await readdir(parent).catch(() => [])
  for (const name of names.sort()) {
    const m = /^(.*)\.(tmp|old)-(\d+)$/.exec(name)
    if (m === null || m[1] !== basename(outDir) || Number(m[3]) === process.pid || running(Number(m[3]))) continue
    const restore =
      m[2] === 'old' &&
      !(await stat(outDir).then(
        () => true,
        () => false,
      ))
    if (restore) await rename(join(parent, name), outDir)
    else await rm(join(parent, name), { recursive: true, force: true })
  }
}

/**
 * Puts a finished output in place atomically: the temporary folder replaces `outDir` by rename, so a
 * build that dies half-way leaves the previous release whole.
 */
export async function commitOutput(tmp: string, outDir: string): Promise<void> {
  // The folder beside it is there: openOutput made `tmp` in it.
  const old = `${outDir}.old-${process.pid}`
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
