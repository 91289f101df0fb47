import { z } from 'zod'

/** An input left out of the release, and why: dist/rejects.jsonl. */
export const Reject = z.object({
  source_path: z.string().min(1).describe('The input, as `raw/<name>`.'),
  rule: z
    .string()
    .min(1)
    .describe('Id of the check that rejected it (`read-encoding`, `read-binary`, `duplicate-bytes`, ...).'),
  line: z.number().int().positive().nullable().describe('The raw line the problem is on, when it has one.'),
  reason: z.string().min(1).describe('What is wrong and what was expected.'),
})
export type Reject = z.infer<typeof Reject>
