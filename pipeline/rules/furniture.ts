import { z } from 'zod'
import { Pattern, RuleBase, ruleTable } from './table.ts'

/** The measurements taken of every block of a page (a paragraph, a heading or a list item). */
export const BlockSignal = z.enum([
  'words',
  'sentences',
  'linkShare',
  'terminal',
  'listItem',
  'heading',
  'cue',
  'sectionCue',
  'commentsCue',
  'letters',
  'listRun',
  'introduced',
])
export type BlockSignal = z.infer<typeof BlockSignal>

/** A block's class: article text, page furniture, or too short to say (decided by its neighbours). */
export const BlockClass = z.enum(['article', 'furniture', 'short'])
export type BlockClass = z.infer<typeof BlockClass>

/** One condition on a signal: numbers compare with `min`/`max` (inclusive), yes-or-no signals with `is`. */
const Condition = z.object({
  signal: BlockSignal,
  min: z.number().optional(),
  max: z.number().optional(),
  is: z.boolean().optional(),
})

/**
 * A block rule: when every condition holds, the block is of `class`; the first matching rule decides.
 * `penalty`: what a furniture or short block costs the article run, in words (at least, for furniture); `wall`: the article run
 * found before the block ends there (what follows is another page's matter, however long).
 */
export const BlockRule = RuleBase.extend({
  when: z.array(Condition).min(1),
  class: BlockClass,
  penalty: z.number().int().nonnegative().optional(),
  wall: z.boolean().optional(),
})
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
    id: 'article-linked-sentence',
    when: [
      { signal: 'linkShare', min: 0.5 },
      { signal: 'words', min: 15 },
      { signal: 'terminal', is: true },
      { signal: 'listItem', is: false },
      { signal: 'heading', is: false },
    ],
    class: 'article',
    reason:
      'A paragraph of fifteen words or more that ends a sentence is prose, though links cover most of it (sources cited by their whole clause); a list of links ends no sentence.',
  },
  {
    id: 'furniture-link-dense',
    when: [{ signal: 'linkShare', min: 0.5 }],
    class: 'furniture',
    reason: 'A block whose words are mostly link text is navigation (a menu, a related-story list).',
  },
  {
    id: 'furniture-comments',
    when: [
      { signal: 'commentsCue', is: true },
      { signal: 'words', max: 8 },
      { signal: 'terminal', is: false },
    ],
    class: 'furniture',
    wall: true,
    reason:
      "A short label that opens the comments (12 Comments, Leave a reply) ends the article: readers' comments are prose, but not the article.",
  },
  {
    id: 'furniture-section',
    when: [
      { signal: 'sectionCue', is: true },
      { signal: 'words', max: 8 },
      { signal: 'terminal', is: false },
    ],
    class: 'furniture',
    penalty: 20,
    reason:
      'A short label that opens a list of other stories or the comments (Related, More World, Top Rated Comments) ends the article unless much article text follows.',
  },
  {
    id: 'furniture-cue',
    when: [
      { signal: 'cue', is: true },
      { signal: 'words', max: 6 },
    ],
    class: 'furniture',
    reason:
      'A block of a few words that asks the reader to share, follow, subscribe, sign in or read on is a button of the page.',
  },
  {
    id: 'furniture-prompt',
    when: [
      { signal: 'cue', is: true },
      { signal: 'words', max: 15 },
      { signal: 'terminal', is: false },
    ],
    class: 'furniture',
    reason:
      'A short block with such a cue that ends no sentence is a prompt of the page; a sentence that starts with one (Share prices fell.) is not.',
  },
  {
    id: 'furniture-menu-item',
    when: [
      { signal: 'listItem', is: true },
      { signal: 'listRun', min: 3 },
      { signal: 'words', max: 8 },
      { signal: 'terminal', is: false },
      { signal: 'introduced', is: false },
    ],
    class: 'furniture',
    reason:
      'A list of three or more short items without sentence ends, not introduced by a line ending in a colon, is a menu or a list of links.',
  },
  {
    id: 'text-list-item',
    when: [
      { signal: 'listItem', is: true },
      { signal: 'introduced', is: true },
      { signal: 'linkShare', max: 0.5 },
    ],
    class: 'short',
    penalty: 0,
    reason:
      'An item of a list the text introduces (…three parts:) is part of the text: however short, it costs the article run nothing.',
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
  {
    id: 'article-sentences',
    when: [
      { signal: 'words', min: 40 },
      { signal: 'sentences', min: 2 },
      { signal: 'heading', is: false },
    ],
    class: 'article',
    reason:
      'A long block of several sentences is prose even when its end was cut off (a table cell, a paragraph run into a widget).',
  },
])

