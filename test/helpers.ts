import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, type BuildResult } from '../pipeline/index.ts'

/** The project's raw corpus and committed release. */
export const rawDir = new URL('../raw/', import.meta.url).pathname
export const distDir = new URL('../dist/', import.meta.url).pathname

/** Builds a raw folder into a fresh temporary output folder with the real pipeline. */
export async function buildInto(raw: string, jobs?: number): Promise<{ out: string; result: BuildResult }> {
  const out = join(await mkdtemp(join(tmpdir(), 'build-')), 'dist')
  const result = await build({ rawDir: raw, outDir: out, ...(jobs === undefined ? {} : { jobs }) })
  return { out, result }
}
