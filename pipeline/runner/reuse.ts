import { appendFileSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NearCopy, Paragraph, Reuse } from '../../schemas/index.ts'
import { NumberColumn, StringColumn } from '../corpus/columns.ts'
import { hash53, hashSequence } from '../corpus/profile.ts'
import { makeFolder } from '../write/folders.ts'

/** Passages shorter than this many words are common phrases, not reuse. */
export const MIN_SHARED_WORDS = 8
/** Two documents are near-copies when the passages they share are at least this share of one of them: one repeats most of the other. */
export const NEAR_COPY_SHARE = 0.5

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu

/** Shingle files, by hash: each small enough to index in memory on its own (60M shingles give about 5 MB each). */
const BUCKETS = 256
/** A shingle on disk: hash (float64), then document, paragraph slot and word position (uint32 each), and padding. */
const SHINGLE_BYTES = 24
/** Shingles buffered per bucket before they are appended to its file. */
const BUFFERED = 1024
/** Bytes of paragraph text buffered before they are appended to the text file. */
const TEXT_BUFFERED = 1 << 20
/** Documents per file of matches: the matches of one range are sorted in memory. */
const RANGE_DOCS = 1024
/** A match on disk: b's document, slot and position, then a's (uint32 each). */
const MATCH_WORDS = 6

/** A run of consecutive shingles b shares with one earlier paragraph at one offset. */
interface Run {
  diagonal: number
  start: number
  last: number
  length: number
}

const round4 = (x: number) => Math.round(x * 10000) / 10000
const wordsOf = (text: string) => [...text.matchAll(WORD)]

/**
 * Finds text reuse across documents, exactly, in memory that does not grow with the corpus's text: the
 * shingles go to disk as documents arrive and are paired when the corpus is complete.
 *
 * Every 8-word shingle (lower-cased words) belongs to the paragraph that had it first in corpus order. A
 * later paragraph b of another document that has the shingle is paired with that first paragraph a; the
 * pair's passage is the longest run of consecutive shingles b shares with a at one offset (the earliest of
 * equal runs). So n copies of a passage give n - 1 rows, each pointing at the first, instead of n(n - 1)/2.
 *
 * On disk: shingles are appended to one of 256 files by hash, in arrival order, so the first record of a
 * hash in its file is its first holder; each file is indexed on its own, and the matches go to files by
 * b's document range, each sorted in memory to build its rows in corpus order.
 */
export class ReuseFinder {
  private readonly docIds = new StringColumn()
  /** First paragraph slot of each document: a paragraph's slot is its document's base plus its index. */
  private readonly docBase = new NumberColumn(Uint32Array)
  /** Per paragraph slot: words, and where its text is in the text file (headings: 0 words, no text). */
  private readonly wordCount = new NumberColumn(Uint32Array)
  private readonly textAt = new NumberColumn(Float64Array)
  private readonly textBytes = new NumberColumn(Uint32Array)
  private textEnd = 0
  /** Texts not yet appended to the text file. */
  private textChunks: Buffer[] = []
  private textPending = 0
  private readonly pending = Array.from({ length: BUCKETS }, () => {
    const buffer = new ArrayBuffer(SHINGLE_BYTES * BUFFERED)
    return { bytes: new Uint8Array(buffer), view: new DataView(buffer), n: 0 }
  })

  /** Shingles and texts go to `dir`, which is made if missing and removed by `rows` when it is done. */
  constructor(private readonly dir: string) {
    makeFolder(dir)
  }

  /** Adds one document's paragraphs, in corpus order. */
  add(paragraphs: readonly Paragraph[]): void {
    const doc = this.docIds.length
    this.docIds.push(paragraphs[0]?.doc_id ?? '')
    const base = this.wordCount.length
    this.docBase.push(base)
    const slots = paragraphs.reduce((n, p) => Math.max(n, p.index + 1), 0)
    for (let i = 0; i < slots; i += 1) {
      this.wordCount.push(0)
      this.textAt.push(0)
      this.textBytes.push(0)
    }
    for (const p of paragraphs) {
      if (p.kind !== 'paragraph') continue
      const slot = base + p.index
      const words = p.text.match(WORD) ?? []
      this.wordCount.set(slot, words.length)
      const bytes = Buffer.from(p.text, 'utf8')
      this.textChunks.push(bytes)
      this.textPending += bytes.length
      if (this.textPending >= TEXT_BUFFERED) this.flushText()
      this.textAt.set(slot, this.textEnd)
      this.textBytes.set(slot, bytes.length)
      this.textEnd += bytes.length
      // Each word hashed once, lower-cased, each shingle from its words' hashes: no string made per shingle.
      const hashes = new Float64Array(words.length)
      for (let j = 0; j < words.length; j += 1) hashes[j] = hash53((words[j] as string).toLowerCase())
      for (let j = 0; j + MIN_SHARED_WORDS <= words.length; j += 1)
        this.spill(hashSequence(hashes, j, MIN_SHARED_WORDS), doc, slot, j)
    }
  }

