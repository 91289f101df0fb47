import { Pattern, RuleBase, ruleTable } from './table.ts'

/** An abbreviation after which Intl.Segmenter breaks a sentence that has not ended. */
export const Abbreviation = RuleBase.extend({ pattern: Pattern })

/** Abbreviations that end a sentence segment without ending the sentence (matched at the segment's end). */
export const abbreviations = ruleTable('abbreviations', Abbreviation, [
  {
    id: 'title-abbreviation',
    pattern: /\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev|St|Hon|Pres|Adm|Maj|Cpl)\.\s*$/,
    reason: 'A title before a name (Mr. Putin) never ends a sentence.',
  },
  {
    id: 'country-initialism',
    pattern: /\b(?:U\.S|U\.K|U\.N|E\.U|U\.S\.A)\.\s*$/,
    reason: 'U.S., U.K., U.N. and E.U. stand before nouns far more often than at a sentence end in news text.',
  },
  {
    id: 'month-abbreviation',
    pattern: /\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.\s*$/,
    reason: 'An abbreviated month (Oct. 7) is followed by its day.',
  },
])
