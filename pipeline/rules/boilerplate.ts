import { z } from 'zod'
import { Pattern, RuleBase, ruleTable } from './table.ts'

/** A line that is furniture wherever it stands: the evidence is in the line itself. */
export const LineRule = RuleBase.extend({ pattern: Pattern })
export type LineRule = z.infer<typeof LineRule>

/**
 * A rule for the end of an article, tried from the last line upward.
 * `span`: the pattern matches one to three adjacent lines joined by a space (a footer cut by a hard break).
 * `appeal`: at least `minCues` distinct cues match a short span (subscribe + donate, ...).
 * `section`: a heading that matches `pattern`, followed only by list items up to the end.
 * `repeated`: the span is a line the corpus profile found at the edges of several documents.
 */
export const TailRule = z.discriminatedUnion('kind', [
  RuleBase.extend({ kind: z.literal('span'), pattern: Pattern }),
  RuleBase.extend({
    kind: z.literal('appeal'),
    cues: z.array(Pattern).min(2),
    minCues: z.number().int().min(2),
    maxWords: z.number().int().positive(),
  }),
  RuleBase.extend({ kind: z.literal('section'), pattern: Pattern }),
  RuleBase.extend({ kind: z.literal('repeated') }),
])
export type TailRule = z.infer<typeof TailRule>

/**
 * A marker that bounds a licence region: `head` removes every line up to and including the marker,
 * `foot` removes the marker and every line after it (only when at most `maxLines` follow, if set).
 */
export const RegionRule = RuleBase.extend({
  side: z.enum(['head', 'foot']),
  pattern: Pattern,
  maxLines: z.number().int().positive().optional(),
})
export type RegionRule = z.infer<typeof RegionRule>

/** Licence and distribution text wrapped around a work, bounded by unmistakable markers. */
export const regionRules = ruleTable('regionRules', RegionRule, [
  {
    id: 'gutenberg-licence-header',
    side: 'head',
    pattern: /^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b.*$/i,
    reason: 'Everything above the Project Gutenberg START marker is the licence header.',
  },
  {
    id: 'gutenberg-small-print-header',
    side: 'head',
    pattern: /^\*END\*\s*THE SMALL PRINT!.*$/i,
    reason: 'Old Project Gutenberg texts end their licence header with *END*THE SMALL PRINT!.',
  },
  {
    id: 'gutenberg-licence-footer',
    side: 'foot',
    pattern:
      /^(?:\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b.*|end of (?:the )?project gutenberg(?:'s)? (?:e-?book|e-?text|edition)?\b.*)$/i,
    reason: 'Everything from the Project Gutenberg END marker on is the licence footer.',
  },
  {
    id: 'email-signature',
    side: 'foot',
    pattern: /^-- ?$/,
    maxLines: 12,
    reason: 'An e-mail signature starts at the "-- " delimiter line (RFC 3676) near the end of a message.',
  },
])

/** Lines removed wherever they stand. */
export const lineRules = ruleTable('lineRules', LineRule, [
  {
    id: 'separator-line',
    pattern: /^\s*(?:[-_*=~#•·—–]\s*){3,}$/,
    reason: 'A line of rule characters only separates parts of a page.',
  },
  {
    id: 'photo-credit',
    pattern:
      /^[(*_]{0,3}(?:(?:featured|header|cover|top|lead) )?(?:photo(?:graph)?|image|picture|illustration)s?(?:(?: credits?)?[*_]{0,2}\s*:|(?: credits?| by| courtesy(?: of)?)[*_]{0,2}\s)\s*\S.{0,100}$/i,
    reason: 'A photo credit names where a picture came from, not article text.',
  },
  {
    id: 'page-number',
    pattern: /^\s*(?:[-–—]\s*)?(?:(?:page|p\.|pg\.?)\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?(?:\s*[-–—])?\s*$/i,
    reason: 'A line that is only a page number (7, - 7 -, Page 7 of 9) marks a page break, not text.',
  },
  {
    id: 'page-header',
    pattern:
      /^(?:[^.!?]{1,60}\s[|•·—–-]\s*)?(?:page|p\.|pg\.?)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?(?:\s*[|•·—–-]\s[^.!?]{1,60})?$/i,
    reason: 'A short line with a "Page N" field (The Daily News | Page 5) is a running page header or footer.',
  },
  {
    id: 'transcriber-credit',
    pattern: /^(?:produced|transcribed|prepared|digiti[sz]ed|e-?text prepared) by\b.{0,120}$/i,
    reason: 'A production or transcription credit names who made the file, not what the author wrote.',
  },
  {
    id: 'share-prompt',
    pattern:
      /^[*_]{0,2}(?:share|tweet|e-?mail|print|save)(?: (?:this|the))?(?: (?:article|story|page|post))?(?: on [\p{L} ]{1,20})?[*_]{0,2}:?$/iu,
    reason: 'A share, print or save prompt is a button of the web page, not article text.',
  },
  {
    id: 'read-more-link',
    pattern:
      /^[*_]{0,2}(?:read more|read also|see also|related(?: article| story)?|more on this(?: story)?)[*_]{0,2}\s*:?\s*(?:\[[^\]]*\]\([^)]*\)|(?:https?:\/\/|www\.)\S+)\s*$/i,
    reason: 'A "Read more: <link>" line points to another page; it is not article text.',
  },
  {
    id: 'link-only',
    pattern:
      /^[*_<\s]*(?:\[[^\]]*\]\([^)\s]*\)|(?:https?:\/\/|www\.)\S+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/\S*)?)[*_>\s]*$/i,
    reason: 'A line that is only a link or address has no prose of its own.',
  },
])

/** Rules for the end of an article, where outlets put footers, appeals and resource lists. */
export const tailRules = ruleTable('tailRules', TailRule, [
  {
    id: 'contact-footer',
    kind: 'span',
    pattern:
      /^(?:to )?contact (?:us|the [\p{L}\s.&-]{1,60}?),? (?:visit|email|e-mail|write to|call|at)\b.{0,80}?(?::|\S+@\S+|https?:\/\/\S+|www\.\S+|[a-z0-9-]+\.[a-z]{2,}\/?\S*)$/iu,
    reason: 'A "To contact ... visit:" line is outlet furniture, not article text.',
  },
  {
    id: 'support-appeal',
    kind: 'appeal',
    cues: [
      /\bsubscrib(?:e|ing|ers?|tion)\b/i,
      /\bnewsletter\b/i,
      /\bdonat(?:e|ing|ion)s?\b/i,
      /\bsupport (?:our|us|independent|fearless)\b/i,
      /\bsign up\b/i,
      /\bfollow us\b/i,
      /\bshare this (?:article|story)\b/i,
    ],
    minCues: 2,
    maxWords: 90,
    reason:
      'A closing appeal to subscribe, donate or share (two distinct cues) asks for support; it is not article text.',
  },
  {
    id: 'resource-section',
    kind: 'section',
    pattern:
      /^[#*_\s]*(?:engagement |additional |further |related |more )?(?:resources|reading|links|ways to help|how (?:you can|to) help|take action)[*_\s]*:?[*_\s]*$/i,
    reason: 'A closing list of resources, links or donation targets is outlet furniture, not article text.',
  },
  {
    id: 'repeated-boilerplate',
    kind: 'repeated',
    reason:
      'A short closing line that ends several documents of the corpus after varied text, without finishing a sentence above it or standing inside bodies, is an outlet footer.',
  },
])

/** A short line repeated this often in one document, or twice with a number in it, is a running header. */
export const RUNNING_HEADER = { minRepeats: 3, minRepeatsWithNumber: 2, maxWords: 12 } as const
