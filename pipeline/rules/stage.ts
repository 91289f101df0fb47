import { RuleBase, ruleTable } from './table.ts'

/** Rules applied by the stages' own code rather than by a pattern table, listed so every change row's rule is documented. */
export const stageRules = ruleTable('stageRules', RuleBase, [
  { id: 'header-kicker', reason: 'A short line above the headline, which the byline or date follows, is a kicker (section label), kept apart from the title.' },
  { id: 'header-title', reason: 'The first line of the header (after licence text and furniture) is the title; `#` and emphasis marks are dropped.' },
  { id: 'header-byline', reason: 'A byline (`By NAME`, `By: NAME`, `kicker | By: NAME | DATE`, or a bare name next to a date) gives the authors.' },
  { id: 'header-date', reason: 'A date line in the header gives the publication date.' },
  { id: 'running-header', reason: 'A short line repeated down one document (three times, or twice with a number) above other text each time is a page header or footer.' },
  { id: 'page-break-join', reason: 'A block that ends mid-sentence is joined to the next block that continues it, across a blank line or a removed page header.' },
  { id: 'hyphen-join', reason: 'A word hyphenated across a line or page break is rejoined when the corpus or the English word list knows the joined form.' },
  { id: 'markdown-syntax', reason: 'Words of the Markdown source that the text does not keep (link targets, reference labels) are recorded as removed.' },
])
