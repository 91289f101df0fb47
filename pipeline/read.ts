import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { failDoc, type Doc } from './types.ts'

/** Makes the first record of a document from its raw bytes: strict UTF-8, BOM dropped, LF line endings. */
export function decodeDoc(bytes: Uint8Array, sourcePath: string): Doc {
  const doc = newDoc(sourcePath, createHash('sha256').update(bytes).digest('hex'))
  if (bytes.length === 0) return failDoc(doc, 'read-empty', 'Empty file, expected an article')
  let raw: string
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const line = firstInvalidUtf8Line(bytes)
    return failDoc(doc, 'read-encoding', 'Invalid UTF-8 byte sequence, expected UTF-8 text', line)
  }
  // TextDecoder has already dropped one leading BOM (ignoreBOM is false); a second one is text.
  // CRLF and lone CR (old Mac) both end a line; one LF each keeps line numbers equal to an editor's.
  raw = raw.replace(/\r\n?/g, '\n')
  if (raw.trim() === '') return failDoc(doc, 'read-empty', 'File holds only white space, expected an article')
  return { ...doc, raw }
}

/** An empty record for one input, before anything is known of its text. */
function newDoc(sourcePath: string, sha256: string): Doc {
  return {
    doc_id: basename(sourcePath).replace(/\.txt$/, ''),
    source_path: sourcePath,
    source_sha256: sha256,
    raw: '',
    lines: [],
    header: { title: null, authors: [], published: null, outlet: null },
    layout: null,
    blocks: [],
    changes: [],
    messages: [],
    failed: false,
  }
}

/** Reads one input file; only this stage and the writers touch the file system. */
export async function readDoc(file: string, sourcePath: string): Promise<Doc> {
  try {
    return decodeDoc(await readFile(file), sourcePath)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return failDoc(newDoc(sourcePath, ''), 'read-io', `Cannot read file: ${reason}`)
  }
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
