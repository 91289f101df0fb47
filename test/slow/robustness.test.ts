import { spawn, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { makeFolder } from '../../pipeline/write/folders.ts'
import { verifyRelease } from '../../pipeline/release/verify.ts'
import { openOutput } from '../../pipeline/write/index.ts'
import { rawDir, runCli } from '../helpers.ts'

const root = new URL('../..', import.meta.url).pathname
const tsx = join(root, 'node_modules', '.bin', 'tsx')
const cli = join(root, 'pipeline', 'cli.ts')
const run = runCli

/** The processes whose command line builds into `out` (Linux's /proc; none where it is missing). */
function buildsInto(out: string): string[] {
  if (!existsSync('/proc/self/cmdline')) return []
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && p !== String(process.pid))
  return pids.filter((p) => {
    try {
      const args = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0')
      return args.includes('build') && args.includes(out)
    } catch {
      return false
    }
  })
}
const article = (title: string) =>
  `${title}\n\nBy Jane Doe\nMay 1, 2024\n\nThe first paragraph of ${title} is here.\n\nThe second one follows it.\n`

function corpus(files: Record<string, string | Buffer>): { raw: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'robust-'))
  const raw = join(dir, 'raw')
  mkdirSync(raw)
  for (const [name, content] of Object.entries(files)) writeFileSync(join(raw, name), content)
  return { raw, out: join(dir, 'dist') }
}

