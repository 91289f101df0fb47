// The review site: a static, self-contained site of a built release (its tables and the raw files they
// name), for seeing what the cleaning did. It reads the JSON Lines tables one document at a time and
// writes a page per article as it goes; only the index's rows and the reuse pairs are held whole.
import { copyFileSync, existsSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type {
  ChangeRow,
  Document,
  Entity,
  MessageRow,
  NumberMention,
  Paragraph,
  Quote,
  Reuse,
} from '../../../schemas/index.ts'
import { figureUnits } from '../../rules/figures.ts'
import { decodeDocx, docIdOf, inputExtension } from '../../stages/read.ts'
import { makeFolder } from '../../write/folders.ts'
import { LineReader } from '../../write/jsonl.ts'
import { ruleList } from '../dictionary.ts'
import { articlePage, figuresPage, indexPage, pageFile, push, ranked, type IndexRow, type Mention } from './pages.ts'

/** The files the pages load, copied beside them: the style sheet and the scripts. */
const ASSETS = ['style.css', 'table.js', 'article.js'] as const

/** A table of the release read one row at a time (none, for a file an older release lacks). */
function rowsOf<T>(file: string): LineReader<T> {
  return new LineReader<T>(existsSync(file) ? file : '/dev/null')
}

/** A raw file's lines as the pipeline numbered them (a Word file's text, line by line), or null when it cannot be read. */
async function rawLines(rawDir: string, sourcePath: string): Promise<string[] | null> {
  try {
    const bytes = await readFile(join(rawDir, sourcePath.replace(/^raw\//, '')))
    const text =
      inputExtension(sourcePath) === '.docx' ? (await decodeDocx(bytes, sourcePath)).raw : bytes.toString('utf8')
    return text.replace(/\r\n?/g, '\n').split('\n')
  } catch {
    return null
  }
}

/** The first and last file line an article's rows name. */
function spanOf(rows: { paragraphs: readonly Paragraph[]; changes: readonly ChangeRow[] }): [number, number] {
  let first = Number.POSITIVE_INFINITY
  let last = 0
  for (const r of [...rows.paragraphs, ...rows.changes]) {
    first = Math.min(first, r.line_start)
    last = Math.max(last, r.line_end)
  }
  return last === 0 ? [1, 0] : [first, last]
}

/** Whether a unit is one the figures page shows. */
const isFigureUnit = (unit: string) => figureUnits.some((u) => u.pattern.test(unit))

/**
 * Writes the review site of the release in `releaseDir` (its tables) into `outDir`, reading the raw files
 * from `rawDir`: index.html, figures.html and articles/<doc_id>.html. Returns the files written, relative
 * to `outDir`, in the order written.
 */
export async function writeReview(releaseDir: string, rawDir: string, outDir: string): Promise<string[]> {
  makeFolder(join(outDir, 'articles'))
  const reasons = new Map(ruleList().map((r) => [r.id, r.reason]))
  // Each input's messages, to list on its page; the warnings by rule, for the index.
  const messages = new Map<string, MessageRow[]>()
  const warningCounts = new Map<string, number>()
  for await (const m of rowsOf<MessageRow>(join(releaseDir, 'messages.jsonl')).rest()) {
    push(messages, m.source_path, m)
    if (m.severity === 'warning') warningCounts.set(m.rule, (warningCounts.get(m.rule) ?? 0) + 1)
  }
  const titles = new Map<string, string>()
  // A paragraph links to paragraphs of later articles too, so every title is known before the first page.
  for await (const d of rowsOf<Document>(join(releaseDir, 'documents.jsonl')).rest()) titles.set(d.doc_id, d.title)
  // Reuse pairs are linked both ways: each paragraph lists the others that share a passage with it.
  const reuse = new Map<string, Reuse[]>()
  for await (const r of rowsOf<Reuse>(join(releaseDir, 'reuse.jsonl')).rest())
    for (const p of [r.paragraph_id_a, r.paragraph_id_b]) push(reuse, p, r)
  // The tables hold each document's rows together, in the release's order: each is read alongside the documents.
  const tables = {
    paragraphs: rowsOf<Paragraph>(join(releaseDir, 'paragraphs.jsonl')),
    changes: rowsOf<ChangeRow>(join(releaseDir, 'changes.jsonl')),
    quotes: rowsOf<Quote>(join(releaseDir, 'quotes.jsonl')),
    entities: rowsOf<Entity>(join(releaseDir, 'entities.jsonl')),
    numbers: rowsOf<NumberMention>(join(releaseDir, 'numbers.jsonl')),
  }
  const written: string[] = []
  const index: IndexRow[] = []
  const ruleCounts = new Map<string, number>()
  const joinCounts = new Map<string, number>()
  const mentions: Mention[] = []
  let rawOf: { path: string; lines: string[] | null } = { path: '', lines: null }
  for await (const doc of rowsOf<Document>(join(releaseDir, 'documents.jsonl')).rest()) {
    const mine = (row: { doc_id: string }) => row.doc_id === doc.doc_id
    const rows = {
      paragraphs: await tables.paragraphs.takeWhile(mine),
      changes: await tables.changes.takeWhile(mine),
      quotes: await tables.quotes.takeWhile(mine),
      entities: await tables.entities.takeWhile(mine),
      numbers: await tables.numbers.takeWhile(mine),
      messages: messages.get(doc.source_path) ?? [],
      span: null as [number, number] | null,
    }
    // An export's articles follow each other: their file is read once for all of them.
    if (doc.source_path !== rawOf.path)
      rawOf = { path: doc.source_path, lines: await rawLines(rawDir, doc.source_path) }
    const raw = rawOf.lines
    if (doc.doc_id !== docIdOf(doc.source_path)) {
      // An article of an export shows its own lines, and of the file's messages those within them.
      const [first, last] = spanOf(rows)
      rows.span = [first, last]
      rows.messages = rows.messages.filter((m) => m.line === null || (m.line >= first && m.line <= last))
    }
    writeFileSync(join(outDir, pageFile(doc.doc_id)), articlePage(doc, raw, rows, reuse, titles, reasons))
    written.push(pageFile(doc.doc_id))
    for (const c of rows.changes) {
      if (c.action === 'remove') ruleCounts.set(c.rule, (ruleCounts.get(c.rule) ?? 0) + 1)
      if (c.action === 'join') joinCounts.set(c.rule, (joinCounts.get(c.rule) ?? 0) + 1)
    }
    for (const n of rows.numbers)
      if (n.unit !== null && isFigureUnit(n.unit))
        mentions.push({
          unit: n.unit.split(' ')[0]?.toLowerCase() ?? n.unit,
          value: n.value,
          text: n.text,
          doc: doc.doc_id,
          paragraph: n.paragraph_id,
          outlet: doc.outlet ?? 'no outlet named',
          date: doc.published ?? '',
          title: doc.title,
        })
    index.push({
      id: doc.doc_id,
      title: doc.title,
      outlet: doc.outlet ?? 'no outlet named',
      date: doc.published ?? '',
      authors: doc.authors.join(', '),
      paragraphs: rows.paragraphs.length,
      words: doc.n_words,
      removals: rows.changes.filter((c) => c.action === 'remove').length,
      layout: doc.layout,
    })
  }
  let rejects = 0
  for await (const _ of rowsOf<unknown>(join(releaseDir, 'rejects.jsonl')).rest()) rejects += 1
  writeFileSync(
    join(outDir, 'index.html'),
    indexPage(index, ranked(ruleCounts), ranked(joinCounts), rejects, ranked(warningCounts)),
  )
  writeFileSync(join(outDir, 'figures.html'), figuresPage(mentions))
  // One style sheet and the scripts for every page, beside them: pages load them from file:// as from any host.
  for (const asset of ASSETS) copyFileSync(new URL(`./${asset}`, import.meta.url), join(outDir, asset))
  written.push('index.html', 'figures.html', ...ASSETS)
  return written
}
