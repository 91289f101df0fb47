import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { tables } from '../../schemas/index.ts'
import { toArrow } from './arrow.ts'
import { columnsOf } from './columns.ts'
import { toCsv } from './csv.ts'
import { toJsonl } from './jsonl.ts'

/** The rows of every table of a release. */
export type TableRows = { [K in keyof typeof tables]: readonly Record<string, unknown>[] }

/** The formats each table is written in, by file extension. */
export const formats = ['csv', 'jsonl', 'arrow'] as const

/** Renders every table in every format: file name → bytes. */
export function renderTables(rows: TableRows): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>()
  for (const [key, spec] of Object.entries(tables) as [keyof typeof tables, (typeof tables)[keyof typeof tables]][]) {
    const columns = columnsOf(spec)
    files.set(`${spec.name}.csv`, toCsv(columns, rows[key]))
    files.set(`${spec.name}.jsonl`, toJsonl(columns, rows[key]))
    files.set(`${spec.name}.arrow`, toArrow(columns, rows[key]))
  }
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