/**
 * Words that mark page furniture in a short block: share and follow buttons, sign-in and newsletter
 * prompts, advertising labels, comment counters, cookie notices, read-on links, copyright lines.
 */
export const furnitureCues = ruleTable('furnitureCues', RuleBase.extend({ pattern: Pattern }), [
  {
    id: 'cue-share',
    pattern:
      /^(?:share|tweet|pin it|e-?mail|print|save|whatsapp|facebook|twitter|linkedin|reddit|pinterest|flipboard|pocket|teilen|(?:artikel|beitrag|seite) (?:teilen|drucken|merken)|drucken|partager|imprimer|compartir|imprimir|condividi|stampa|delen|udostępnij|compartilhar)(?![\p{L}])/iu,
    reason: "Share and save buttons, in the press's languages.",
  },
  {
    id: 'cue-share-this',
    pattern: /\bshare (?:this|on|via|to|with)\b|\bsharing options\b|\bsharing is caring\b|\d+\s*shares\b/i,
    reason: 'Share prompts and counters.',
  },
  { id: 'cue-follow', pattern: /\bfollow (?:us|@|the author|the topics|[A-Z][\w]* on)\b/i, reason: 'Follow prompts.' },
  {
    id: 'cue-subscribe',
    pattern: /\b(?:subscribe|newsletters?|sign (?:up|in)|log (?:in|out)|register|create (?:an )?account|your inbox)\b/i,
    reason: 'Subscription and sign-in prompts.',
  },
  {
    id: 'cue-advert',
    pattern: /^(?:advertisement|advert|sponsored|ad|promoted|skip (?:to|ad))\b/i,
    reason: 'Advertising labels and skip links.',
  },
  {
    id: 'cue-comments',
    pattern:
      /^(?:\d+\s+)?(?:comments?|replies|reply|leave a (?:comment|reply)|add a comment|show comments|view comments|join the (?:conversation|discussion))\b|\b\d+\s+comments?\b/i,
    reason: 'Comment counters and prompts.',
  },
  {
    id: 'cue-cookies',
    pattern:
      /\bcookies?\b.*\b(?:accept|consent|use|policy|settings)\b|\bprivacy (?:policy|settings)\b|\bterms (?:of|and) (?:use|service|conditions)\b/i,
    reason: 'Cookie notices and legal links.',
  },
  {
    id: 'cue-read-on',
    pattern:
      /^(?:read more|read next|read also|see also|more from|more on|recommended|trending|popular|top stories|latest (?:news|stories)|you (?:may|might) also like|up next|watch(?: live)?|listen|view all|see all|load more|show more|next|previous)\b/i,
    reason: 'Read-on links.',
  },
  {
    id: 'cue-copyright',
    pattern: /(?:©|\(c\)|\bcopyright\b|\ball rights reserved\b)/i,
    reason: 'Copyright lines of the page footer.',
  },
  {
    id: 'cue-image',
    pattern:
      /^(?:image|photo|picture|video|gallery)\s+\d+\s+(?:of|\/)\s*\d*|\b(?:getty images|shutterstock|istock)\b|^(?:photo|image|credit|caption)s?\s*:/i,
    reason: 'Image counters and picture credits.',
  },
  {
    id: 'cue-min-read',
    pattern: /^\d+\s+min(?:ute)?s?\s+read$|^get short url$|^menu$|^search\b|^home$|^close$|^(?:back to )?top$/i,
    reason: 'Reading-time labels and navigation words.',
  },
])

/**
 * Words that open a section of other stories or of comments after an article: a short block starting with
 * one (`Related articles`, `More World`, `Top Rated Comments`, `You may also like`) is a section label.
 */
