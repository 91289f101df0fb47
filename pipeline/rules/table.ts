import { z } from 'zod'

/** Rule ids are kebab-case nouns, unique within their table. */
const RuleId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id')

/** Shape every rule table shares: an id and a one-line reason. */
export const RuleBase = z.object({ id: RuleId, reason: z.string().min(1) })

/** Validates a rule table at start-up: each row against its schema, ids unique. */
export function ruleTable<S extends z.ZodType<{ id: string }>>(
  name: string,
  schema: S,
  rows: z.input<S>[],
): z.output<S>[] {
  const parsed = z.array(schema).safeParse(rows)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`Invalid rule table ${name} at ${issue?.path.join('.')}: ${issue?.message}`)
  }
  const seen = new Set<string>()
  for (const row of parsed.data) {
    if (seen.has(row.id)) throw new Error(`Invalid rule table ${name}: duplicate id ${row.id}, expected unique ids`)
    seen.add(row.id)
  }
  return parsed.data
}

/** A regular expression, checked to be one (rule tables are code, but typos in them should fail loudly). */
export const Pattern = z.instanceof(RegExp)
