import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { parse } from 'csv-parse/sync'
import mammoth from 'mammoth'
import { CatalogRow } from '../../schemas/index.ts'
import { DigestColumn, StringColumn } from '../corpus/columns.ts'
import { failDoc, type Doc, type Message } from '../types.ts'

/** How inputs are read: the largest article accepted, and an encoding to fall back on for text that is not UTF-8. */
export interface ReadOptions {
  maxBytes?: number
  fallback?: 'windows-1252'
}

/** Byte order, not locale order, of names and paths: the same names sort the same way on every machine. */
export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** A source path's file name in raw/ (`raw/x.txt` gives `x.txt`). */
export const rawName = (sourcePath: string): string => sourcePath.replace(/^raw\//, '')

/** What each input extension holds: articles as text (Markdown is text; a Word file is read as its text), or saved web pages. */
export const INPUT_FORMATS: Readonly<Record<string, Doc['format']>> = {
  '.txt': 'text',
  '.md': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'text',
}

/** Why a file of a format the pipeline does not read is left out, and what to do instead. */
export const UNREAD_FORMATS: Readonly<Record<string, string>> = {
  '.rtf':
    'An RTF file is not read (no well-kept reader exists for it): export the search results again as DOCX (Nexis Uni, Factiva) or as plain text (Nexis, ProQuest), or save the file as .docx from a word processor',
  '.doc':
    'A Word 97 .doc file is not read: save it as .docx from a word processor, or export the search results again as DOCX or plain text',
}

/** The extension of a file name that names an input format (lower case), or undefined. */
export function inputExtension(name: string): string | undefined {
  const ext = /\.[^./]+$/.exec(name)?.[0].toLowerCase()
  return ext !== undefined && ext in INPUT_FORMATS ? ext : undefined
}

/** A document's id: its file name without the input extension. */
export const docIdOf = (sourcePath: string): string => {
  const name = basename(sourcePath)
  const ext = inputExtension(name)
  return ext === undefined ? name : name.slice(0, -ext.length)
}

/** An input as the manifest lists it: its path under raw/ and the sha256 of its bytes. */
export interface Input {
  path: string
  sha256: string
}

/**
 * Files of a raw folder with the sha256 of their bytes, in the order added, kept in columns (about 50
 * bytes a file, outside the JavaScript heap): a build keeps its inputs to the end, however many there are.
 */
export class InputList implements Iterable<Input> {
  private readonly names = new StringColumn()
  private readonly hashes = new DigestColumn()

  get length(): number {
    return this.names.length
  }

  push(name: string, sha256: string): void {
    this.names.push(name)
    this.hashes.push(sha256)
  }

  name(at: number): string {
    return this.names.get(at)
  }

  sha256(at: number): string {
    return this.hashes.get(at)
  }

  /** The file names (in raw/) with their hashes. */
  *files(): Generator<{ name: string; sha256: string }> {
    for (let at = 0; at < this.length; at += 1) yield { name: this.names.get(at), sha256: this.hashes.get(at) }
  }

  /** The inputs as the manifest lists them. */
  *[Symbol.iterator](): Generator<Input> {
    for (const { name, sha256 } of this.files()) yield { path: `raw/${name}`, sha256 }
  }

  toJSON(): Input[] {
    return [...this]
  }
}

/** Articles are text: a file larger than this (10 MiB) is a dump or an archive, not an article. */
export const MAX_BYTES = 10 * 1024 * 1024

/**
 * Makes the first record of a document from its raw bytes, BOM dropped, LF line endings: strict UTF-8 for
 * text; for a saved page, the charset its bytes declare (BOM, `<meta charset>`, `http-equiv`), else UTF-8.
 */
export function decodeDoc(bytes: Uint8Array, sourcePath: string, options: ReadOptions = {}): Doc {
  const doc = newDoc(sourcePath, createHash('sha256').update(bytes).digest('hex'))
  const maxBytes = options.maxBytes ?? MAX_BYTES
  if (bytes.length === 0) return failDoc(doc, 'read-empty', 'Empty file, expected an article')
  if (bytes.length > maxBytes)
    return failDoc(
      doc,
      'read-too-large',
      `File of ${bytes.length} bytes, expected an article of at most ${maxBytes} (--max-bytes)`,
    )
  let raw: string
  if (doc.format === 'html') raw = decodePage(bytes, sourcePath, doc.messages)
  else {
    const nul = bytes.indexOf(0)
    // A NUL byte never occurs in text in any encoding an article is saved in.
    if (nul !== -1) return failDoc(doc, 'read-binary', 'Binary file (a NUL byte), expected text', lineOf(bytes, nul))
    try {
      raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      const line = firstInvalidUtf8Line(bytes)
      if (options.fallback === undefined)
        return failDoc(
          doc,
          'read-encoding',
          'Invalid UTF-8 byte sequence, expected UTF-8 text (or rebuild with --encoding windows-1252)',
          line,
        )
      raw = new TextDecoder(options.fallback).decode(bytes)
      doc.messages.push({
        file: sourcePath,
        line,
        rule: 'read-encoding',
        severity: 'warning',
        reason: `Not UTF-8, decoded as ${options.fallback} (--encoding)`,
      })
    }
  }
  // TextDecoder has already dropped one leading BOM (ignoreBOM is false); a second one is text.
  // CRLF and lone CR (old Mac) both end a line; one LF each keeps line numbers equal to an editor's.
  raw = raw.replace(/\r\n?/g, '\n')
  if (raw.trim() === '') return failDoc(doc, 'read-empty', 'File holds only white space, expected an article')
  return { ...doc, raw }
}

/**
 * Decodes a saved page as a browser does (the WHATWG Encoding Standard): the declared charset, else UTF-8
 * when the bytes are UTF-8, else windows-1252, the web's default. An invalid byte becomes U+FFFD and a NUL
 * byte is dropped, as the HTML parser drops it; each is one warning naming its first line.
 */
function decodePage(bytes: Uint8Array, sourcePath: string, messages: Message[]): string {
  const warn = (line: number | undefined, reason: string) =>
    messages.push({
      file: sourcePath,
      ...(line === undefined ? {} : { line }),
      rule: 'read-encoding',
      severity: 'warning',
      reason,
    })
  const declared = declaredCharset(bytes)
  let decoder = declared === null ? undefined : decoderFor(declared)
  if (declared !== null && decoder === undefined)
    warn(1, `The page declares the charset ${JSON.stringify(declared)}, which is not known; read as UTF-8`)
  if (decoder === undefined && !isUtf8(bytes)) {
    warn(
      firstInvalidUtf8Line(bytes),
      "Not UTF-8, decoded as windows-1252 (the web's default for a page that declares no charset)",
    )
    decoder = new TextDecoder('windows-1252')
  }
  decoder ??= new TextDecoder('utf-8')
  if (decoder.encoding === 'utf-8' && !isUtf8(bytes)) {
    const line = firstInvalidUtf8Line(bytes)
    warn(line, 'Invalid UTF-8 byte sequence in a page that declares UTF-8: shown as U+FFFD, as a browser shows it')
  }
  let text = decoder.decode(bytes)
  if (!decoder.encoding.startsWith('utf-16') && text.includes('\u0000')) {
    warn(
      lineOf(bytes, bytes.indexOf(0)),
      `${text.split('\u0000').length - 1} NUL bytes in the page, dropped as a browser drops them`,
    )
    text = text.replaceAll('\u0000', '')
  }
  return text
}

/** Whether bytes are valid UTF-8. */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** How far into a page its charset must be declared (the HTML standard's prescan looks at the first 1024 bytes). */
const PRESCAN_BYTES = 1024

/** The charset a page's bytes declare: a BOM, else a `<meta charset>` or `http-equiv` content type, in its first 1024 bytes or later; null when none. */
export function declaredCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  // The prescan reads bytes as Latin-1: every ASCII-compatible charset spells the declaration the same way.
  const latin1 = new TextDecoder('latin1')
  // A declaration past the prescan still counts: the parser meets it later and a browser reads the page again in
  // that charset (the standard's "change the encoding"), as on an archived page whose toolbar scripts come first.
  return (
    metaCharset(latin1.decode(bytes.subarray(0, PRESCAN_BYTES))) ??
    metaCharset(latin1.decode(bytes.subarray(0, LATE_DECLARATION_BYTES)))
  )
}

/** How far into a page a late charset declaration is looked for. */
const LATE_DECLARATION_BYTES = 1 << 20

/** The charset the first `<meta>` declaring one names, in Latin-1 text; null when none. */
function metaCharset(head: string): string | null {
  for (const meta of head.matchAll(/<meta\b[^>]{0,512}>/giu)) {
    const label = /\bcharset\s*=\s*["']?\s*([\w.:-]{1,40})/iu.exec(meta[0])?.[1]
    if (label !== undefined) return label.toLowerCase()
  }
  return null
}

/** A decoder for a declared charset (none fails: an invalid byte becomes U+FFFD); undefined for a label TextDecoder does not know. */
function decoderFor(label: string): InstanceType<typeof TextDecoder> | undefined {
  try {
    return new TextDecoder(label)
  } catch {
    return undefined
  }
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 0x0a) line += 1
  return line
}

/** An empty record for one input, before anything is known of its text. */
function newDoc(sourcePath: string, sha256: string): Doc {
  return {
    doc_id: docIdOf(sourcePath),
    source_path: sourcePath,
    source_sha256: sha256,
    format: INPUT_FORMATS[inputExtension(sourcePath) ?? '.txt'] ?? 'text',
    raw: '',
    lines: [],
    header: {
      title: null,
      kicker: null,
      authors: [],
      published: null,
      outlet: null,
      outletSource: 'profile',
      owner: [],
    },
    layout: null,
    blocks: [],
    changes: [],
    messages: [],
    failed: false,
  }
}

/** Reads one input file; only this stage and the writers touch the file system. */
export async function readDoc(file: string, sourcePath: string, options: ReadOptions = {}): Promise<Doc> {
  try {
    const bytes = await readFile(file)
    return inputExtension(sourcePath) === '.docx'
      ? await decodeDocx(bytes, sourcePath, options)
      : decodeDoc(bytes, sourcePath, options)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return failDoc(newDoc(sourcePath, ''), 'read-io', `Cannot read file: ${reason}`)
  }
}

/**
 * Reads a Word file (DOCX, as Nexis Uni and Factiva export) as its text with mammoth: one paragraph a line,
 * a blank line between paragraphs. Its lines are those of this text; `split FILE` and the review site show it.
 */
export async function decodeDocx(bytes: Uint8Array, sourcePath: string, options: ReadOptions = {}): Promise<Doc> {
  const doc = newDoc(sourcePath, createHash('sha256').update(bytes).digest('hex'))
  const maxBytes = options.maxBytes ?? MAX_BYTES
  if (bytes.length === 0) return failDoc(doc, 'read-empty', 'Empty file, expected a Word document')
  if (bytes.length > maxBytes)
    return failDoc(doc, 'read-too-large', `File of ${bytes.length} bytes, expected at most ${maxBytes} (--max-bytes)`)
  let text: string
  try {
    text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return failDoc(
      doc,
      'read-docx',
      `Cannot read this Word file (${reason}), expected a .docx document; save it again as .docx or export the articles as plain text`,
    )
  }
  // Word keeps line breaks inside a paragraph as vertical tabs or CR; each is a line end here, as in any text.
  const raw = text.replace(/\r\n?|\v/g, '\n').replace(/\n+$/, '\n')
  if (raw.trim() === '')
    return failDoc(doc, 'read-empty', 'The Word file holds no text, expected an article or an export')
  return { ...doc, raw }
}

/** Finds the 1-based line of the first invalid UTF-8 sequence; a multi-byte sequence never holds 0x0A. */
function firstInvalidUtf8Line(bytes: Uint8Array): number | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let line = 1
  let start = 0
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start)
    if (end === -1) end = bytes.length
    try {
      decoder.decode(bytes.subarray(start, end))
    } catch {
      return line
    }
    line += 1
    start = end + 1
  }
  return undefined
}

