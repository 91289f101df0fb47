import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from './helpers.ts'

const run = runCli

const good = (title: string) =>
  `${title}\n\nBy Jane Doe\nMay 1, 2024\n\nThe first paragraph of ${title} is here.\n\nThe second one is\n\nhere too.\n`

describe('command line', () => {
  test("--help is made from the command table: every command with its options, and a command's own help", () => {
    const { status, stdout } = run('--help')
    expect(status).toBe(0)
    for (const command of [
      'build',
      'merge PART...',
      'review',
      'split FILE',
      'explain FILE',
      'verify',
      'diff',
      'dictionary',
    ])
      expect(stdout).toMatch(new RegExp(`^  ${command.replaceAll('.', '\\.')}(?:\\s|$)`, 'm'))
    expect(stdout).toMatch(/^ {2}build \[--raw DIR\] \[--out DIR\]/m)
    expect(stdout).toContain('--review: write the review site')
    const own = run('split', '--help')
    expect([own.status, own.stdout.includes('split FILE'), own.stdout.includes('--annotate')]).toEqual([0, true, false])
  })

  test("an option another command has is a usage error naming it, with that command's help", () => {
    const { status, stderr } = run('split', '--strict', 'raw/x.txt')
    expect(status).toBe(2)
    expect(stderr).toMatch(/Unknown option '--strict'/)
    expect(stderr).toContain('split FILE')
  })

  test('review --out=DIR is read like --out DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'))
    const { status, stderr } = run('review', '--from', 'dist', `--out=${join(dir, 'site')}`)
    expect(status).toBe(0)
    expect(stderr).toContain(`into ${join(dir, 'site')}/`)
    expect(existsSync(join(dir, 'site', 'index.html'))).toBe(true)
  })

  test('the package has a bin: crocus-pipeline runs the command line', () => {
    const root = new URL('..', import.meta.url).pathname
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }
    const result = spawnSync(process.execPath, [join(root, pkg.bin['crocus-pipeline'] ?? ''), '--help'], {
      encoding: 'utf8',
    })
    expect([result.status, result.stdout.startsWith('Usage: crocus-pipeline')]).toEqual([0, true])
  })

  test('--annotate takes all, none or a list of annotation tables; anything else is a usage error naming them', () => {
    const { status, stderr } = run(
      'build',
      '--raw',
      'raw',
      '--out',
      join(mkdtempSync(join(tmpdir(), 'cli-')), 'out'),
      '--annotate',
      'entities,words',
    )
    expect(status).toBe(2)
    expect(stderr).toContain(
      '--annotate takes all, none or a comma list of sentences, quotes, entities, numbers, reuse, not entities,words',
    )
  })

  test('an unknown command is a usage error', () => {
    const { status, stderr } = run('frobnicate')
    expect(status).toBe(2)
    expect(stderr).toContain(
      'Unknown command frobnicate, expected build, merge, review, split, explain, verify, diff, dictionary',
    )
  })

  test('build reports bad files with file and line, builds the rest and exits non-zero', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'))
    const raw = join(dir, 'raw')
    mkdirSync(raw)
    writeFileSync(join(raw, 'a.txt'), good('Alpha'))
    writeFileSync(join(raw, 'b.txt'), good('Beta'))
    writeFileSync(
      join(raw, 'bad.txt'),
      Buffer.concat([Buffer.from('Title\n\nLine.\nBad '), Buffer.from([0xff]), Buffer.from('\n')]),
    )
    writeFileSync(join(raw, 'empty.txt'), '')
    const { status, stderr } = run('build', '--raw', raw, '--out', join(dir, 'out'))
    expect(status).toBe(1)
    expect(stderr).toContain(
      'raw/bad.txt:4: Invalid UTF-8 byte sequence, expected UTF-8 text (or rebuild with --encoding windows-1252) [read-encoding]',
    )
    expect(stderr).toContain('raw/empty.txt: Empty file, expected an article [read-empty]')
    expect(stderr).toContain('4/4 files, 2 left out')
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(stderr).toMatch(/built 2 documents, 4 paragraphs into .*; 2 files rejected/)
    const ids = readFileSync(join(dir, 'out', 'documents.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { doc_id: string }).doc_id)
    expect(ids).toEqual(['a', 'b'])
  })

  test('a --raw that is not a readable folder is one line naming it, with no stack and no output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'))
    writeFileSync(join(dir, 'file.txt'), good('Delta'))
    for (const [raw, reason] of [
      [join(dir, 'missing'), 'no such folder'],
      [join(dir, 'file.txt'), 'not a folder'],
    ] as const) {
      const { status, stderr } = run('build', '--raw', raw, '--out', join(dir, 'out'))
      expect(status).toBe(1)
      expect(stderr.trim()).toBe(`pipeline: ${raw}: ${reason}, expected a folder of .txt articles`)
      expect(existsSync(join(dir, 'out'))).toBe(false)
    }
  })

  test('split prints one JSON line per paragraph with its raw line range', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'))
    writeFileSync(join(dir, 'x.txt'), good('Gamma'))
    const { status, stdout } = run('split', join(dir, 'x.txt'))
    expect(status).toBe(0)
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { kind: 'paragraph', text: 'The first paragraph of Gamma is here.', line_start: 6, line_end: 6 },
      { kind: 'paragraph', text: 'The second one is here too.', line_start: 8, line_end: 10 },
    ])
  })

  test("split on an export prints each article's paragraphs with its id and the export's lines", () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'))
    writeFileSync(
      join(dir, 'nexis.txt'),
      readFileSync(new URL('./fixtures/export/nexis-cut-off/input.txt', import.meta.url)),
    )
    const { status, stdout, stderr } = run('split', join(dir, 'nexis.txt'))
    expect(status).toBe(0)
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { doc_id: string; line_start: number })
        .map((p) => [p.doc_id, p.line_start]),
    ).toEqual([
      ['nexis-001', 13],
      ['nexis-002', 32],
    ])
    expect(stderr).toMatch(/nexis\.txt:34: warning: The export ends inside article 2/)
  })
})

describe('explain', () => {
  test('prints every change of one file in raw-line order with its rule', () => {
    const { status, stdout } = run('explain', 'raw/001_558ae5a8f1dd1b3d.txt')
    expect(status).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(
      /^raw\/001_558ae5a8f1dd1b3d\.txt: 9 changes, 26 paragraphs and headings kept, layout blank-line$/,
    )
    expect(lines.slice(1).map((l) => l.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual([
      '3 header header-title',
      '5 normalise markdown-hard-break',
      '5 header header-byline',
      '6 header header-date',
      '32-34 join page-break-join',
      '50-52 join page-break-join',
      '66 normalise markdown-hard-break',
      '66-67 remove wsws-footer',
      '69 remove link-only',
    ])
    expect(stdout).toContain('the US embassy in ⏎ Moscow of an impending')
  })
})
