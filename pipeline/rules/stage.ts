import { RuleBase, ruleTable } from './table.ts'

/** Rules applied by the stages' own code rather than by a pattern table, listed so every change row's rule is documented. */
export const stageRules = ruleTable('stageRules', RuleBase, [
  {
    id: 'page-caption',
    reason:
      'A figure, a picture caption or a credit of a saved .html page (a figure or figcaption element, one whose class or id says caption, credit, legend or image box, or a div or span holding a picture and at most 40 words and no paragraph: a caption or a teaser card) describes a picture, not the story.',
  },
  {
    id: 'page-box',
    reason:
      "A box inside a saved page's article that is about the post, not of it, by the class or id a CMS theme gives it: the post's details footer, an author's bio, a rating, share buttons, links to the previous and next post, a comments-closed notice, a newsletter or donation appeal, a table of contents, related posts, a tag list, a loading indicator, an external embed's consent placeholder.",
  },
  {
    id: 'page-trailing-heading',
    reason:
      "A heading that ends a saved page's article (`Recommended posts`, `Find the right one`): a heading introduces what follows it, and with nothing of the article after it, it is a label of the page.",
  },
  {
    id: 'page-outside-article',
    reason:
      'A region of a saved .html page outside the article the extractor (Readability) found: navigation, asides, other stories, comments, footers. Its element path is in `evidence`, its text in `before`.',
  },
  {
    id: 'header-kicker',
    reason:
      'A short line above the headline (a section label), in plain text when a header field follows, is a kicker, kept apart from the title.',
  },
  {
    id: 'header-title',
    reason:
      'The title: the first `#` heading (on a saved page, its h1, put first), else the first heading a byline or date stands near, else the first line (after licence text and furniture); a heading wrapped onto a second line is read whole; `#` and emphasis marks are dropped.',
  },
  {
    id: 'header-byline',
    reason:
      'A byline around the title (`By NAME`, `DATE by NAME`, `NAME - DATE`, `By NAME | Outlet`, `By A, B and C`, a bare name next to a date or under a `By` line) gives the authors; a role, a handle or an organisation is not a name.',
  },
  {
    id: 'header-date',
    reason:
      'A date in a header line (with times, time zones, weekdays and Published or Updated labels) gives the publication date; an Updated date only when no other is shown.',
  },
  {
    id: 'header-deck',
    reason:
      'A line between the title and the byline or date below it (a second headline, a standfirst) belongs to the header, not the body.',
  },
  {
    id: 'furniture-before-article',
    reason: 'A block of a saved page above the article run (menus, breadcrumbs, teasers) is page furniture.',
  },
  {
    id: 'furniture-after-article',
    reason: 'A block of a saved page below the article run (other stories, comments, footers) is page furniture.',
  },
  {
    id: 'furniture-no-article',
    reason: 'A page with furniture but no run of article text is kept whole, with a warning.',
  },
  {
    id: 'running-header',
    reason:
      'A short line repeated down one document (three times, or twice with a number) above other text each time is a page header or footer.',
  },
  {
    id: 'page-break-join',
    reason:
      'A block that ends mid-sentence is joined to the next block that continues it, across a blank line or a removed page header.',
  },
  {
    id: 'hyphen-join',
    reason:
      'A word hyphenated across a line or page break is rejoined when the corpus or the English word list knows the joined form.',
  },
  {
    id: 'hyphen-keep-join',
    reason:
      'A compound or number hyphenated at a line end (subject- / matter, 555- / 1234) is joined with its hyphen and no space.',
  },
  {
    id: 'dash-line-join',
    reason:
      'A line that opens with `- ` in the middle of a sentence (the line above ends open, no list item follows) is a dash, not a list item: it stays in the paragraph.',
  },
  {
    id: 'markdown-syntax',
    reason:
      'Words of the Markdown source that the text does not keep (link targets, reference labels) are recorded as removed.',
  },
])
