import { z } from 'zod'
import { tables } from '../../schemas/index.ts'
import type { DatasetInfo } from './dataset.ts'

/** JSON Schema (draft 2020-12) of each table's record, from its zod schema, as `schemas/<table>.json`. */
export function jsonSchemas(info: DatasetInfo): Map<string, string> {
  const files = new Map<string, string>()
  for (const spec of Object.values(tables)) {
    const schema = {
      ...z.toJSONSchema(spec.schema),
      ...(info.repository === undefined ? {} : { $id: `${info.repository}/schemas/${spec.name}.json` }),
      title: `${spec.name} record`,
      description: spec.description,
    }
    files.set(`schemas/${spec.name}.json`, `${JSON.stringify(schema, null, 2)}\n`)
  }
  return files
}