  private spill(hash: number, doc: number, slot: number, position: number): void {
    const bucket = hash % BUCKETS
    const out = this.pending[bucket]
    if (out === undefined) return
    const at = out.n * SHINGLE_BYTES
    // Little-endian, as the pairing reads them back (a DataView's setters are inlined; Buffer's check each call).
    out.view.setFloat64(at, hash, true)
    out.view.setUint32(at + 8, doc, true)
    out.view.setUint32(at + 12, slot, true)
    out.view.setUint32(at + 16, position, true)
    out.n += 1
    if (out.n === BUFFERED) this.flush(bucket)
  }

  private flush(bucket: number): void {
    const out = this.pending[bucket]
    if (out === undefined || out.n === 0) return
    appendFileSync(join(this.dir, `shingles-${bucket}`), out.bytes.subarray(0, out.n * SHINGLE_BYTES))
    out.n = 0
  }

  private flushText(): void {
    if (this.textChunks.length > 0) appendFileSync(join(this.dir, 'text'), Buffer.concat(this.textChunks))
    this.textChunks = []
    this.textPending = 0
  }

  /** The reuse rows of the whole corpus and the near-copies they add up to, a batch per range of documents, ordered by b then a; removes the files. */
  *rows(): Generator<{ reuse: Reuse[]; nearCopies: NearCopy[] }> {
    try {
      for (let bucket = 0; bucket < BUCKETS; bucket += 1) this.flush(bucket)
      this.flushText()
      const ranges = this.pairShingles()
      const text = existsSync(join(this.dir, 'text')) ? openSync(join(this.dir, 'text'), 'r') : undefined
      try {
        for (const range of ranges) yield this.rangeRows(range, text)
      } finally {
        if (text !== undefined) closeSync(text)
      }
    } finally {
      rmSync(this.dir, { recursive: true, force: true })
    }
  }

  /** Reads each shingle file in turn and writes every later holder's match with the first; returns the ranges written. */
  private pairShingles(): number[] {
    const ranges = new Set<number>()
    for (let bucket = 0; bucket < BUCKETS; bucket += 1) {
      const file = join(this.dir, `shingles-${bucket}`)
      if (!existsSync(file)) continue
      const data = readFileSync(file)
      rmSync(file)
      const first = new Map<number, number>()
      const matches = new Map<number, number[]>()
      for (let at = 0; at < data.length; at += SHINGLE_BYTES) {
        const hash = data.readDoubleLE(at)
        const held = first.get(hash)
        if (held === undefined) {
          first.set(hash, at)
          continue
        }
        const doc = data.readUInt32LE(at + 8)
        // A shingle repeated within the first holder's own document is not reuse.
        if (data.readUInt32LE(held + 8) === doc) continue
        const range = Math.floor(doc / RANGE_DOCS)
        const list = matches.get(range) ?? []
        matches.set(range, list)
        list.push(
          doc,
          data.readUInt32LE(at + 12),
          data.readUInt32LE(at + 16),
          data.readUInt32LE(held + 8),
          data.readUInt32LE(held + 12),
          data.readUInt32LE(held + 16),
        )
      }
      for (const [range, list] of matches) {
        appendFileSync(join(this.dir, `matches-${range}`), Buffer.from(Uint32Array.from(list).buffer))
        ranges.add(range)
      }
    }
    return [...ranges].sort((a, b) => a - b)
  }

