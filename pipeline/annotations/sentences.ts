import type { Paragraph, Sentence } from '../../schemas/index.ts'
import { countWords, sentenceSpans } from '../text.ts'
import { docSpan, ref } from './spans.ts'

/** The sentences of a paragraph, with offsets into the document text. */
export function sentencesOf(p: Paragraph): Sentence[] {
  return sentenceSpans(p.text).map((s, index) => ({
    sentence_id: `${p.paragraph_id}:s${String(index).padStart(3, '0')}`,
    ...ref(p),
    index,
    text: s.text,
    ...docSpan(p, s.start, s.end),
    n_words: countWords(s.text),
  }))
}
