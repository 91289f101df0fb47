import { z } from 'zod'

/** A warning or error the build reported about an input, as it printed it: dist/messages.jsonl. */
export const MessageRow = z.object({
  source_path: z.string().min(1).describe('The input the message is about, as `raw/<name>` (or `raw/catalog.csv`).'),
  line: z.number().int().positive().nullable().describe('The raw line the message points to, when it has one.'),
  rule: z.string().min(1).describe('Id of the rule or check that reported it.'),
  severity: z
    .enum(['error', 'warning'])
    .describe('`error` for an input left out (also in rejects.jsonl), `warning` for one kept that is worth a look.'),
  reason: z.string().min(1).describe('What was found and what was expected.'),
})
export type MessageRow = z.infer<typeof MessageRow>
