import { franc } from 'franc-min'
import { iso6393To1 } from 'iso-639-3'
import type { Document, Paragraph } from '../schemas/index.ts'
import { changeRows } from './audit.ts'
import { abbreviations } from './rules/sentences.ts'
import { failDoc, type Doc, type Stage } from './types.ts'

const words = new Intl.Segmenter('en', { granularity: 'word' })
const sentences = new Intl.Segmenter('en', { granularity: 'sentence' })
/** Paragraphs in a document's `text` are separated by one blank line. */
export const PARAGRAPH_SEPARATOR = '\n\n'

/** Counts word-like segments (Unicode word boundaries; punctuation and spaces do not count). */
export function countWords(text: string): number {
  let n = 0
  for (const segment of words.segment(text)) if (segment.isWordLike) n += 1
  return n
}

/** Splits text into sentences with Intl.Segmenter, re-joining breaks that do not end a sentence. */
export function splitSentences(text: string): string[] {
  const out: string[] = []
  for (const { segment } of sentences.segment(text)) {
    const last = out.at(-1)
    // After a known abbreviation, or before a lower-case word ("Who benefits?” he asked), the sentence goes on.
    if (last !== undefined && (abbreviations.some((a) => a.pattern.test(last)) || /^\p{Ll}/u.test(segment))) out[out.length - 1] = last + segment
    else out.push(segment)
  }
  return out.filter((s) => s.trim() !== '')
}

/** Counts Unicode code points, as Python's len() does. */
export function countChars(text: string): number {
  let n = 0
  for (const _ of text) n += 1
  return n
}

// Offsets are published in code points, the unit Python, polars and DuckDB slice strings by.
function codePointOffset(text: string, utf16Offset: number): number {
  return countChars(text.slice(0, utf16Offset))
}

/** Detects the language of a text as an ISO 639-1 code, `und` when franc cannot tell. */
export function detectLanguage(text: string): string {
  const code = franc(text)
  return code === 'und' ? 'und' : (iso6393To1[code] ?? code)
}

/** Builds the document and paragraph records: counts, offsets into the document text, provenance. */
export const annotate: Stage = (doc) => {
  const paragraphs: Paragraph[] = []
  let offset = 0
  let section: string | null = null
  for (const [index, block] of doc.blocks.entries()) {
    if (block.kind === 'heading') section = block.text
    paragraphs.push({
      paragraph_id: `${doc.doc_id}:${String(index).padStart(4, '0')}`,
      doc_id: doc.doc_id,
      index,
      kind: block.kind,
      section: block.kind === 'heading' ? null : section,
      text: block.text,
      n_words: countWords(block.text),
      n_sentences: splitSentences(block.text).length,
      n_chars: countChars(block.text),
      char_start: offset,
      char_end: offset + countChars(block.text),
      line_start: block.line_start,
      line_end: block.line_end,
      emphasis: block.emphasis.map((e) => ({ ...e, start: codePointOffset(block.text, e.start), end: codePointOffset(block.text, e.end) })),
    })
    offset += countChars(block.text) + PARAGRAPH_SEPARATOR.length
  }
  const text = doc.blocks.map((b) => b.text).join(PARAGRAPH_SEPARATOR)
  const meta = doc.metadata
  if (meta === undefined) return failDoc(doc, 'annotate', 'Cannot annotate without metadata, expected the metadata stage to run first')
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
    n_words: countWords(text),
    n_chars: countChars(text),
    text,
  }
  return { ...doc, document, paragraphs, changeRows: changeRows(doc) }
}
