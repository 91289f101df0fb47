import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { DatasetInfo } from './dataset.ts'
import type { Provenance } from './provenance.ts'

/** The manifest's own file name; it lists every other file of the release. */
export const MANIFEST = 'manifest.json'

/** One file of the release: its size, hash and, for a table, its row count. */
export interface ManifestFile {
  path: string
  bytes: number
  sha256: string
  rows: number | null
}

/** What `make verify` recomputes: the version, provenance, raw inputs and every output file. */
export interface Manifest {
  name: string
  version: string
  released: string
  pipeline_commit: string | null
  inputs: { path: string; sha256: string }[]
  files: ManifestFile[]
}

/** The sha256 of some bytes or text, in hex. */
export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex')
}

/** The sha256 of a file's bytes, in hex, read as a stream (a table of the release can be gigabytes). */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Describes one output file. */
export function describeFile(path: string, content: string | Uint8Array, rows: number | null): ManifestFile {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength
  return { path, bytes, sha256: sha256(content), rows }
}

/** Makes the manifest of a release from its files (sorted by path) and inputs. */
export function makeManifest(
  info: DatasetInfo,
  provenance: Provenance,
  inputs: Iterable<Manifest['inputs'][number]>,
  files: ManifestFile[],
): Manifest {
  return {
    name: info.name,
    version: info.version,
    released: provenance.released,
    pipeline_commit: provenance.commit,
    inputs: [...inputs].sort((a, b) => (a.path < b.path ? -1 : 1)),
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : 1)),
  }
}

/** Describes a file on disk for the manifest: size and sha256, read as a stream. */
export async function describeOnDisk(dir: string, path: string, rows: number | null): Promise<ManifestFile> {
  return { path, bytes: (await stat(join(dir, path))).size, sha256: await fileSha256(join(dir, path)), rows }
}
