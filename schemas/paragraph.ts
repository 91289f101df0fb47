import { z } from 'zod'

/** An emphasised span inside a paragraph's text (Markdown `*...*` or `**...**`). */
export const Emphasis = z.object({
  start: z
    .number()
    .int()
    .nonnegative()
    .describe('Offset of the first character in the paragraph `text`, in Unicode code points.'),
  end: z.number().int().nonnegative().describe('Offset after the last character (exclusive).'),
  text: z.string().min(1).describe('The emphasised text.'),
  style: z.enum(['emphasis', 'strong']).describe('`emphasis` for `*x*` or `_x_`, `strong` for `**x**`.'),
})
export type Emphasis = z.infer<typeof Emphasis>

/** A Markdown link inside a paragraph: its text and its target. */
export const Link = z.object({
  start: z
    .number()
    .int()
    .nonnegative()
    .describe('Offset of the link text in the paragraph `text`, in Unicode code points.'),
  end: z.number().int().nonnegative().describe('Offset after the link text (exclusive).'),
  text: z.string().describe('The link text.'),
  url: z.string().min(1).describe('The link target.'),
})
export type Link = z.infer<typeof Link>

/** One paragraph or section heading of an article body. */
export const Paragraph = z.object({
  paragraph_id: z.string().min(1).describe('`<doc_id>:<index>` with the index zero-padded to 4 digits; primary key.'),
  doc_id: z.string().min(1).describe('The document this row belongs to (foreign key to documents).'),
  index: z.number().int().nonnegative().describe('0-based position of the row in its document.'),
  kind: z.enum(['paragraph', 'heading']).describe('`heading` for a section heading, `paragraph` otherwise.'),
  section: z
    .string()
    .min(1)
    .nullable()
    .describe('Text of the heading this row falls under; null before the first heading and for headings.'),
  text: z.string().min(1).describe('Plain text on one line, inline Markdown resolved.'),
  n_words: z.number().int().nonnegative().describe('Word-like segments (Intl.Segmenter, granularity word).'),
  n_sentences: z
    .number()
    .int()
    .nonnegative()
    .describe('Sentences (Intl.Segmenter, granularity sentence, with abbreviation fixes).'),
  n_chars: z.number().int().nonnegative().describe('Characters (Unicode code points) in `text`.'),
  char_start: z
    .number()
    .int()
    .nonnegative()
    .describe(
      "Offset of the row's text in the document's `text`, in Unicode code points (Python `text[char_start:char_end]`).",
    ),
  char_end: z
    .number()
    .int()
    .nonnegative()
    .describe('Offset after the end of the row in the document `text` (exclusive).'),
  line_start: z.number().int().positive().describe('First line of the raw file the row comes from (1-based).'),
  line_end: z.number().int().positive().describe('Last line of the raw file the row comes from (1-based, inclusive).'),
  emphasis: z.array(Emphasis).describe('Emphasised spans, with offsets into `text`.'),
  links: z.array(Link).describe('Markdown links, with offsets into `text` and their targets.'),
})
export type Paragraph = z.infer<typeof Paragraph>
