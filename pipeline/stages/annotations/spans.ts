import type { Paragraph } from '../../../schemas/index.ts'
import { codePointOffset } from '../text.ts'

/** Converts a UTF-16 span inside a paragraph's text into code-point offsets in the document's text. */
export function docSpan(p: Paragraph, start: number, end: number): { char_start: number; char_end: number } {
  return {
    char_start: p.char_start + codePointOffset(p.text, start),
    char_end: p.char_start + codePointOffset(p.text, end),
  }
}

/** The paragraph fields every annotation row carries. */
export function ref(p: Paragraph): { paragraph_id: string; doc_id: string } {
  return { paragraph_id: p.paragraph_id, doc_id: p.doc_id }
}