const rejectsOf = (out: string) =>
  readFileSync(join(out, 'rejects.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { source_path: string; rule: string; line: number | null; reason: string })

describe('bad inputs: one clear message each, the rest of the build intact', () => {
  const windows1252 = Buffer.concat([
    Buffer.from('Caf'),
    Buffer.from([0xe9]),
    Buffer.from(' society\n\nBy Jane Doe\nMay 1, 2024\n\nThe caf'),
    Buffer.from([0xe9]),
    Buffer.from(' opened in 1901.\n'),
  ])
  const files = {
    'a.txt': article('Alpha'),
    'b.txt': article('Beta'),
    'same-bytes.txt': article('Alpha'),
    'same-text.txt': article('Alpha').replace('By Jane Doe', 'By John Roe'),
    'latin1.txt': windows1252,
    'binary.txt': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]),
    'empty.txt': '',
    'no-body.txt': 'Only a title\n\nBy Jane Doe\nMay 1, 2024\n',
    'notes.odt': 'PK not an article\n',
  }

  test('each bad file is reported with file and line, listed in rejects.jsonl, and the good ones are built', () => {
    const { raw, out } = corpus(files)
    symlinkSync(join(raw, 'missing-target'), join(raw, 'dangling.txt'))
    const { status, stderr } = run('build', '--raw', raw, '--out', out)
    expect(status).toBe(1)
    expect(stderr).not.toMatch(/\n\s+at /)
    const rejects = rejectsOf(out)
    expect(rejects.map((r) => [r.source_path, r.rule, r.line])).toEqual([
      ['raw/binary.txt', 'read-binary', 1],
      ['raw/dangling.txt', 'read-io', null],
      ['raw/empty.txt', 'read-empty', null],
      ['raw/latin1.txt', 'read-encoding', 1],
      ['raw/no-body.txt', 'schema', null],
      ['raw/notes.odt', 'read-not-text', null],
      ['raw/same-bytes.txt', 'duplicate-bytes', null],
      ['raw/same-text.txt', 'duplicate-text', null],
    ])
    expect(rejects.find((r) => r.rule === 'duplicate-text')?.reason).toBe(
      'Duplicate of raw/a.txt (the same text under another name), kept once',
    )
    expect(stderr).toContain(
      'raw/latin1.txt:1: Invalid UTF-8 byte sequence, expected UTF-8 text (or rebuild with --encoding windows-1252) [read-encoding]',
    )
    expect(stderr).toMatch(/built 2 documents, 4 paragraphs into .*; 8 files rejected/)
    // The folder's own problems first, then each file's in file-name order, whether it failed when read or later.
    const named = [...stderr.matchAll(/^raw\/([^:\s]+)(?::\d+)?: /gmu)].map((m) => m[1])
    expect(named[0]).toBe('notes.odt')
    expect(named.slice(1)).toEqual([...named.slice(1)].sort())
    expect(new Set(named)).toEqual(new Set(rejects.map((r) => r.source_path.replace(/^raw\//u, ''))))
    const ids = readFileSync(join(out, 'documents.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { doc_id: string }).doc_id)
    expect(ids).toEqual(['a', 'b'])
  })

  test('copies of an input are kept once and reported with a warning: the build exits 0, and --strict fails on them', () => {
    const copies = {
      'a.txt': article('Alpha'),
      'b.txt': article('Beta'),
      'same-bytes.txt': article('Alpha'),
      'same-text.txt': article('Alpha').replace('By Jane Doe', 'By John Roe'),
    }
    const { raw, out } = corpus(copies)
    const built = run('build', '--raw', raw, '--out', out)
    expect(built.status).toBe(0)
    expect(built.stderr).toContain(
      'raw/same-bytes.txt: warning: Duplicate of raw/a.txt (the same bytes), kept once [duplicate-bytes]',
    )
    expect(built.stderr).toContain(
      'raw/same-text.txt: warning: Duplicate of raw/a.txt (the same text under another name), kept once [duplicate-text]',
    )
    expect(rejectsOf(out).map((r) => r.rule)).toEqual(['duplicate-bytes', 'duplicate-text'])
    // Every message the build printed is in the release too, as data with its file, line and rule.
    const logged = readFileSync(join(out, 'messages.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { source_path: string; rule: string; severity: string })
    expect(logged.map((m) => [m.source_path, m.rule, m.severity])).toEqual([
      ['raw/same-bytes.txt', 'duplicate-bytes', 'warning'],
      ['raw/same-text.txt', 'duplicate-text', 'warning'],
    ])
    const strict = corpus(copies)
    const refused = run('build', '--strict', '--raw', strict.raw, '--out', strict.out)
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/nothing written \(--strict\)/)
  })

  test('--encoding windows-1252 decodes such a file, with a warning, never replacement characters', () => {
    const { raw, out } = corpus({ 'latin1.txt': windows1252 })
    const { status, stderr } = run('build', '--encoding', 'windows-1252', '--raw', raw, '--out', out)
    expect(status).toBe(0)
    expect(stderr).toContain(
      'raw/latin1.txt:1: warning: Not UTF-8, decoded as windows-1252 (--encoding) [read-encoding]',
    )
    const doc = JSON.parse(readFileSync(join(out, 'documents.jsonl'), 'utf8')) as { title: string; text: string }
    expect(doc.title).toBe('Café society')
    expect(doc.text).toContain('The café opened in 1901.')
    expect(doc.text).not.toContain('\ufffd')
  })

  test('a 50 MB file is rejected by size at once, and the others are built', () => {
    const { raw, out } = corpus({ 'a.txt': article('Alpha'), 'huge.txt': Buffer.alloc(50 * 1024 * 1024, 'word ') })
    const { status, stderr } = run('build', '--raw', raw, '--out', out)
    expect(status).toBe(1)
    expect(stderr).toMatch(
      /raw\/huge\.txt: File of 52428800 bytes, expected an article of at most 10485760 \(--max-bytes\) \[read-too-large\]/,
    )
    expect(readFileSync(join(out, 'documents.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1)
  })

  test('a catalogue row naming a file that does not exist, or one outside raw/, is an error with its line', () => {
    const { raw, out } = corpus({
      'a.txt': article('Alpha'),
      'catalog.csv': 'file,outlet\nghost.txt,X\n../../etc/passwd,Y\n',
    })
    const { status, stderr } = run('build', '--raw', raw, '--out', out)
    expect(status).toBe(1)
    expect(stderr).toContain(
      'raw/catalog.csv:2: The catalogue names raw/ghost.txt, which is not an input, expected one row per input file of raw/ [catalog]',
    )
    expect(stderr).toMatch(/raw\/catalog\.csv:3: Invalid catalogue row, file: expected a file name inside raw\//)
  })

  test('--strict writes nothing when a file is rejected, leaving the previous release whole', () => {
    const { raw, out } = corpus({ 'a.txt': article('Alpha') })
    expect(run('build', '--raw', raw, '--out', out).status).toBe(0)
    const before = readFileSync(join(out, 'manifest.json'), 'utf8')
    writeFileSync(join(raw, 'empty.txt'), '')
    const { status, stderr } = run('build', '--strict', '--raw', raw, '--out', out)
    expect(status).toBe(1)
    expect(stderr).toMatch(/nothing written \(--strict\)/)
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before)
  })
})

describe('atomic output', () => {
  test('a build killed at any moment leaves the previous release whole and valid', async () => {
    const { raw, out } = corpus({})
    for (const f of readdirSync(rawDir).filter((n) => n.endsWith('.txt'))) copyFileSync(join(rawDir, f), join(raw, f))
    expect(run('build', '--raw', raw, '--out', out).status).toBe(0)
    const before = readFileSync(join(out, 'manifest.json'), 'utf8')
    // A bigger corpus to rebuild, so that there is a moment to kill it in each phase; each copy closes
    // with a line of its own article's (one line closing copies of five articles would be learned as a footer).
    for (let i = 0; i < 40; i += 1)
      for (const f of readdirSync(rawDir).filter((n) => n.endsWith('.txt')))
        writeFileSync(join(raw, `copy${i}-${f}`), `${readFileSync(join(rawDir, f), 'utf8')}\n\nCopy ${i} of ${f}.\n`)
    for (const delay of [300, 1500, 3000, 4500]) {
      // Node itself with tsx's loader, not the tsx command: SIGKILL to that wrapper would leave the build running.
      const child = spawn(process.execPath, ['--import', 'tsx', cli, 'build', '--raw', raw, '--out', out], {
        cwd: root,
        stdio: 'ignore',
      })
      const exited = new Promise((resolve) => child.on('exit', resolve))
      await new Promise((resolve) => setTimeout(resolve, delay))
      child.kill('SIGKILL')
      await exited
      // Nothing of the killed build runs on: no process is still building into this output.
      expect(buildsInto(out), `killed after ${delay} ms`).toEqual([])
      expect(existsSync(join(out, 'manifest.json')), `killed after ${delay} ms`).toBe(true)
      const manifest = readFileSync(join(out, 'manifest.json'), 'utf8')
      // Either the previous release, or (if the rename came first) the new one; whole either way.
      if (manifest === before) expect(await verifyRelease(out, raw), `killed after ${delay} ms`).toEqual([])
      else expect(JSON.parse(manifest).inputs.length).toBe(205)
    }
    // One more build, killed once it has begun to write: its half-written folder is left beside the release.
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'build', '--raw', raw, '--out', out], {
      cwd: root,
      stdio: 'ignore',
    })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    for (let waited = 0; !existsSync(`${out}.tmp-${child.pid}`) && waited < 60_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50))
    child.kill('SIGKILL')
    await exited
    const leftovers = () => readdirSync(dirname(out)).filter((n) => n.startsWith(`${basename(out)}.`))
    expect(leftovers()).toContain(`${basename(out)}.tmp-${child.pid}`)
    // The next build clears what the killed builds left.
    expect(run('build', '--raw', raw, '--out', out).status).toBe(0)
    expect(leftovers()).toEqual([])
  }, 120_000)

  test('a release a killed build had moved aside is put back; folders of a build still running are left alone', async () => {
    const { out } = corpus({})
    // A process that has ended: its pid names folders nobody is writing.
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    mkdirSync(`${out}.old-${dead}`)
    writeFileSync(join(`${out}.old-${dead}`, 'manifest.json'), '{}')
    mkdirSync(`${out}.tmp-${process.ppid}`)
    const tmp = await openOutput(out)
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('{}')
    expect(
      readdirSync(dirname(out))
        .filter((n) => n.startsWith(`${basename(out)}.`))
        .sort(),
    ).toEqual([basename(tmp), `${basename(out)}.tmp-${process.ppid}`].sort())
  })
})

describe('output folders that cannot be made', () => {
  test('makeFolder makes missing parents, and accepts a folder another build made first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folders-'))
    makeFolder(join(dir, 'a', 'b', 'c'))
    makeFolder(join(dir, 'a', 'b', 'c'))
    expect(statSync(join(dir, 'a', 'b', 'c')).isDirectory()).toBe(true)
  })

  test('a file or a link that leads nowhere in the way is named, not a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folders-'))
    writeFileSync(join(dir, 'file'), '')
    symlinkSync(join(dir, 'nowhere'), join(dir, 'link'))
    expect(() => makeFolder(join(dir, 'file', 'out'))).toThrow(
      `Cannot make the folder ${join(dir, 'file', 'out')} (ENOTDIR)`,
    )
    expect(() => makeFolder(join(dir, 'file'))).toThrow(
      `Cannot make the folder ${join(dir, 'file')}: a file of that name is in the way`,
    )
    expect(() => makeFolder(join(dir, 'link', 'out'))).toThrow(`Cannot make the folder ${join(dir, 'link')} (EEXIST)`)
  })

  // Node's own recursive mkdir spins forever here; the build must end, in a child process bounded by a timeout.
  test.skipIf(!existsSync('/proc/self'))('build --out and --cache inside /proc fail at once, naming the folder', () => {
    const { raw, out } = corpus({})
    for (const args of [
      ['--out', '/proc/no-such/dist'],
      ['--out', out, '--cache', '/proc/no-such/cache'],
    ]) {
      const { status, stderr } = spawnSync(tsx, [cli, 'build', '--raw', raw, ...args], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      })
      expect(stderr).toContain(
        'pipeline: Cannot make the folder /proc/no-such (ENOENT): /proc does not take new folders',
      )
      expect(stderr).not.toMatch(/\n\s+at /)
      expect(status).toBe(1)
    }
  })
})

describe('worker threads', () => {
  test('a corpus built in two worker threads is byte for byte the one built in one thread', async () => {
    const { raw, out } = corpus({})
    // Each copy closes with a line of its own: one line closing the copies of five articles would be learned as a footer.
    for (let i = 0; i < 8; i += 1)
      for (const f of readdirSync(rawDir).filter((n) => n.endsWith('.txt')))
        writeFileSync(
          join(raw, `copy${i}-${f}`),
          `${readFileSync(join(rawDir, f), 'utf8')}\n\nCopy ${'ABCDEFGH'[i]} of ${f}.\n`,
        )
    expect(run('build', '--no-cache', '--jobs', '1', '--raw', raw, '--out', `${out}-1`).status).toBe(0)
    expect(run('build', '--no-cache', '--jobs', '2', '--raw', raw, '--out', `${out}-2`).status).toBe(0)
    for (const name of readdirSync(`${out}-1`).filter((n) => n.includes('.')))
      expect(readFileSync(join(`${out}-2`, name)).equals(readFileSync(join(`${out}-1`, name))), name).toBe(true)
  }, 120_000)
})
