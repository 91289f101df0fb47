import { z } from 'zod'
import { Pattern, RuleBase, ruleTable } from './table.ts'

/** A character-level rewrite applied to every line before any other rule. */
export const CharRule = RuleBase.extend({
  pattern: Pattern,
  replacement: z.union([z.string(), z.custom<(match: string) => string>((v) => typeof v === 'function')]),
})
export type CharRule = z.infer<typeof CharRule>

/** Characters a reader never sees: zero-width ones and soft hyphens. */
export const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g

/** Whitespace and invisible-character rules, in the order they apply to each line. */
export const charRules = ruleTable('charRules', CharRule, [
  {
    id: 'unicode-nfc',
    // A run of non-ASCII characters with the letter before it: a combining mark composes with the character it follows.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range, control characters included, is what "before a non-ASCII run" means
    pattern: /[\x00-\x7f]?[^\x00-\x7f]+/g,
    replacement: (run: string) => run.normalize('NFC'),
    reason:
      'Text is kept in Unicode NFC, the form the web and most tools write: the same letter stored composed or decomposed must match as one.',
  },
  {
    id: 'no-break-space',
    pattern: /[\u00a0\u2007\u202f]/g,
    replacement: ' ',
    reason: 'No-break and figure spaces render as spaces and must not split words in segmentation.',
  },
  {
    id: 'invisible-character',
    pattern: INVISIBLE,
    replacement: '',
    reason: 'Zero-width characters and soft hyphens are invisible in the article and break word matching.',
  },
  {
    id: 'tab-or-form-feed',
    pattern: /[\t\f\v]/g,
    replacement: ' ',
    reason: 'Tabs and page feeds are layout, not text; a space keeps the words apart.',
  },
  {
    id: 'markdown-hard-break',
    pattern: /(?<!\s)\s{2,}$|\\$/g,
    replacement: '',
    reason: 'A Markdown hard break (two trailing spaces or a backslash) only forces a line break on the web page.',
  },
  {
    id: 'trailing-space',
    pattern: /(?<!\s)\s+$/g,
    replacement: '',
    reason: 'Trailing white space carries no text.',
  },
])
