import { z } from 'zod'

/** What a change did to the raw text. */
export const ChangeAction = z.enum(['remove', 'join', 'header', 'normalise'])

/** One change the pipeline made to a raw file: the audit trail that accounts for every word. */
export const ChangeRow = z.object({
  change_id: z.string().min(1).describe('`<doc_id>:c<index>` with the index zero-padded to 4 digits; primary key.'),
  doc_id: z.string().min(1).describe('The document changed (foreign key to documents).'),
  index: z.number().int().nonnegative().describe('0-based position of the change in its document, in raw-line order.'),
  rule: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .describe('Id of the rule that made the change (see pipeline/rules/ and the README).'),
  action: ChangeAction.describe(
    '`remove` (boilerplate or markup taken out), `join` (lines or blocks joined into one paragraph), `header` (a line read into a header field), `normalise` (white space or invisible characters rewritten).',
  ),
  line_start: z.number().int().positive().describe('First raw line the change touches (1-based).'),
  line_end: z.number().int().positive().describe('Last raw line the change touches (1-based, inclusive).'),
  before: z.string().min(1).describe('The text before the change, lines separated by a line break.'),
  after: z
    .string()
    .min(1)
    .nullable()
    .describe('The text after the change: the joined or normalised text, the header value read; null for a removal.'),
  evidence: z
    .string()
    .min(1)
    .nullable()
    .describe(
      "What a removal by the page-block classifier was decided on: the block's signals, as `words=3 links=0.00 end=no list=4 heading=no cue=yes`; null for other changes.",
    ),
})
export type ChangeRow = z.infer<typeof ChangeRow>