/** The curated catalogue's file name inside the raw folder. */
export const CATALOG_FILE = 'catalog.csv'

/**
 * Reads raw/catalog.csv (optional; a header row, one row per file, all columns but `file` optional).
 * Invalid rows and rows naming no input are reported with their line and left out.
 */
export async function readCatalog(
  rawDir: string,
  inputs: readonly string[],
): Promise<{ catalog: Map<string, CatalogRow>; messages: Message[] }> {
  const file = `raw/${CATALOG_FILE}`
  let text: string
  try {
    text = await readFile(join(rawDir, CATALOG_FILE), 'utf8')
  } catch {
    return { catalog: new Map(), messages: [] }
  }
  const catalog = new Map<string, CatalogRow>()
  const messages: Message[] = []
  let records: Record<string, string>[]
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[]
  } catch (error) {
    return {
      catalog,
      messages: [
        {
          file,
          rule: 'catalog',
          severity: 'error',
          reason: `Cannot parse the catalogue: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    }
  }
  const known = new Set(inputs)
  for (const [i, record] of records.entries()) {
    const line = i + 2
    const row = CatalogRow.safeParse(record)
    if (!row.success) {
      const issue = row.error.issues[0]
      messages.push({
        file,
        line,
        rule: 'catalog',
        severity: 'error',
        reason: `Invalid catalogue row, ${issue?.path.join('.')}: ${issue?.message}`,
      })
    } else if (!known.has(row.data.file)) {
      messages.push({
        file,
        line,
        rule: 'catalog',
        severity: 'error',
        reason: `The catalogue names raw/${row.data.file}, which is not an input, expected one row per input file of raw/`,
      })
    } else if (catalog.has(row.data.file)) {
      messages.push({
        file,
        line,
        rule: 'catalog',
        severity: 'error',
        reason: `A second catalogue row for raw/${row.data.file}, expected one`,
      })
    } else catalog.set(row.data.file, row.data)
  }
  return { catalog, messages }
}
