import { z } from 'zod'
import { RuleBase, ruleTable } from './table.ts'

/**
 * Every message a build can report about an input, with its severity and why: an error leaves the input
 * (or one article of an export) out and is listed in `rejects.jsonl`; a warning keeps it and says what to
 * check. A message's `rule` is one of these ids (a checked type); `docs/rules.md` lists them.
 */
const rows = [
  // Reading the files.
  {
    id: 'read-empty',
    severity: 'error',
    reason: 'The file is empty or holds only white space: there is no article to read.',
  },
  {
    id: 'read-too-large',
    severity: 'error',
    reason: 'The file is larger than --max-bytes (10 MiB by default): a dump or an archive, not an article.',
  },
  {
    id: 'read-binary',
    severity: 'error',
    reason: 'A text file holds a NUL byte, which no encoding an article is saved in has: it is binary.',
  },
  {
    id: 'read-encoding',
    severity: 'error',
    reason:
      'A text file is not UTF-8 (an error, or a warning when --encoding gives a fallback); a page with stray bytes or NUL bytes is read as a browser reads it, with a warning.',
  },
  { id: 'read-io', severity: 'error', reason: 'The file cannot be read (a dangling link, no permission).' },
  { id: 'read-docx', severity: 'error', reason: 'A .docx file is not a Word document mammoth can read.' },
  {
    id: 'read-not-text',
    severity: 'error',
    reason:
      'The file is not of a format the pipeline reads (.txt, .md, .html, .htm, .docx); RTF and .doc are named with what to export instead.',
  },
  {
    id: 'doc-id-conflict',
    severity: 'error',
    reason: 'Two files would have the same document id (a.txt beside a.html): the first by name is kept.',
  },
  {
    id: 'duplicate-bytes',
    severity: 'warning',
    reason: 'The file has the same bytes as an earlier one: kept once (a --strict build fails on it).',
  },
  {
    id: 'duplicate-text',
    severity: 'warning',
    reason:
      'The document has the same text as an earlier one under another name: kept once (a --strict build fails on it).',
  },
  {
    id: 'catalog',
    severity: 'warning',
    reason:
      'raw/catalog.csv: a row that cannot be read or names no input (an error), or a value the text disagrees with (a warning: the catalogue wins).',
  },
  // Running the stages.
  {
    id: 'too-deep',
    severity: 'error',
    reason:
      'Markdown or a page nests deeper than any article does (64 quotes and lists, 256 elements): refused before a parser walks it.',
  },
  {
    id: 'stack-overflow',
    severity: 'error',
    reason:
      'A stage ran out of stack on this file (nesting past what it can walk): the file is left out, the build goes on.',
  },
  {
    id: 'stage-error',
    severity: 'error',
    reason: 'A stage failed on this file: the file is left out with the error, the build goes on.',
  },
  {
    id: 'worker-failed',
    severity: 'error',
    reason: 'The worker thread running this file failed twice (out of memory most often).',
  },
  {
    id: 'doc-timeout',
    severity: 'error',
    reason: 'The file took longer than --doc-timeout seconds: it was stopped, and its thread given no more files.',
  },
  {
    id: 'annotate',
    severity: 'error',
    reason: 'The annotate stage ran without the metadata stage before it (a pipeline fault).',
  },
  { id: 'validate', severity: 'error', reason: 'The validate stage ran without annotated records (a pipeline fault).' },
  {
    id: 'schema',
    severity: 'error',
    reason:
      'A record of the document does not fit its schema (named with its field), or the document has no paragraph of text.',
  },
  // Saved pages.
  { id: 'page-not-html', severity: 'error', reason: 'An .html file holds no HTML markup.' },
  {
    id: 'page-script-only',
    severity: 'error',
    reason: 'The page shows no text of its own: its scripts would write it, and no script is run.',
  },
  { id: 'page-empty', severity: 'error', reason: 'The page shows no text.' },
  {
    id: 'page-no-article',
    severity: 'error',
    reason: 'The extractor found no article on the page (too few words of text).',
  },
  {
    id: 'page-date',
    severity: 'warning',
    reason: "The page's dates disagree (JSON-LD and meta tags), or its markup's date is after the build date.",
  },
  {
    id: 'page-json-ld',
    severity: 'warning',
    reason: 'A JSON-LD block of the page cannot be parsed: its metadata is not used.',
  },
  {
    id: 'page-language',
    severity: 'warning',
    reason: 'The page declares one language and its text reads as another: the declared one is kept.',
  },
  // The header and the cleaning.
  {
    id: 'header-date',
    severity: 'warning',
    reason:
      'A header date cannot be read (ambiguous, impossible), is after the build date, or is only the date the page was updated.',
  },
  {
    id: 'header-byline',
    severity: 'warning',
    reason:
      'A byline names no person that can be read (authors is empty), or the authors come from the signature that ends the article or an author label away from the header.',
  },
  {
    id: 'furniture-no-article',
    severity: 'warning',
    reason: 'The page-block classifier found furniture but no run of article text: every block is kept.',
  },
  {
    id: 'support-appeal',
    severity: 'warning',
    reason:
      'A closing line with one appeal cue (to subscribe, donate, follow) is kept: two cues remove it; check it is text.',
  },
  {
    id: 'repeated-boilerplate',
    severity: 'warning',
    reason: 'Lines that close other documents are kept here: too many of them, or they stand inside the body.',
  },
  // Exports of press databases.
  { id: 'export-date', severity: 'warning', reason: "An export's date is after the build date: published is null." },
  {
    id: 'export-length',
    severity: 'warning',
    reason:
      'An export states a length far from the words its article holds: the article was cut, or runs into the next.',
  },
  {
    id: 'export-cut',
    severity: 'warning',
    reason:
      'An export ends inside its last article, without what closes the others: the download was interrupted; the text is kept as far as it goes.',
  },
  {
    id: 'export-no-text',
    severity: 'warning',
    reason: 'An article of an export holds only its fields (a graphic, a map): kept with no paragraphs.',
  },
] as const satisfies readonly { id: string; severity: 'error' | 'warning'; reason: string }[]

/** A message's id: the rule or stage that reported it. */
export type MessageId = (typeof rows)[number]['id']

export const MessageRule = RuleBase.extend({ severity: z.enum(['error', 'warning']) })

/** The message ids, validated at start-up like every rule table (kebab-case, unique). */
export const messageRules = ruleTable('messageRules', MessageRule, [...rows]) as readonly {
  id: MessageId
  severity: 'error' | 'warning'
  reason: string
}[]
