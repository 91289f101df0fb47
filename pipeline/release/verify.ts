import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { tableFromIPC } from 'apache-arrow'
import { parse } from 'csv-parse/sync'
import { rawName } from '../stages/read.ts'
import { MANIFEST, sha256, type Manifest } from './manifest.ts'

/** Counts the rows of a table file the way a reader would: CSV records, JSON lines, Arrow rows. */
export function countRows(path: string, content: Buffer): number | null {
  if (path.endsWith('.csv')) return (parse(content, { columns: true }) as unknown[]).length
  if (path.endsWith('.jsonl'))
    return content
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '').length
  if (path.endsWith('.arrow')) return tableFromIPC(content).numRows
  return null
}

/** Every file below `dir`, as paths relative to it, sorted. */
export async function listFiles(dir: string, root = dir): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await listFiles(full, root)))
    else out.push(relative(root, full))
  }
  return out.sort()
}

/**
 * Recomputes a release's manifest: every listed file's bytes, sha256 and rows, every raw input's sha256,
 * and no file in the release that the manifest does not list. Returns the differences, one per line.
 */
export async function verifyRelease(distDir: string, rawDir: string): Promise<string[]> {
  const problems: string[] = []
  const manifest = JSON.parse(await readFile(join(distDir, MANIFEST), 'utf8')) as Manifest
  const listed = new Set(manifest.files.map((f) => f.path))
  for (const path of await listFiles(distDir))
    if (path !== MANIFEST && !listed.has(path)) problems.push(`dist/${path}: not in the manifest`)
  for (const file of manifest.files) {
    const content = await readFile(join(distDir, file.path)).catch(() => null)
    if (content === null) {
      problems.push(`dist/${file.path}: missing, expected ${file.bytes} bytes`)
      continue
    }
    if (content.byteLength !== file.bytes)
      problems.push(`dist/${file.path}: ${content.byteLength} bytes, expected ${file.bytes}`)
    if (sha256(content) !== file.sha256)
      problems.push(`dist/${file.path}: sha256 ${sha256(content)}, expected ${file.sha256}`)
    let rows: number | null
    try {
      rows = countRows(file.path, content)
    } catch (error) {
      problems.push(
        `dist/${file.path}: cannot count its rows (${error instanceof Error ? error.message : String(error)}), expected ${file.rows}`,
      )
      continue
    }
    if (rows !== file.rows) problems.push(`dist/${file.path}: ${rows} rows, expected ${file.rows}`)
  }
  for (const input of manifest.inputs) {
    const content = await readFile(join(rawDir, rawName(input.path))).catch(() => null)
    if (content === null) problems.push(`${input.path}: missing, expected the raw input the release was built from`)
    else if (sha256(content) !== input.sha256)
      problems.push(`${input.path}: sha256 ${sha256(content)}, expected ${input.sha256}`)
  }
  return problems
}
