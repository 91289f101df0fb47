import type { Document, Paragraph } from '../../schemas/index.ts'
import { changeRows } from './audit.ts'
import {
  codePointOffset,
  countChars,
  countWords,
  countWordsOf,
  PARAGRAPH_SEPARATOR,
  sentenceSpans,
  type SentenceSpan,
} from './text.ts'
import { entitiesOf } from './annotations/entities.ts'
import { numbersOf } from './annotations/numbers.ts'
import { quotesOf } from './annotations/quotes.ts'
import { sentencesOf } from './annotations/sentences.ts'
import { failDoc, sourceLines, type Annotations, type Doc, type Message, type Stage } from '../types.ts'

/** compromise is an English tagger: on German it names `ist` and `seine` as people. Articles in English, or whose language franc cannot tell, are tagged. */
export const ENTITY_LANGUAGE = /^(?:en|und)(?:-|$)/

/** Builds the document and paragraph records: counts, offsets into the document text, provenance. */
export const annotate: Stage = (doc, ctx) => {
  const paragraphs: Paragraph[] = []
  // Each paragraph's sentences and their words, found once for its counts and its rows in the sentences table.
  const found: { sentences: SentenceSpan[]; words: number[] }[] = []
  let offset = 0
  let section: string | null = null
  for (const [index, block] of doc.blocks.entries()) {
    if (block.kind === 'heading') section = block.text
    const n_chars = countChars(block.text)
    const sentences = sentenceSpans(block.text)
    const words = sentences.map((s) => countWords(s.text))
    found.push({ sentences, words })
    paragraphs.push({
      paragraph_id: `${doc.doc_id}:${String(index).padStart(4, '0')}`,
      doc_id: doc.doc_id,
      index,
      kind: block.kind,
      section: block.kind === 'heading' ? null : section,
      text: block.text,
      n_words: countWordsOf(block.text, sentences, words),
      n_sentences: sentences.length,
      n_chars,
      char_start: offset,
      char_end: offset + n_chars,
      line_start: sourceLines(doc, block.line_start, block.line_end)[0],
      line_end: sourceLines(doc, block.line_start, block.line_end)[1],
      emphasis: block.emphasis.map((e) => ({
        ...e,
        start: codePointOffset(block.text, e.start),
        end: codePointOffset(block.text, e.end),
      })),
      links: block.links.map((l) => ({
        ...l,
        start: codePointOffset(block.text, l.start),
        end: codePointOffset(block.text, l.end),
      })),
    })
    offset += n_chars + PARAGRAPH_SEPARATOR.length
  }
  const text = doc.blocks.map((b) => b.text).join(PARAGRAPH_SEPARATOR)
  const meta = doc.metadata
  if (meta === undefined)
    return failDoc(doc, 'annotate', 'Cannot annotate without metadata, expected the metadata stage to run first')
  const document: Document = {
    doc_id: doc.doc_id,
    source_path: doc.source_path,
    source_sha256: doc.source_sha256,
    title: meta.title,
    title_source: meta.title_source,
    kicker: doc.header.kicker,
    authors: meta.authors,
    authors_source: meta.authors_source,
    published: meta.published,
    published_source: meta.published_source,
    outlet: meta.outlet,
    outlet_source: meta.outlet_source,
    url: meta.url,
    licence: meta.licence,
    section: meta.section,
    edition: meta.edition,
    page: meta.page,
    stated_length: meta.stated_length,
    database_id: meta.database_id,
    language: meta.language,
    language_source: meta.language_source,
    layout: doc.layout?.layout ?? 'blank-line',
    layout_signals: {
      body_lines: doc.layout?.body_lines ?? 0,
      packed_share: doc.layout?.packed_share ?? 0,
      terminal_share: doc.layout?.terminal_share ?? 0,
      median_length: doc.layout?.median_length ?? 0,
      width: doc.layout?.width ?? 0,
    },
    n_paragraphs: paragraphs.filter((p) => p.kind === 'paragraph').length,
    // Unicode never runs a word across a line break (UAX #29, WB3a/b): the text's words are its paragraphs' words.
    n_words: paragraphs.reduce((n, p) => n + p.n_words, 0),
    n_chars: countChars(text),
    text,
  }
  // A table the build leaves out is not made: entities alone cost more than every other stage together.
  const wanted = (table: keyof Annotations) => ctx.annotate.includes(table)
  const annotations: Annotations = {
    sentences: wanted('sentences')
      ? paragraphs.flatMap((p, i) => sentencesOf(p, found[i]?.sentences, found[i]?.words))
      : [],
    quotes: wanted('quotes') ? paragraphs.flatMap(quotesOf) : [],
    entities: wanted('entities') && ENTITY_LANGUAGE.test(meta.language ?? 'und') ? entitiesOf(paragraphs) : [],
    numbers: wanted('numbers') ? paragraphs.flatMap(numbersOf) : [],
  }
  return {
    ...doc,
    document,
    paragraphs,
    changeRows: changeRows(doc),
    annotations,
    messages: [...doc.messages, ...lengthWarnings(doc, document.n_words)],
  }
}

/**
 * How far the words counted may be from the length an export states before it is worth a warning: a
 * database counts words its own way (numbers, hyphens, the headline), by a few percent, never by a fifth.
 */
export const STATED_LENGTH = { share: 0.2, words: 20 } as const

/** A warning when an export states a length far from the words its article holds: the article was cut, or the export split it wrongly. */
function lengthWarnings(doc: Doc, counted: number): Message[] {
  const stated = doc.exported?.stated_length
  if (
    stated === null ||
    stated === undefined ||
    Math.abs(counted - stated) <= Math.max(STATED_LENGTH.words, stated * STATED_LENGTH.share)
  )
    return []
  const line = doc.exported?.lengthLine ?? undefined
  const reason = `The export states ${stated} words, the article holds ${counted}: ${counted < stated ? 'part of it may have been cut' : 'its text may run into the next article'}`
  return [
    {
      file: doc.source_path,
      ...(line === undefined ? {} : { line }),
      rule: 'export-length',
      severity: 'warning',
      reason,
    },
  ]
}
