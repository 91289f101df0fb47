import { z } from 'zod'
import { RuleBase, ruleTable } from './table.ts'

/**
 * The fields of a press-database export (Nexis, Nexis Uni, Factiva, ProQuest), each with the labels the
 * databases give it in the languages of their interfaces. A label is compared in lower case; a label not
 * listed is still read as a field where the layout says one stands (a labelled line in the header or the
 * closing fields), and kept as a `changes` row. `column` says which column of `documents` a field fills.
 */
export const ExportField = RuleBase.extend({ labels: z.array(z.string().min(1)), column: z.string().nullable() })
export type ExportField = z.infer<typeof ExportField>

export const exportFields = ruleTable('exportFields', ExportField, [
  {
    id: 'title',
    column: 'title',
    labels: ['title', 'headline', 'titel', 'überschrift', 'titre', 'título', 'titolo'],
    reason: "The article's headline, where the database labels it (ProQuest repeats it among its closing fields).",
  },
  {
    id: 'byline',
    column: 'authors',
    labels: [
      'byline',
      'author',
      'authors',
      'autor',
      'autoren',
      'autorin',
      'auteur',
      'auteurs',
      'autore',
      'autori',
      'auteur(s)',
      'firma',
      'credit',
    ],
    reason: 'The byline, split into persons as every byline is.',
  },
  {
    id: 'outlet',
    column: 'outlet',
    labels: [
      'publication title',
      'publication',
      'source',
      'quelle',
      'publikationstitel',
      'titre de la publication',
      'título de la publicación',
    ],
    reason: 'The newspaper or agency the article appeared in.',
  },
  {
    id: 'published',
    column: 'published',
    labels: [
      'publication date',
      'publikationsdatum',
      'erscheinungsdatum',
      'date de publication',
      'fecha de publicación',
      'data di pubblicazione',
    ],
    reason: 'The date the article appeared.',
  },
  {
    id: 'publication-info',
    column: 'outlet',
    labels: ['publication info', 'publikationsinfo', 'informations de publication', 'información de publicación'],
    reason:
      "ProQuest's citation line (`The Daily Example; London (UK). 23 Mar 2024: 4.`): outlet, date and page, where the closing fields do not give them.",
  },
  {
    id: 'section',
    column: 'section',
    labels: ['section', 'rubrik', 'ressort', 'rubrique', 'sección', 'sezione', 'sectie', 'seção'],
    reason: "The newspaper's section; a page after it (`NEWS; Pg. 4`) goes to `page`.",
  },
  {
    id: 'edition',
    column: 'edition',
    labels: ['edition', 'ausgabe', 'édition', 'edición', 'edizione', 'editie', 'edição'],
    reason: 'The edition the article appeared in.',
  },
  {
    id: 'page',
    column: 'page',
    labels: ['pages', 'page', 'pg', 'seite', 'seiten', 'página', 'pagina'],
    reason: 'The printed page.',
  },
  {
    id: 'length',
    column: 'stated_length',
    labels: [
      'length',
      'länge',
      'longueur',
      'longitud',
      'lunghezza',
      'lengte',
      'comprimento',
      'word count',
      'wortanzahl',
    ],
    reason: 'The length the database states, in words; compared with the words counted.',
  },
  {
    id: 'rights',
    column: 'licence',
    labels: ['copyright', 'urheberrecht', "droits d'auteur", 'derechos de autor'],
    reason: 'The copyright line.',
  },
  {
    id: 'database-id',
    column: 'database_id',
    labels: ['proquest document id', 'document id', 'dokument-id', 'id du document', 'accession number'],
    reason: "The database's own id of the article.",
  },
  {
    id: 'url',
    column: 'url',
    labels: ['document url', 'dokument-url', 'url'],
    reason: "The article's address in the database.",
  },
  {
    id: 'body',
    column: null,
    labels: [
      'full text',
      'body',
      'volltext',
      'text',
      'texte intégral',
      'texte',
      'texto completo',
      'texto',
      'testo completo',
      'testo',
      'corps',
      'cuerpo',
      'tekst',
    ],
    reason: 'Where the text begins: the label is left out, the text after it is the body.',
  },
  {
    id: 'closing',
    column: null,
    labels: [
      'load-date',
      'ladedatum',
      'date de chargement',
      'fecha de carga',
      'language',
      'language of publication',
      'sprache',
      'langue',
      'idioma',
      'lingua',
      'taal',
      'publication-type',
      'publikationstyp',
      'type de publication',
      'tipo de publicación',
      'graphic',
      'grafik',
      'graphique',
      'subject',
      'thema',
      'sujet',
      'classification',
      'klassifikation',
      'geographic',
      'organization',
      'person',
      'people',
      'industry',
      'company',
      'companies',
      'ticker',
      'notes',
      'correction',
      'correction-date',
      'document type',
      'document-type',
      'dokumenttyp',
      'source type',
      'quellentyp',
      'last updated',
      'zuletzt aktualisiert',
      'database',
      'datenbank',
      'place of publication',
      'country of publication',
      'publication subject',
      'issn',
      'publisher',
      'verlag',
      'location',
      'publication year',
      'journal-code',
      'distribution',
      'series',
      'type',
    ],
    reason:
      "A field that closes an article, which the release has no column for (the load date, the language, the database's subject codes): kept in `changes`, left out of the text.",
  },
  {
    id: 'aside',
    column: null,
    labels: ['dateline', 'highlight', 'abstract', 'zusammenfassung', 'résumé', 'resumen', 'photo', 'foto'],
    reason:
      'A field beside the text (a dateline, a summary, a photo caption), which the release has no column for: kept in `changes`, left out of the text.',
  },
])

/** A field's entry by its label (in lower case), or undefined for a label no database is known to use. */
const byLabel = new Map(exportFields.flatMap((f) => f.labels.map((label) => [label, f] as const)))
export const fieldOf = (label: string): ExportField | undefined =>
  byLabel.get(label.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim())

/** The line that closes each article of a Nexis Uni export, in the languages of its interface. */
export const END_OF_DOCUMENT =
  /^\s*(?:End of Document|Ende des Dokuments|Fin du document|Fin del documento|Fine del documento|Einde van document|Fim do documento)\s*$/iu

/** A line that opens a copyright block: the database puts the outlet's rights under the article or its cover. */
export const RIGHTS = /^\s*(?:copyright\b|©|\(c\)\s*\d|all rights reserved)/iu

/** The limits of a field's value: a labelled line longer than this is a sentence of the text that holds a colon (`MOSCOW: Gunmen...`), not a field. */
export const FIELD_VALUE = { chars: 160, words: 20 } as const

/** The stages' rule ids for what an export's structure removes, listed with the other rules. */
export const exportRules = ruleTable('exportRules', RuleBase, [
  {
    id: 'export-header',
    reason:
      "A line of a press-database export that states one of the article's fields (headline, outlet, date, edition, byline, section, length, copyright, id): read into its column, left out of the text.",
  },
  {
    id: 'export-field',
    reason:
      'A labelled field of an export the release has no column for (LOAD-DATE, LANGUAGE, PUBLICATION-TYPE, subject codes, an abstract): left out of the text, kept here.',
  },
  {
    id: 'export-cover',
    reason:
      "The database's own lines around the articles: the search's cover page, `N of M DOCUMENTS`, `End of Document`, ProQuest's separators and report pages, a saved Factiva page's menus.",
  },
])
