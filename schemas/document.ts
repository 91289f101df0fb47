import { z } from 'zod'

/** Where a metadata value came from: the article's header (or a page's text by its title), an outlet profile, the curated catalogue, a saved page's `<meta>` tags or JSON-LD, its `<time>` and date-marked elements, its address, the fields of a press-database export, a personal site's copyright notice or licence attribution (`copyright`: the site's owner, for authors only, when nothing else names one), or nowhere. */
export const Source = z.enum([
  'header',
  'profile',
  'catalog',
  'html-meta',
  'json-ld',
  'html-time',
  'url',
  'export',
  'copyright',
  'none',
])

/** One article: its header fields, provenance and cleaned body. */
export const Document = z.object({
  doc_id: z
    .string()
    .min(1)
    .describe(
      "The raw file's name without its extension (`.txt`, `.md`, `.html`, `.htm`, `.docx`); for an article of a press-database export, that name, a hyphen and the article's position in the file, zero-padded to 3 digits or more (`nexis-2024-03-003`); primary key.",
    ),
  source_path: z
    .string()
    .min(1)
    .describe(
      'Path of the input file, as `raw/<name>.txt` (or `.md`, `.html`, `.htm`, `.docx`); the articles of one export share it.',
    ),
  source_sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('sha256 of the raw bytes of the input file, before any decoding.'),
  title: z
    .string()
    .min(1)
    .describe(
      "The article's title: from the catalogue, else a saved page's markup (JSON-LD `headline`, `og:title`, `<title>`), else the first line of its header (Markdown `#` removed), or the line under a kicker.",
    ),
  title_source: Source.describe('Where `title` came from.'),
  kicker: z
    .string()
    .min(1)
    .nullable()
    .describe('A short line above the title (a section label such as WAR IN UKRAINE); null when there is none.'),
  authors: z
    .array(z.string().min(1))
    .describe(
      "Author names from the catalogue, else a saved page's markup (JSON-LD `author` persons, `<meta name=author>`), else the byline (`By NAME`, `By: NAME`, `NAME and NAME`, a bare name line next to the date; all-capitals names in title case); empty when none names a person, never words of the title or an organisation.",
    ),
  authors_source: Source.describe('Where `authors` came from.'),
  published: z.iso
    .date()
    .nullable()
    .describe(
      "Publication date from the catalogue, else a saved page's markup (JSON-LD `datePublished`, `article:published_time`; never the modification date), else the header (`26 March 2024`, `April 8, 2024`, `Apr. 8, 2024`, `2024-04-08`, `25/03/2024` when unambiguous); null when neither says, when the date is ambiguous or after the build date.",
    ),
  published_source: Source.describe('Where `published` came from.'),
  outlet: z
    .string()
    .min(1)
    .nullable()
    .describe(
      "Publishing outlet from the catalogue, else a saved page's markup (JSON-LD `publisher`, `og:site_name`), else an organisation named by the byline or an outlet profile's signature in the header or removed furniture; null when none says.",
    ),
  outlet_source: Source.describe('Where `outlet` came from (`profile` for an outlet profile).'),
  url: z
    .string()
    .min(1)
    .nullable()
    .describe(
      "Address the article was saved from: from the catalogue, else a saved page's canonical link (`<link rel=canonical>`, `og:url`); null when neither gives one.",
    ),
  licence: z
    .string()
    .min(1)
    .nullable()
    .describe(
      "Licence or rights note from the catalogue, else an export's copyright line (`Copyright 2024 Example Newspapers Ltd All Rights Reserved`); null when neither states one.",
    ),
  section: z
    .string()
    .min(1)
    .nullable()
    .describe(
      'The newspaper section an export states (Nexis `SECTION`, ProQuest `Section`), without its page; null when none is stated.',
    ),
  edition: z
    .string()
    .min(1)
    .nullable()
    .describe('The edition an export states (`Edition 1; National`, `Late Edition`); null when none is stated.'),
  page: z
    .string()
    .min(1)
    .nullable()
    .describe(
      'The printed page an export states (`Pg. 4` gives `4`, ProQuest `Pages`), as written (`A12`, `4-5`); null when none is stated.',
    ),
  stated_length: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe(
      "The article's length in words as the export states it (`LENGTH: 812 words`); a length far from `n_words` is a warning that the article was cut. Null when none is stated.",
    ),
  database_id: z
    .string()
    .min(1)
    .nullable()
    .describe(
      "The database's own id of the article (Factiva's document id, ProQuest's document ID); null when the export gives none.",
    ),
  language: z
    .string()
    .min(2)
    .describe(
      "ISO 639-1 code of the body language: from the catalogue, else a saved page's `<html lang>` (a disagreement with the detected language is a warning), else detected from the body with franc (`und` when undetermined).",
    ),
  language_source: z.enum(['detected', 'catalog', 'html-meta']).describe('Where `language` came from.'),
  layout: z
    .enum(['blank-line', 'line-per-paragraph', 'hard-wrapped'])
    .describe(
      'How the raw file lays out paragraphs, decided from `layout_signals`: blank lines between paragraphs, one paragraph per line, or lines wrapped at a fixed width.',
    ),
  layout_signals: z
    .object({
      body_lines: z.number().int().nonnegative().describe('Non-blank body lines measured.'),
      packed_share: z
        .number()
        .min(0)
        .max(1)
        .describe('Share of body lines followed directly by another (no blank line between).'),
      terminal_share: z.number().min(0).max(1).describe('Share of body lines that end a sentence.'),
      median_length: z.number().int().nonnegative().describe('Median body line length in UTF-16 units.'),
      width: z
        .number()
        .int()
        .nonnegative()
        .describe('95th percentile of body line length: the wrap width of hard-wrapped text.'),
    })
    .describe('The measurements the layout was decided from.'),
  n_paragraphs: z.number().int().nonnegative().describe('Number of rows of kind `paragraph` (headings not counted).'),
  n_words: z
    .number()
    .int()
    .nonnegative()
    .describe('Words in `text` (Intl.Segmenter word segments that are word-like).'),
  n_chars: z.number().int().nonnegative().describe('Characters (Unicode code points) in `text`.'),
  text: z.string().describe('The cleaned body: every paragraph and heading, in order, separated by a blank line.'),
})
export type Document = z.infer<typeof Document>
