import { createHash } from 'node:crypto'
import type { Reject } from '../../schemas/index.ts'
import { ReuseFinder } from './reuse.ts'
import { DigestMap, StringColumn } from '../corpus/columns.ts'
import { CorpusStats } from '../release/card.ts'
import { byName, docIdOf } from '../stages/read.ts'
import { docTables, rejectOf, type DocResult } from './results.ts'
import { rejectSeverity, type Message } from '../types.ts'
import type { RenderedRows, TableName } from '../write/stream.ts'

/** Passes messages to `onMessage`, or, when nobody is told, keeps them in `kept` for the summary. */
export function tellOrKeep(
  messages: readonly Message[],
  onMessage: ((message: Message) => void) | undefined,
  kept: Message[],
): void {
  if (onMessage === undefined) kept.push(...messages)
  else for (const m of messages) onMessage(m)
}

/** How a document is named in a message: its file, and for an article of an export its id too. */
const placeOf = (result: Pick<DocResult, 'doc_id' | 'source_path'>): string =>
  result.doc_id === docIdOf(result.source_path) ? result.source_path : `${result.source_path} (${result.doc_id})`

/** Where assembled rows go: the release's writers, or memory. */
export interface RowSink {
  add(table: TableName, rows: readonly Record<string, unknown>[], rendered?: RenderedRows): void
}

/**
 * Takes per-document results in corpus order and does what needs the corpus as a whole: drops a document
 * whose text an earlier one already has, finds reuse against earlier documents, gathers the card's
 * statistics and the rejects. A single build and a merge of shards both go through it, so they agree.
 */
export class Assembler {
  readonly stats = new CorpusStats()
  readonly messages: Message[] = []
  private readonly rejected: Reject[] = []
  /** Each kept document's index in `kept`, by the sha256 of its text; in columns, so they stay small at any corpus size. */
  private readonly firstOf = new DigestMap()
  /** The source path of each kept document, in corpus order. */
  private readonly kept = new StringColumn()
  private readonly reuse: ReuseFinder

  /**
   * `spillDir` holds the reuse finder's files until `finish`; it must not be inside the output. Messages
   * go to `onMessage` as they are known when it is given, or else are kept in `messages`.
   */
  constructor(
    private readonly sink: RowSink,
    /** The tables the release holds: a table left out (`--annotate`) gets no rows, and reuse is not looked for without its table. */
    private readonly tables: readonly TableName[],
    folderMessages: readonly Message[],
    spillDir: string,
    private readonly onMessage?: (message: Message) => void,
    /** Told of every message as well, in the same order (the release's messages.jsonl). */
    private readonly log?: (message: Message) => void,
  ) {
    this.reuse = new ReuseFinder(spillDir)
    this.tell(folderMessages)
    for (const m of folderMessages)
      if (m.rule === 'read-not-text' || m.rule === 'doc-id-conflict')
        this.rejected.push({ source_path: m.file, rule: m.rule, line: null, reason: m.reason })
  }

  add(result: DocResult): void {
    const document = result.rows?.documents[0]
    if (result.rows === null || document === undefined) {
      this.reject(result)
      return
    }
    // Text, not bytes: the same article saved twice with other white space or furniture is one article.
    // An article without text (an export's graphic) is a copy of another only if its fields are the same: they are all it has.
    const same =
      document.text === ''
        ? `\u0000${document.title}\u0000${document.outlet ?? ''}\u0000${document.published ?? ''}`
        : document.text
    const key = createHash('sha256').update(same).digest('hex')
    const earlier = this.firstOf.get(key)
    const name = placeOf(result)
    if (earlier !== undefined) {
      const reason = `${name === result.source_path ? '' : `${name}: `}Duplicate of ${this.kept.get(earlier)} (the same text under another name), kept once`
      this.reject({
        ...result,
        rows: null,
        messages: [
          ...result.messages,
          { file: result.source_path, rule: 'duplicate-text', reason, severity: rejectSeverity('duplicate-text') },
        ],
      })
      return
    }
    this.firstOf.set(key, this.kept.push(name))
    this.tell(result.messages)
    for (const table of docTables)
      if (this.tables.includes(table)) this.sink.add(table, result.rows[table], result.rendered?.[table])
    if (this.tables.includes('reuse')) this.reuse.add(result.rows.paragraphs)
    this.stats.add(document, result.rows.paragraphs.length)
  }

  /** Writes what needs every document: the reuse table, which pairs each paragraph with earlier ones. */
  finish(): void {
    for (const { reuse, nearCopies } of this.reuse.rows()) {
      this.sink.add('reuse', reuse)
      if (this.tables.includes('near_copies')) this.sink.add('near_copies', nearCopies)
    }
  }

  private tell(messages: readonly Message[]): void {
    if (this.log !== undefined) for (const m of messages) this.log(m)
    tellOrKeep(messages, this.onMessage, this.messages)
  }

  private reject(result: DocResult): void {
    this.tell(result.messages)
    this.rejected.push(rejectOf(result))
  }

  /** How many inputs were left out so far. */
  get rejectCount(): number {
    return this.rejected.length
  }

  /** Every input left out so far, ordered by path. */
  rejects(): Reject[] {
    return [...this.rejected].sort((a, b) => byName(a.source_path, b.source_path))
  }
}
