import { z } from 'zod'

const id = (what: string) => z.string().min(1).describe(what)
const paragraphRef = {
  paragraph_id: id('The paragraph the span is in (foreign key to paragraphs).'),
  doc_id: id('The document (foreign key to documents).'),
}
const span = {
  char_start: z
    .number()
    .int()
    .nonnegative()
    .describe("Offset of the span in the document's `text`, in Unicode code points."),
  char_end: z.number().int().nonnegative().describe("Offset after the span in the document's `text` (exclusive)."),
}

/** One sentence of a paragraph (Intl.Segmenter with abbreviation fixes). */
export const Sentence = z.object({
  sentence_id: id('`<paragraph_id>:s<index>`; primary key.'),
  ...paragraphRef,
  index: z.number().int().nonnegative().describe('0-based position of the sentence in its paragraph.'),
  text: z.string().min(1).describe('The sentence, without surrounding white space.'),
  ...span,
  n_words: z.number().int().nonnegative().describe('Word-like segments in the sentence.'),
})
export type Sentence = z.infer<typeof Sentence>

/** One quoted span: the text between quotation marks, with the speaker when a verb of saying names one. */
export const Quote = z.object({
  quote_id: id('`<paragraph_id>:q<index>`; primary key.'),
  ...paragraphRef,
  index: z.number().int().nonnegative().describe('0-based position of the quote in its paragraph, by start.'),
  text: z.string().min(1).describe('The quoted words, without the quotation marks.'),
  ...span,
  depth: z.number().int().nonnegative().describe('0 for a quotation, 1 for a quotation inside it, and so on.'),
  closed: z
    .boolean()
    .describe(
      'false when the paragraph ends before the closing mark (a quotation running on into the next paragraph).',
    ),
  speaker: z
    .string()
    .min(1)
    .nullable()
    .describe(
      'Who the text says spoke (`…,” Putin said`; `John Kirby stated that “…`); null when no verb of saying names one, or only a pronoun does.',
    ),
})
export type Quote = z.infer<typeof Quote>

/** A named entity found by compromise: a person, place or organisation. */
export const Entity = z.object({
  entity_id: id('`<paragraph_id>:e<index>`; primary key.'),
  ...paragraphRef,
  text: z.string().min(1).describe('The name as written.'),
  type: z.enum(['person', 'place', 'organization']).describe('What compromise tagged the name as.'),
  ...span,
})
export type Entity = z.infer<typeof Entity>

/** A number written in digits, with the unit that follows it. */
export const NumberMention = z.object({
  number_id: id('`<paragraph_id>:n<index>`; primary key.'),
  ...paragraphRef,
  text: z.string().min(1).describe('The number and its unit as written (`137 people`, `13,000 square meters`).'),
  value: z.number().describe('The number, thousands separators removed.'),
  unit: z
    .string()
    .min(1)
    .nullable()
    .describe(
      'The words after the number that say what is counted (`people`, `square meters`); null when none follows.',
    ),
  ...span,
})
export type NumberMention = z.infer<typeof NumberMention>

/** Two paragraphs of different documents that share a long passage. */
export const Reuse = z.object({
  reuse_id: id('`<paragraph_id_a>~<paragraph_id_b>`; primary key.'),
  paragraph_id_a: id('The paragraph that had the passage first, in corpus order (documents by file name).'),
  doc_id_a: id('Its document.'),
  paragraph_id_b: id('A later paragraph, of another document, that repeats it.'),
  doc_id_b: id('Its document.'),
  n_words: z
    .number()
    .int()
    .positive()
    .describe('Length in words of the longest passage b shares with a (words compared in lower case).'),
  shared_text: z.string().min(1).describe('That passage, as it stands in paragraph b.'),
  share_a: z.number().min(0).max(1).describe('n_words / the words of paragraph a.'),
  share_b: z.number().min(0).max(1).describe('n_words / the words of paragraph b.'),
})
export type Reuse = z.infer<typeof Reuse>

/** Two documents that are the same article but for a few words (two editions, a story rewritten, a search run twice), as the reuse table's passages add up. */
export const NearCopy = z.object({
  near_copy_id: id('`<doc_id_a>~<doc_id_b>`; primary key.'),
  doc_id_a: id('The earlier document, in corpus order.'),
  doc_id_b: id('A later document that repeats most of it.'),
  shared_words: z
    .number()
    .int()
    .positive()
    .describe(
      "Words of b's paragraphs in passages of at least 8 words that b shares with a (every passage, not only the longest the reuse table gives for a pair of paragraphs).",
    ),
  share_a: z.number().min(0).max(1).describe("shared_words / a's words."),
  share_b: z.number().min(0).max(1).describe("shared_words / b's words."),
  similarity: z
    .number()
    .min(0)
    .max(1)
    .describe(
      'The smaller of share_a and share_b: 1 for the same text, near 1 for a copy with a few words changed; filter on it (an exact copy is kept once and is not listed).',
    ),
})
export type NearCopy = z.infer<typeof NearCopy>
