import { z } from 'zod'
import { Pattern, RuleBase, ruleTable } from './table.ts'

/** The measurements taken of every block of a page (a paragraph, a heading or a list item). */
export const BlockSignal = z.enum(['words', 'linkShare', 'terminal', 'listItem', 'heading', 'cue', 'letters', 'listRun'])
export type BlockSignal = z.infer<typeof BlockSignal>

/** A block's class: article text, page furniture, or too short to say (decided by its neighbours). */
export const BlockClass = z.enum(['article', 'furniture', 'short'])
export type BlockClass = z.infer<typeof BlockClass>

/** One condition on a signal: numbers compare with `min`/`max` (inclusive), yes-or-no signals with `is`. */
const Condition = z.object({ signal: BlockSignal, min: z.number().optional(), max: z.number().optional(), is: z.boolean().optional() })

/** A block rule: when every condition holds, the block is of `class`; the first matching rule decides. */
export const BlockRule = RuleBase.extend({ when: z.array(Condition).min(1), class: BlockClass })
export type BlockRule = z.infer<typeof BlockRule>

/**
 * How a block of a saved page is classed, tried in order (the jusText and boilerpipe family, on text):
 * furniture is what has little prose of its own, article text is long prose, and the rest is short.
 */
export const blockRules = ruleTable('blockRules', BlockRule, [
  {
    id: 'furniture-no-words',
    when: [{ signal: 'letters', max: 1 }],
    class: 'furniture',
    reason: 'A block without a word (icons, counters, rule marks) is a widget of the page.',
  },
  {
    id: 'furniture-link-dense',
    when: [{ signal: 'linkShare', min: 0.5 }],
    class: 'furniture',
    reason: 'A block whose words are mostly link text is navigation (a menu, a related-story list).',
  },
  {
    id: 'furniture-cue',
    when: [
      { signal: 'cue', is: true },
      { signal: 'words', max: 15 },
    ],
    class: 'furniture',
    reason: 'A short block that asks the reader to share, follow, subscribe, sign in or read on is a button or prompt of the page.',
  },
  {
    id: 'furniture-menu-item',
    when: [
      { signal: 'listItem', is: true },
      { signal: 'listRun', min: 3 },
      { signal: 'words', max: 8 },
      { signal: 'terminal', is: false },
    ],
    class: 'furniture',
    reason: 'A list of three or more short items without sentence ends is a menu or a list of links.',
  },
  {
    id: 'article-prose',
    when: [
      { signal: 'words', min: 20 },
      { signal: 'terminal', is: true },
      { signal: 'heading', is: false },
    ],
    class: 'article',
    reason: 'A block of twenty words or more that ends a sentence is prose, the stuff of articles.',
  },
])

/**
 * Words that mark page furniture in a short block: share and follow buttons, sign-in and newsletter
 * prompts, advertising labels, comment counters, cookie notices, read-on links, copyright lines.
 */
export const furnitureCues = ruleTable('furnitureCues', RuleBase.extend({ pattern: Pattern }), [
  { id: 'cue-share', pattern: /^(?:share|tweet|pin it|e-?mail|print|save|whatsapp|facebook|twitter|linkedin|reddit|pinterest|flipboard|pocket)\b/i, reason: 'Share and save buttons.' },
  { id: 'cue-share-this', pattern: /\bshare (?:this|on|via|to|with)\b|\bsharing options\b|\bsharing is caring\b|\d+\s*shares\b/i, reason: 'Share prompts and counters.' },
  { id: 'cue-follow', pattern: /\bfollow (?:us|@|the author|the topics|[A-Z][\w]* on)\b/i, reason: 'Follow prompts.' },
  { id: 'cue-subscribe', pattern: /\b(?:subscribe|newsletters?|sign (?:up|in)|log (?:in|out)|register|create (?:an )?account|your inbox)\b/i, reason: 'Subscription and sign-in prompts.' },
  { id: 'cue-advert', pattern: /^(?:advertisement|advert|sponsored|ad|promoted|skip (?:to|ad)\b)/i, reason: 'Advertising labels and skip links.' },
  { id: 'cue-comments', pattern: /^(?:\d+\s+)?(?:comments?|replies|reply|leave a (?:comment|reply)|add a comment|show comments|view comments|join the (?:conversation|discussion))\b|\b\d+\s+comments?\b/i, reason: 'Comment counters and prompts.' },
  { id: 'cue-cookies', pattern: /\bcookies?\b.*\b(?:accept|consent|use|policy|settings)\b|\bprivacy (?:policy|settings)\b|\bterms (?:of|and) (?:use|service|conditions)\b/i, reason: 'Cookie notices and legal links.' },
  { id: 'cue-read-on', pattern: /^(?:read more|read next|read also|see also|more from|more on|related(?: articles| stories| content| topics| coverage)?|recommended|trending|most (?:read|popular|viewed|shared)|popular|top stories|latest (?:news|stories)|you (?:may|might) also like|up next|watch(?: live)?|listen|view all|see all|load more|show more|next|previous)\b/i, reason: 'Read-on links and lists of other stories.' },
  { id: 'cue-copyright', pattern: /(?:©|\(c\)|\bcopyright\b|\ball rights reserved\b)/i, reason: 'Copyright lines of the page footer.' },
  { id: 'cue-image', pattern: /^(?:image|photo|picture|video|gallery)\s+\d+\s+(?:of|\/)\s*\d*|\b(?:getty images|shutterstock|istock)\b|^(?:photo|image|credit|caption)s?\s*:/i, reason: 'Image counters and picture credits.' },
  { id: 'cue-min-read', pattern: /^\d+\s+min(?:ute)?s?\s+read$|^get short url$|^menu$|^search\b|^home$|^close$|^(?:back to )?top$/i, reason: 'Reading-time labels and navigation words.' },
])

/** The article run: what a furniture block costs it, and how much article text a page needs before anything is removed. */
export const RUN = {
  /** A furniture block counts against the run as at least this many words. */
  minPenalty: 8,
  /** A page needs this many words of article blocks before the classifier removes anything. */
  minArticleWords: 60,
  /** Furniture counts this many times its words against the run (a menu of long labels still breaks it). */
  penaltyWeight: 1,
} as const
