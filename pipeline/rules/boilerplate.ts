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
 */
export const TailRule = z.discriminatedUnion('kind', [
  RuleBase.extend({ kind: z.literal('span'), pattern: Pattern }),
  RuleBase.extend({ kind: z.literal('appeal'), cues: z.array(Pattern).min(2), minCues: z.number().int().min(2), maxWords: z.number().int().positive() }),
  RuleBase.extend({ kind: z.literal('section'), pattern: Pattern }),
])
export type TailRule = z.infer<typeof TailRule>

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
    reason: 'A closing appeal to subscribe, donate or share (two distinct cues) asks for support; it is not article text.',
  },
  {
    id: 'resource-section',
    kind: 'section',
    pattern: /^[#*_\s]*(?:engagement |additional |further |related |more )?(?:resources|reading|links|ways to help|how (?:you can|to) help|take action)[*_\s]*:?[*_\s]*$/i,
    reason: 'A closing list of resources, links or donation targets is outlet furniture, not article text.',
  },
])
