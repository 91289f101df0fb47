/** A document made for evaluation: its text and the answer the pipeline should give. */
export interface EvalDoc {
  name: string
  style: Style | 'fixtures'
  text: string
  /** The body as it should come out: paragraphs and headings in order. */
  truth: { kind: 'paragraph' | 'heading'; text: string }[]
  /** Lines of furniture the pipeline must remove (footers, licences, page headers, credits). */
  furniture: string[]
}

/** The text styles the evaluation covers. */
export const styles = ['page-break', 'hard-wrapped', 'hard-wrapped-indented', 'one-per-line'] as const
export type Style = (typeof styles)[number]

/** A small, seeded random number generator (mulberry32): the same seed gives the same corpus everywhere. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T

const HEADINGS = [
  'Background',
  'The response from Kyiv',
  'What happens next',
  'A history of attacks',
  'Reactions abroad',
]
const BYLINES = [
  'By Jane Doe\nMarch 3, 2024',
  'Jane Doe\n26 March 2024',
  'Brief #7 | By: Jane Doe | April 01, 2024',
  'By JANE DOE and John Roe\n2024-04-08',
]
const FOOTERS = [
  ['To contact the WSWS and the Socialist Equality Party visit:', 'wsws.org/contact'],
  [
    'Stay informed by subscribing to our weekly newsletter. Please consider donating to support independent journalism.',
  ],
  [
    'Engagement Resources:',
    '- Relief Fund: helps displaced families. Readers may wish to donate.',
    '- Children First: aid for children in the region.',
  ],
  ['Share this article', '[Subscribe](https://example.org/subscribe)'],
]
// An outlet's own closing line that no rule knows: only the corpus can tell it is furniture.
const OUTLET_LINE = 'This article first appeared in The Daily Chronicle, an independent weekly from Ashford.'
const GUTENBERG_HEAD = [
  'The Project Gutenberg eBook of Dispatches, by Jane Doe',
  '',
  'This eBook is for the use of anyone anywhere in the United States and most other parts of the world at no cost.',
  '',
  '*** START OF THE PROJECT GUTENBERG EBOOK DISPATCHES ***',
]
const GUTENBERG_FOOT = [
  '*** END OF THE PROJECT GUTENBERG EBOOK DISPATCHES ***',
  '',
  'Updated editions will replace the previous one.',
  'START: FULL LICENSE',
]

/** Cuts a paragraph in two at a word boundary, preferring the kinds of cut real page breaks make. */
function cutPoint(rnd: () => number, words: string[]): number | null {
  const kinds = [/^\p{Ll}/u, /^\p{Lu}/u, /^\p{N}/u, /^["“‘]/u]
  const want = pick(rnd, kinds)
  // A break after a finished sentence is invisible: only cuts inside a sentence can be judged.
  const at = words.flatMap((w, i) =>
    i > 0 && i < words.length - 1 && want.test(w) && !/[.!?:;]["”’)]*$/.test(words[i - 1] ?? '') ? [i] : [],
  )
  return at.length === 0 ? null : pick(rnd, at)
}

/** Greedy line wrapping at `width`, hyphenating some long lower-case words that do not fit. */
export function wrap(rnd: () => number, text: string, width: number, indent: string): string[] {
  const lines: string[] = []
  let line = indent
  for (const word of text.split(' ')) {
    const candidate = line.trim() === '' ? `${line}${word}` : `${line} ${word}`
    if (candidate.length <= width) {
      line = candidate
      continue
    }
    const room = width - line.length - 2
    if (/^\p{Ll}{8,}$/u.test(word) && room >= 3 && rnd() < 0.4) {
      const at = Math.min(room, word.length - 3)
      lines.push(`${line} ${word.slice(0, at)}-`)
      line = word.slice(at)
    } else {
      lines.push(line)
      line = word
    }
  }
  lines.push(line)
  return lines
}

/** Builds one document of a style from real paragraphs, with its answer. */
export function makeDoc(
  rnd: () => number,
  style: Style,
  index: number,
  paragraphs: readonly string[],
  outletDoc: boolean,
): EvalDoc {
  const truth: EvalDoc['truth'] = []
  const start = Math.floor(rnd() * Math.max(1, paragraphs.length - 8))
  for (const text of paragraphs.slice(start, start + 3 + Math.floor(rnd() * 6))) {
    // Headings within one document differ, as real section headings do.
    const unused = HEADINGS.filter((h) => !truth.some((t) => t.text === h))
    if (truth.length > 0 && unused.length > 0 && rnd() < 0.15) truth.push({ kind: 'heading', text: pick(rnd, unused) })
    truth.push({ kind: 'paragraph', text })
  }
  const furniture: string[] = []
  const head = [`Generated article ${index}`, '', pick(rnd, BYLINES), '']
  if (rnd() < 0.3) furniture.push('Featured Photo: www.example.com', '__________________')
  const body: string[] = [...furniture]
  const width = 60 + Math.floor(rnd() * 21)
  let page = 2
  for (const [i, block] of truth.entries()) {
    const gap = i === 0 ? [] : style === 'one-per-line' || style === 'hard-wrapped-indented' ? [] : ['']
    body.push(...gap)
    if (block.kind === 'heading' || style === 'one-per-line') {
      body.push(block.text)
      continue
    }
    if (style === 'page-break') {
      const words = block.text.split(' ')
      const cut = rnd() < 0.6 ? cutPoint(rnd, words) : null
      if (cut === null) body.push(block.text)
      else {
        const header =
          rnd() < 0.4 ? [pick(rnd, [`Page ${page} of 9`, `- ${page} -`, `The Daily Chronicle | Page ${page}`]), ''] : []
        furniture.push(...header.filter((l) => l !== ''))
        page += 1
        body.push(words.slice(0, cut).join(' '), '', ...header, words.slice(cut).join(' '))
      }
      continue
    }
    body.push(...wrap(rnd, block.text, width, style === 'hard-wrapped-indented' ? '  ' : ''))
  }
  const tail: string[] = []
  if (rnd() < 0.5) tail.push('', ...pick(rnd, FOOTERS))
  if (outletDoc) tail.push('', OUTLET_LINE)
  furniture.push(...tail.filter((l) => l !== '' && !l.startsWith('- ')))
  const gutenberg = style.startsWith('hard-wrapped') && rnd() < 0.3
  const lines = [
    ...(gutenberg ? [...GUTENBERG_HEAD, ''] : []),
    ...head,
    ...body,
    ...tail,
    ...(gutenberg ? ['', ...GUTENBERG_FOOT] : []),
  ]
  if (gutenberg) furniture.push(...[...GUTENBERG_HEAD, ...GUTENBERG_FOOT].filter((l) => l !== ''))
  return { name: `${style}-${String(index).padStart(4, '0')}`, style, text: `${lines.join('\n')}\n`, truth, furniture }
}

/** A deterministic evaluation corpus: `perStyle` documents of every style, made from real paragraphs. */
export function makeCorpus(paragraphs: readonly string[], perStyle: number, seed = 20240322): EvalDoc[] {
  const rnd = random(seed)
  return styles.flatMap((style) =>
    Array.from({ length: perStyle }, (_, i) => makeDoc(rnd, style, i, paragraphs, i % 7 === 0)),
  )
}