  /** The rows of one range of b's documents: its matches sorted by b, a and position, then grouped into runs. */
  private rangeRows(range: number, text: number | undefined): { reuse: Reuse[]; nearCopies: NearCopy[] } {
    const file = join(this.dir, `matches-${range}`)
    const bytes = readFileSync(file)
    rmSync(file)
    const m = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)
    const order = Array.from({ length: m.length / MATCH_WORDS }, (_, i) => i * MATCH_WORDS)
    // b's slot, a's slot, b's position: slots grow with corpus order, so this is b's order, then a's.
    order.sort(
      (x, y) =>
        (m[x + 1] ?? 0) - (m[y + 1] ?? 0) || (m[x + 4] ?? 0) - (m[y + 4] ?? 0) || (m[x + 2] ?? 0) - (m[y + 2] ?? 0),
    )
    const rows: Reuse[] = []
    const docs: [number, number, number][] = []
    let i = 0
    while (i < order.length) {
      const head = order[i] ?? 0
      const [docB = 0, slotB = 0, , docA = 0, slotA = 0] = m.subarray(head, head + MATCH_WORDS)
      const runs: Run[] = []
      for (; i < order.length; i += 1) {
        const at = order[i] ?? 0
        if (m[at + 1] !== slotB || m[at + 4] !== slotA) break
        const j = m[at + 2] ?? 0
        const diagonal = (m[at + 5] ?? 0) - j
        const run = runs.find((r) => r.diagonal === diagonal && r.last === j - 1)
        if (run === undefined) runs.push({ diagonal, start: j, last: j, length: 1 })
        else {
          run.last = j
          run.length += 1
        }
      }
      // The longest run, the earliest of equal ones.
      const best = runs.reduce((x, y) => (y.length > x.length ? y : x))
      rows.push(this.row(docB, slotB, docA, slotA, best, text))
      docs.push([docB, docA, coveredWords(runs)])
    }
    return { reuse: rows, nearCopies: this.nearCopies(docs) }
  }

  /** The pairs of documents whose shared passages (rows of one range, with their b and a documents) are most of one of them. */
  private nearCopies(docs: readonly [number, number, number][]): NearCopy[] {
    const shared = new Map<number, Map<number, number>>()
    for (const [docB, docA, words] of docs) {
      const byA = shared.get(docB) ?? new Map<number, number>()
      shared.set(docB, byA)
      byA.set(docA, (byA.get(docA) ?? 0) + words)
    }
    const out: NearCopy[] = []
    for (const docB of [...shared.keys()].sort((x, y) => x - y)) {
      const byA = shared.get(docB) as Map<number, number>
      for (const docA of [...byA.keys()].sort((x, y) => x - y)) {
        const words = byA.get(docA) ?? 0
        const share_a = round4(Math.min(1, words / (this.wordsOf(docA) || words)))
        const share_b = round4(Math.min(1, words / (this.wordsOf(docB) || words)))
        if (Math.max(share_a, share_b) < NEAR_COPY_SHARE) continue
        const [a, b] = [this.docIds.get(docA), this.docIds.get(docB)]
        out.push({
          near_copy_id: `${a}~${b}`,
          doc_id_a: a,
          doc_id_b: b,
          shared_words: words,
          share_a,
          share_b,
          similarity: Math.min(share_a, share_b),
        })
      }
    }
    return out
  }

  /** A document's words in its paragraphs. */
  private wordsOf(doc: number): number {
    const end = doc + 1 < this.docBase.length ? this.docBase.get(doc + 1) : this.wordCount.length
    let n = 0
    for (let slot = this.docBase.get(doc); slot < end; slot += 1) n += this.wordCount.get(slot)
    return n
  }

  /** Paragraph b's text and words, read back once for all its rows (they come one b after another). */
  private lastB: { slot: number; text: string; matches: RegExpExecArray[] } | undefined

  private textOf(slot: number, file: number | undefined): { text: string; matches: RegExpExecArray[] } {
    if (this.lastB?.slot === slot) return this.lastB
    const buffer = Buffer.alloc(this.textBytes.get(slot))
    if (file !== undefined) readSync(file, buffer, 0, buffer.length, this.textAt.get(slot))
    const text = buffer.toString('utf8')
    this.lastB = { slot, text, matches: wordsOf(text) }
    return this.lastB
  }

  private row(docB: number, slotB: number, docA: number, slotA: number, best: Run, file: number | undefined): Reuse {
    const { text: b, matches } = this.textOf(slotB, file)
    const nWords = best.length + MIN_SHARED_WORDS - 1
    const idOf = (doc: number, slot: number) =>
      `${this.docIds.get(doc)}:${String(slot - this.docBase.get(doc)).padStart(4, '0')}`
    const from = matches[best.start]?.index ?? 0
    const last = matches[best.start + nWords - 1]
    return {
      reuse_id: `${idOf(docA, slotA)}~${idOf(docB, slotB)}`,
      paragraph_id_a: idOf(docA, slotA),
      doc_id_a: this.docIds.get(docA),
      paragraph_id_b: idOf(docB, slotB),
      doc_id_b: this.docIds.get(docB),
      n_words: nWords,
      shared_text: b.slice(from, (last?.index ?? 0) + (last?.[0].length ?? 0)),
      share_a: round4(nWords / (this.wordCount.get(slotA) || nWords)),
      share_b: round4(nWords / matches.length),
    }
  }
}

/** The words of paragraph b that any of its runs with one paragraph a covers (a word changed splits a copy into two runs; both count). */
function coveredWords(runs: readonly Run[]): number {
  const spans = runs.map((r) => [r.start, r.last + MIN_SHARED_WORDS - 1] as const).sort((x, y) => x[0] - y[0])
  let words = 0
  let end = -1
  for (const [from, to] of spans) {
    if (to <= end) continue
    words += to - Math.max(from, end + 1) + 1
    end = to
  }
  return words
}

/** Reuse over a whole list of paragraphs grouped by document, in corpus order (for tests and small corpora). */
export function findReuse(paragraphs: readonly Paragraph[]): Reuse[] {
  const finder = new ReuseFinder(mkdtempSync(join(tmpdir(), 'reuse-')))
  const byDoc = new Map<string, Paragraph[]>()
  for (const p of paragraphs) byDoc.set(p.doc_id, [...(byDoc.get(p.doc_id) ?? []), p])
  for (const ps of byDoc.values()) finder.add(ps)
  return [...finder.rows()].flatMap((batch) => batch.reuse)
}
