import { readFileSync } from 'node:fs'
import { z } from 'zod'

/** The dataset's identity: the one place its version is written (semantic versioning). */
export const DatasetInfo = z.object({
  name: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected semantic versioning, MAJOR.MINOR.PATCH'),
  description: z.string().min(1),
  license: z.string().min(1),
  license_name: z.string().min(1),
  license_note: z.string().min(1),
  code_license: z.string().min(1),
  keywords: z.array(z.string()),
  creators: z.array(z.object({ name: z.string().min(1) })).min(1),
  /** The repository's public address; left out until there is a real one, never invented. */
  repository: z.string().url().optional(),
})
export type DatasetInfo = z.infer<typeof DatasetInfo>

/** Reads and checks dataset.json at the top of the project. */
export function readDatasetInfo(file = new URL('../../dataset.json', import.meta.url)): DatasetInfo {
  return DatasetInfo.parse(JSON.parse(readFileSync(file, 'utf8')))
}
