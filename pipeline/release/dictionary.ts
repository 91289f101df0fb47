import { tables } from '../../schemas/index.ts'
import { lineRules, regionRules, tailRules } from '../rules/boilerplate.ts'
import { blockRules } from '../rules/furniture.ts'
import { bylineFormats, dateFormats } from '../rules/header.ts'
import { charRules } from '../rules/normalise.ts'
import { outletFooterRules } from '../rules/outlets.ts'
import { abbreviations } from '../rules/sentences.ts'
import { stageRules } from '../rules/stage.ts'
import { exportRules } from '../rules/exports.ts'
import { messageRules } from '../rules/messages.ts'
import { columnsOf, typeName, type Column } from '../write/columns.ts'

/** Markers around the generated data dictionary in docs/dictionary.md. */
export const DICTIONARY_START = '<!-- data-dictionary:start (generated from schemas/ by `make docs`) -->'
export const DICTIONARY_END = '<!-- data-dictionary:end -->'

function rowsOf(columns: Column[], prefix = ''): string[] {
  return columns.flatMap((c) => {
    const type = c.type.kind === 'list' && c.type.items.kind === 'struct' ? 'list<struct>' : typeName(c.type)
    const row = `| \`${prefix}${c.name}\` | ${type} | ${c.nullable ? 'yes' : 'no'} | ${c.description.replaceAll('|', '\\|')} |`
    const inner =
      c.type.kind === 'list' && c.type.items.kind === 'struct'
        ? rowsOf(c.type.items.fields, `${prefix}${c.name}[].`)
        : []
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

/** Markers around the generated list of rules in docs/rules.md. */
export const RULES_START = '<!-- rules:start (generated from pipeline/rules/ by `make docs`) -->'
export const RULES_END = '<!-- rules:end -->'

/** Every rule id a change row can name, with the table it comes from and its reason. */
export function ruleList(): { id: string; table: string; reason: string }[] {
  const rows = (table: string, rules: readonly { id: string; reason: string }[]) =>
    rules.map(({ id, reason }) => ({ id, table, reason }))
  return [
    ...rows('normalise', charRules),
    ...rows('licence region', regionRules),
    ...rows('line', lineRules),
    ...rows('outlet profile', outletFooterRules),
    ...rows('closing', tailRules),
    ...rows('page block', blockRules),
    ...rows('stage', stageRules),
    ...rows('export', exportRules),
    ...rows('date format', dateFormats),
    ...rows('byline format', bylineFormats),
    ...rows('sentence', abbreviations),
  ]
}

/** The rules as a Markdown table. */
export function rulesTable(): string {
  const rows = ruleList().map((r) => `| \`${r.id}\` | ${r.table} | ${r.reason.replaceAll('|', '\\|')} |`)
  return [RULES_START, '| rule | kind | why |\n|---|---|---|', rows.join('\n'), RULES_END]
    .join('\n\n')
    .replace('|---|---|---|\n\n', '|---|---|---|\n')
}

function splice(text: string, start: string, end: string, content: string): string {
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from === -1 || to === -1) throw new Error(`Cannot find the markers ${start} … ${end}, expected both`)
  return text.slice(0, from) + content + text.slice(to + end.length)
}

/** Replaces the generated data dictionary of a document (docs/dictionary.md) with the current one. */
export function spliceDictionary(text: string): string {
  return splice(text, DICTIONARY_START, DICTIONARY_END, dataDictionary())
}

/** Markers around the generated list of message ids in docs/rules.md. */
export const MESSAGES_START = '<!-- messages:start (generated from pipeline/rules/messages.ts by `make docs`) -->'
export const MESSAGES_END = '<!-- messages:end -->'

/** The message ids as a Markdown table: id, severity, why. */
export function messagesTable(): string {
  const rows = messageRules.map((m) => `| \`${m.id}\` | ${m.severity} | ${m.reason.replaceAll('|', '\\|')} |`)
  return [MESSAGES_START, ['| message | severity | why |', '|---|---|---|', ...rows].join('\n'), MESSAGES_END].join(
    '\n\n',
  )
}

/** Replaces the generated rule list and message list of a document (docs/rules.md) with the current ones; a document without the message markers gets them at its end. */
export function spliceRules(text: string): string {
  const rules = splice(text, RULES_START, RULES_END, rulesTable())
  if (!rules.includes(MESSAGES_START))
    return `${rules.trimEnd()}\n\n## Messages\n\nWhat a build reports about an input (\`messages.jsonl\`, \`rejects.jsonl\`): an error leaves the input out, a warning keeps it.\n\n${messagesTable()}\n`
  return splice(rules, MESSAGES_START, MESSAGES_END, messagesTable())
}
