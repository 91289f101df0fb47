import type { Paragraph, Sentence } from '../../../schemas/index.ts'
import { countWords, sentenceSpans, type SentenceSpan } from '../text.ts'
import { docSpan, ref } from './spans.ts'

/** The sentences of a paragraph (its `spans` and their `words`, when already found), with offsets into the document text. */
export function sentencesOf(
  p: Paragraph,
  spans: readonly SentenceSpan[] = sentenceSpans(p.text),
  words: readonly number[] = spans.map((s) => countWords(s.text)),
): Sentence[] {
  return spans.map((s, index) => ({
    sentence_id: `${p.paragraph_id}:s${String(index).padStart(3, '0')}`,
    ...ref(p),
    index,
    text: s.text,
    ...docSpan(p, s.start, s.end),
    n_words: words[index] as number,
  }))
}