export const sectionCues = ruleTable('sectionCues', RuleBase.extend({ pattern: Pattern }), [
  {
    id: 'section-related',
    pattern:
      /^(?:related|more (?:from|on|in|stories|news|articles|videos|[\p{Lu}][\p{L}.]*(?: [\p{Lu}][\p{L}]*)?$)|also (?:read|on)|recommended|you (?:may|might) (?:also )?(?:like|enjoy)|most (?:read|popular|viewed|shared|recent)|popular|trending|top stories|latest|editor'?s picks|further reading|read (?:more|next|also)|what to read next|other stories|don'?t miss|in case you missed|mehr (?:zum thema|zu(?:m)? |aus |von |artikel|beiträge|nachrichten|news)|weitere (?:artikel|beiträge|nachrichten|meldungen|themen)|ähnliche (?:artikel|beiträge|themen)|verwandte (?:artikel|beiträge|themen)|(?:das|dies) könnte (?:sie|dich) (?:auch )?interessieren|auch interessant|lesen sie (?:auch|mehr)|lies (?:auch|mehr)|meist(?:gelesen|diskutiert|kommentiert|geklickt)\p{L}*|neueste (?:artikel|beiträge|nachrichten)|empfehlungen|top-?themen|(?:à )?lire aussi|(?:à )?voir aussi|sur le même sujet|articles? (?:similaires|liés|connexes)|les plus (?:lus|partagés|commentés)|dans la même rubrique|(?:te )?puede(?:s)? interesar|también te puede interesar|lee (?:también|más)|(?:noticias|artículos) relacionad[oa]s|lo más (?:leído|visto)|más noticias|leggi anche|articoli correlati|potrebbe interessarti|i più letti|lees ook|meer (?:over|nieuws)|gerelateerde artikelen|meest gelezen|leia (?:também|mais)|veja também|mais lidas|notícias relacionadas|czytaj (?:też|także|więcej)|zobacz (?:też|także)|najczęściej czytane|powiązane artykuły|читайте также|по теме|weiterführende (?:links?|artikel|beiträge|informationen)|zum weiterlesen|mehr themen|meist-(?:gelesen|diskutiert|kommentiert)\p{L}*|(?:previous|next) (?:article|post|story)|(?:vorheriger|nächster) (?:artikel|beitrag)|vorschau auf den nächsten artikel)(?![\p{L}])/iu,
    reason: "Lists of other stories, the links to the next article, in the press's languages.",
  },
  {
    id: 'section-tags',
    pattern: /^(?:tags?|topics?|filed under|categories|category)\s*:?\s*$|^(?:tags?|filed under)\s*:/i,
    reason: 'Tag and category lists.',
  },
  {
    id: 'section-newsletter',
    pattern: /^(?:sign up for|get (?:our|the) (?:newsletter|daily)|newsletters?\b|subscribe to)/i,
    reason: 'Newsletter sign-up boxes.',
  },
])

/** Words that open the comments under an article. */
export const commentsCues = ruleTable('commentsCues', RuleBase.extend({ pattern: Pattern }), [
  {
    id: 'comments-label',
    pattern:
      /^(?:\d+\s+)?(?:top rated |latest |reader(?:s'?)? |newest |oldest )?(?:comments?|replies|discussion|responses?)\b|^\[?\s*\d+\s+comments?\s*\]?$|^(?:\d+\s+)?(?:leser)?(?:kommentare?|kommentieren|diskussion|commentaires?|comentarios?|comentários?|commenti|reacties|komentarze?|комментарии)(?![\p{L}])|^(?:no comments|comments are closed|keine kommentare|kommentare sind geschlossen|aucun commentaire|sin comentarios)(?![\p{L}])/iu,
    reason: "A comments heading or counter, or the note that there are none, in the press's languages.",
  },
  {
    id: 'comments-prompt',
    pattern:
      /^(?:leave|post|add|write|submit) a (?:comment|reply|response)\b|^join the (?:conversation|discussion)\b|^(?:what do you think|tell us what you think|have your say)\b|^(?:schreib(?:e|en sie)?|hinterlasse(?:n sie)?) (?:einen|eine) (?:kommentar|antwort)|^(?:kommentar|antwort) (?:schreiben|hinterlassen|verfassen)|^laisser un commentaire|^(?:deja|dejar) un (?:comentario|a respuesta)|^lascia un commento|^laat een reactie achter|^deixe (?:um comentário|uma resposta)|^dodaj komentarz|^kommentar (?:verfassen|abgeben)/iu,
    reason: "A prompt to comment, in the press's languages.",
  },
])

/** The article run: what a furniture block costs it, and how much article text a page needs before anything is removed. */
export const RUN = {
  /** A furniture block counts against the run as at least this many words. */
  minPenalty: 5,
  /** Each article block counts this many words less: a run of one-sentence teasers adds little. */
  articleDiscount: 10,
  /** Each short block (a label, a name, a headline of a teaser) counts against the run as this many words. */
  shortPenalty: 4,
  /** Short blocks beside the run that end a sentence are kept with it (an article's closing line), up to this many. */
  maxWiden: 3,
  /** A page needs this many words of article blocks before the classifier removes anything. */
  minArticleWords: 60,
  /** Furniture counts this many times its words against the run (a menu of long labels still breaks it). */
  penaltyWeight: 1,
} as const
