import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { decodeDoc, readDoc } from '../pipeline/stages/read.ts'

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)))

describe('read', () => {
  test('drops a byte order mark and turns CRLF and CR into LF', () => {
    const doc = decodeDoc(bytes([0xef, 0xbb, 0xbf], 'Title\r\n\r\nBody one.\rBody two.\n'), 'raw/a.txt')
    expect(doc.failed).toBe(false)
    expect(doc.raw).toBe('Title\n\nBody one.\nBody two.\n')
  })

  test('keeps the sha256 of the raw bytes, not of the decoded text', () => {
    const doc = decodeDoc(bytes([0xef, 0xbb, 0xbf], 'Hi\r\n'), 'raw/a.txt')
    // printf '\xef\xbb\xbfHi\r\n' | sha256sum
    expect(doc.source_sha256).toBe('a9f7ad75951c0bb2426072f8fb4e286173de00df9f4cc10115e64ebb46136374')
    expect(doc.source_sha256).not.toBe(decodeDoc(bytes('Hi\n'), 'raw/a.txt').source_sha256)
  })

  test('names the line of an invalid UTF-8 sequence and fails the document', () => {
    const doc = decodeDoc(bytes('Title\n\nGood line.\nBad ', [0xe9], 't\n'), 'raw/bad.txt')
    expect(doc.failed).toBe(true)
    expect(doc.messages).toEqual([
      {
        file: 'raw/bad.txt',
        line: 4,
        rule: 'read-encoding',
        reason: 'Invalid UTF-8 byte sequence, expected UTF-8 text (or rebuild with --encoding windows-1252)',
        severity: 'error',
      },
    ])
  })

  test('fails an empty file and a file of white space', () => {
    expect(decodeDoc(bytes(), 'raw/e.txt').messages[0]?.rule).toBe('read-empty')
    expect(decodeDoc(bytes(' \n\t\n'), 'raw/e.txt').messages[0]?.rule).toBe('read-empty')
  })

  test('takes the document id from the file name without .txt', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'read-'))
    await writeFile(join(dir, '007_x.txt'), 'Title\n\nBody.\n')
    const doc = await readDoc(join(dir, '007_x.txt'), 'raw/007_x.txt')
    expect(doc.doc_id).toBe('007_x')
    expect(doc.source_path).toBe('raw/007_x.txt')
  })

  test('reports a file it cannot read instead of throwing', async () => {
    const doc = await readDoc('/nonexistent/nothing.txt', 'raw/nothing.txt')
    expect(doc.failed).toBe(true)
    expect(doc.messages[0]?.rule).toBe('read-io')
  })
})
