import { tables } from '../schemas/index.ts'
import { columnsOf, typeName, type Column } from './write/columns.ts'

/** Markers around the generated data dictionary in README.md. */
export const DICTIONARY_START = '<!-- data-dictionary:start (generated from schemas/ by `make docs`) -->'
export const DICTIONARY_END = '<!-- data-dictionary:end -->'

function rowsOf(columns: Column[], prefix = ''): string[] {
  return columns.flatMap((c) => {
    const type = c.type.kind === 'list' && c.type.items.kind === 'struct' ? 'list<struct>' : typeName(c.type)
    const row = `| \`${prefix}${c.name}\` | ${type} | ${c.nullable ? 'yes' : 'no'} | ${c.description.replaceAll('|', '\\|')} |`
    const inner = c.type.kind === 'list' && c.type.items.kind === 'struct' ? rowsOf(c.type.items.fields, `${prefix}${c.name}[].`) : []
    return [row, ...inner]
  })
}

/** The data dictionary as Markdown: one table per release table, every column from its zod schema. */
export function dataDictionary(): string {
  const sections = Object.values(tables).map((spec) =>
    [
      `### \`${spec.name}\` (${spec.name}.csv, ${spec.name}.jsonl, ${spec.name}.arrow)`,
      '',
      `${spec.description} Primary key: \`${spec.primaryKey}\`.`,
      '',
      '| column | type | nullable | meaning |',
      '|---|---|---|---|',
      ...rowsOf(columnsOf(spec)),
    ].join('\n'),
  )
  return [DICTIONARY_START, ...sections, DICTIONARY_END].join('\n\n')
}

/** Replaces the generated section of a README with the current data dictionary. */
export function spliceDictionary(readme: string): string {
  const start = readme.indexOf(DICTIONARY_START)
  const end = readme.indexOf(DICTIONARY_END)
  if (start === -1 || end === -1) throw new Error(`Cannot find the data dictionary markers, expected ${DICTIONARY_START}`)
  return readme.slice(0, start) + dataDictionary() + readme.slice(end + DICTIONARY_END.length)
}
