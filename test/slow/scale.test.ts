import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tableFromIPC } from 'apache-arrow'
import { beforeAll, describe, expect, test } from 'vitest'
import { makeCorpus } from '../../eval/generate.ts'
import { releaseParagraphs } from '../../eval/run.ts'
import { newContext } from '../../pipeline/runner/context.ts'
import { CorpusLearner, emptyProfile, isPhrase } from '../../pipeline/corpus/profile.ts'
import { depsHold, recordingProfile } from '../../pipeline/runner/cache.ts'
import { runTask, stages as pipelineStages } from '../../pipeline/index.ts'
import { build, learnAgain, learnProfile, merge, type BuildOptions } from '../../pipeline/runner/build.ts'
import { InputList, readDoc } from '../../pipeline/stages/read.ts'
import { sha256 } from '../../pipeline/release/manifest.ts'
import type { Provenance } from '../../pipeline/release/provenance.ts'
import { listFiles, verifyRelease } from '../../pipeline/release/verify.ts'
import { PART_FILE, PART_INPUTS, PART_RESULTS } from '../../pipeline/runner/shard.ts'
import type { Message } from '../../pipeline/types.ts'
import { backstopSeconds, WorkerPool, type Task } from '../../pipeline/runner/workers.ts'
import { columnsOf } from '../../pipeline/write/columns.ts'
import { BATCH_LIMITS, renderRows, TablesWriter, TextFile } from '../../pipeline/write/stream.ts'
import { annotationTables, tables } from '../../schemas/index.ts'
import { differences, rawDir, readTable } from '../helpers.ts'

const root = new URL('../..', import.meta.url).pathname
const provenance: Provenance = { commit: '0000000000000000000000000000000000000000', released: '2026-01-01' }
let work: string
let raw: string
/** The dataset identity of the tables written outside a build. */
const testInfo = { name: 'test', version: '0.0.0' }

async function buildTo(out: string, options: Partial<BuildOptions> = {}) {
  return build({ rawDir: raw, outDir: join(work, out), threads: 1, provenance, ...options })
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'scale-'))
  raw = join(work, 'raw')
  mkdirSync(raw)
  // Generated articles (real paragraphs recombined with page breaks, wraps and furniture) and the real five.
  for (const [i, doc] of makeCorpus(releaseParagraphs(), 6, 11).entries())
    writeFileSync(join(raw, `gen-${String(i).padStart(3, '0')}.txt`), doc.text)
  for (const f of readdirSync(rawDir).filter((n) => n.endsWith('.txt')))
    writeFileSync(join(raw, f), readFileSync(join(rawDir, f)))
  writeFileSync(
    join(raw, 'copy-of-000.txt'),
    readFileSync(join(rawDir, readdirSync(rawDir).filter((n) => n.endsWith('.txt'))[0] ?? '')),
  )
  await buildTo('full')
}, 120_000)

describe('shards and merge', () => {
  test('three shards merged are byte for byte the single build, and each part is a readable table set', async () => {
    const parts = [1, 2, 3].map((index) => join(work, `part-${index}`))
    const summaries = []
    for (const [i, part] of parts.entries())
      summaries.push(
        await build({ rawDir: raw, outDir: part, threads: 1, provenance, shard: { index: i + 1, count: 3 } }),
      )
    // Every document read is in exactly one part (the copy is rejected as a duplicate by bytes).
    const perPart = parts.map((p) => tableFromIPC(readFileSync(join(p, 'documents.arrow'))).numRows)
    expect(perPart.every((n) => n > 0)).toBe(true)
    expect(perPart.reduce((a, b) => a + b, 0)).toBe(29)
    const docIds = parts.flatMap((p) =>
      readFileSync(join(p, 'documents.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { doc_id: string }).doc_id),
    )
    expect(new Set(docIds).size).toBe(29)
    // The copy rejected as a duplicate by bytes is rejected in its own shard only, with its message.
    expect(summaries.flatMap((s) => s.rejected.map((r) => r.rule))).toEqual(['duplicate-bytes'])
    expect(summaries.flatMap((s) => s.messages.filter((m) => m.rule === 'duplicate-bytes').map((m) => m.file))).toEqual(
      ['raw/copy-of-000.txt'],
    )
    await merge({ parts: [...parts].reverse(), outDir: join(work, 'merged'), provenance })
    expect(differences(join(work, 'full'), join(work, 'merged'))).toEqual([])
  }, 120_000)

  test('part.json holds nothing that grows with the corpus; a merge refuses a part whose lists were cut short', async () => {
    const copy = (name: string) =>
      [1, 2, 3].map((index) => {
        cpSync(join(work, `part-${index}`), join(work, `${name}-${index}`), { recursive: true })
        return join(work, `${name}-${index}`)
      })
    const inputs = readdirSync(raw).filter((n) => n.endsWith('.txt')).length
    const part = JSON.parse(readFileSync(join(work, 'part-1', PART_FILE), 'utf8')) as Record<string, unknown>
    expect(Object.keys(part).sort()).toEqual([
      'annotate',
      'dataset',
      'inputs',
      'messages',
      'pipeline',
      'results',
      'shard',
      'version',
    ])
    expect(part.inputs).toEqual({ count: inputs, sha256: sha256(readFileSync(join(work, 'part-1', PART_INPUTS))) })
    const cutLastLine = (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(/[^\n]*\n$/, ''))
    const inputsCut = copy('inputs-cut')
    cutLastLine(join(inputsCut[0] ?? '', PART_INPUTS))
    await expect(merge({ parts: inputsCut, outDir: join(work, 'bad'), provenance })).rejects.toThrow(
      `inputs-cut-1: ${PART_INPUTS} is not the list part.json describes`,
    )
    const resultsCut = copy('results-cut')
    const lines = readFileSync(join(resultsCut[1] ?? '', PART_RESULTS), 'utf8').split('\n').length - 1
    cutLastLine(join(resultsCut[1] ?? '', PART_RESULTS))
    await expect(merge({ parts: resultsCut, outDir: join(work, 'bad'), provenance })).rejects.toThrow(
      `results-cut-2: ${PART_RESULTS} has ${lines - 1} lines, expected the ${lines} part.json counts`,
    )
    // Found at the end of the merge: its temporary output is removed and no release is written.
    expect(readdirSync(work).filter((n) => n.startsWith('bad'))).toEqual([])
    // Two parts whose part.json files were swapped each hold the other shard's files.
    const swapped = copy('swapped')
    const [one, two] = [0, 1].map((i) => readFileSync(join(swapped[i] ?? '', PART_FILE)))
    writeFileSync(join(swapped[0] ?? '', PART_FILE), two ?? '')
    writeFileSync(join(swapped[1] ?? '', PART_FILE), one ?? '')
    await expect(merge({ parts: swapped, outDir: join(work, 'bad'), provenance })).rejects.toThrow(
      /swapped-[12]: raw\/\S+ belongs to shard [12], expected only shard [12]'s files/,
    )
  }, 120_000)

  test('a merge refuses a missing shard or parts of different builds, with a message and no stack', () => {
    const run = (...args: string[]) =>
      spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'pipeline', 'cli.ts'), ...args], {
        cwd: root,
        encoding: 'utf8',
      })
    const missing = run('merge', join(work, 'part-1'), join(work, 'part-3'), '--out', join(work, 'bad'))
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('Shards 2 missing, expected each of 1 to 3 once')
    expect(missing.stderr).not.toMatch(/\n\s+at /)
    const part = JSON.parse(readFileSync(join(work, 'part-2', PART_FILE), 'utf8')) as { pipeline: string }
    writeFileSync(join(work, 'part-2', PART_FILE), JSON.stringify({ ...part, pipeline: 'other' }))
    const other = run(
      'merge',
      join(work, 'part-1'),
      join(work, 'part-2'),
      join(work, 'part-3'),
      '--out',
      join(work, 'bad'),
    )
    expect(other.stderr).toContain('built by another version of the pipeline')
    expect(run('build', '--raw', raw, '--out', join(work, 'bad'), '--shard', '4/3').stderr).toContain(
      '--shard takes I/N with 1 <= I <= N, not 4/3',
    )
  }, 60_000)
})

describe('--annotate: the annotation tables a build makes', () => {
  const tableFiles = (dir: string) =>
    readdirSync(dir)
      .filter((f) => /\.(csv|jsonl|arrow)$/.test(f) && f !== 'messages.jsonl' && f !== 'rejects.jsonl')
      .map((f) => f.replace(/\.\w+$/, ''))
  const same = (dir: string, names: readonly string[]) =>
    names
      .flatMap((n) => ['csv', 'jsonl', 'arrow'].map((ext) => `${n}.${ext}`))
      .filter((f) => !readFileSync(join(work, 'full', f)).equals(readFileSync(join(dir, f))))

  test("none leaves every annotation table out of the release and its metadata, and the text, metadata and changes are the full build's", async () => {
    await buildTo('none', { annotate: [] })
    const out = join(work, 'none')
    expect([...new Set(tableFiles(out))].sort()).toEqual(['changes', 'documents', 'paragraphs'])
    expect(same(out, ['documents', 'paragraphs', 'changes'])).toEqual([])
    const resources = (
      JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8')) as {
        resources: { name: string; type?: string }[]
      }
    ).resources
    expect([...new Set(resources.map((r) => r.name.replace(/-(jsonl|arrow)$/, '')))].sort()).toEqual([
      'changes',
      'documents',
      'paragraphs',
    ])
    const recordSets = (
      JSON.parse(readFileSync(join(out, 'croissant.json'), 'utf8')) as { recordSet: { name: string }[] }
    ).recordSet.map((r) => r.name)
    expect(recordSets).toEqual(['documents', 'paragraphs', 'changes'])
    const card = readFileSync(join(out, 'README.md'), 'utf8')
    expect(card).toContain('built without `sentences`, `quotes`, `entities`, `numbers`, `reuse` (`--annotate`)')
    expect(card).not.toContain('read_feather("entities.arrow")')
    expect(await verifyRelease(out, raw)).toEqual([])
  }, 120_000)

  test("a list makes those tables, each the full build's, and only those; the cache keeps builds of other lists apart", async () => {
    const cacheDir = join(work, 'annotate-cache')
    await buildTo('annotate-all-cached', { cacheDir })
    await buildTo('some', { annotate: ['entities', 'reuse'], cacheDir })
    const out = join(work, 'some')
    // near_copies are reuse added up by document: made with it.
    expect([...new Set(tableFiles(out))].sort()).toEqual([
      'changes',
      'documents',
      'entities',
      'near_copies',
      'paragraphs',
      'reuse',
    ])
    expect(same(out, ['documents', 'paragraphs', 'changes', 'entities', 'reuse', 'near_copies'])).toEqual([])
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain(
      'built without `sentences`, `quotes`, `numbers` (`--annotate`)',
    )
  }, 120_000)

  test('shards built with one list merge into that build; parts of different lists are not merged', async () => {
    const parts = [1, 2].map((index) => join(work, `none-part-${index}`))
    for (const [i, part] of parts.entries())
      await build({
        rawDir: raw,
        outDir: part,
        threads: 1,
        provenance,
        annotate: [],
        shard: { index: i + 1, count: 2 },
      })
    expect(readdirSync(parts[0] ?? '').filter((f) => f.startsWith('entities'))).toEqual([])
    await merge({ parts, outDir: join(work, 'none-merged'), provenance })
    expect(differences(join(work, 'none'), join(work, 'none-merged'))).toEqual([])
    await build({
      rawDir: raw,
      outDir: join(work, 'all-part-2'),
      threads: 1,
      provenance,
      shard: { index: 2, count: 2 },
    })
    await expect(
      merge({ parts: [parts[0] ?? '', join(work, 'all-part-2')], outDir: join(work, 'bad'), provenance }),
    ).rejects.toThrow(/all-part-2: built with --annotate all, expected none as .*none-part-1 was/)
  }, 120_000)
})

describe('the incremental cache', () => {
  test('a cold and a warm build with the cache are byte for byte the build without it; warm takes every document from it', async () => {
    const cacheDir = join(work, 'cache')
    const cold = await buildTo('cold', { cacheDir })
    expect(cold.cache).toEqual({ hits: 0, misses: 29, profile: false })
    const warm = await buildTo('warm', { cacheDir })
    expect(warm.cache).toEqual({ hits: 29, misses: 0, profile: true })
    expect(differences(join(work, 'full'), join(work, 'cold'))).toEqual([])
    expect(differences(join(work, 'full'), join(work, 'warm'))).toEqual([])
  }, 120_000)

  test('a cache entry cut short, cut inside its JSON, grown, or empty is built again, and the output is unchanged', async () => {
    const cacheDir = join(work, 'cache-damaged')
    cpSync(join(work, 'cache'), cacheDir, { recursive: true })
    const entries = readdirSync(cacheDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.cache'))
      .sort()
    expect(entries.length).toBe(29)
    const damage = [
      (b: Buffer) => b.subarray(0, -1),
      (b: Buffer) => b.subarray(0, 4 + (b.readUInt32LE(0) >> 1)),
      (b: Buffer) => Buffer.concat([b, Buffer.from('x')]),
      () => Buffer.alloc(0),
    ]
    for (const [i, hurt] of damage.entries()) {
      const entry = join(cacheDir, entries[i] as string)
      writeFileSync(entry, hurt(readFileSync(entry)))
    }
    const rebuilt = await buildTo('damaged', { cacheDir })
    expect(rebuilt.cache).toEqual({ hits: 25, misses: 4, profile: true })
    expect(differences(join(work, 'full'), join(work, 'damaged'))).toEqual([])
  }, 120_000)

  test('a later release date keeps every result whose dates it answers the same way, and the output is the build without the cache', async () => {
    const dated = join(work, 'dated')
    mkdirSync(dated)
    const body =
      'The council met on Monday and agreed to build a new bridge over the river.\n\nWork is due to start in the spring, the mayor said.\n'
    for (const [name, date] of [
      ['past', 'March 26, 2024'],
      ['between', 'March 1, 2026'],
      ['future', 'March 3, 2094'],
    ])
      writeFileSync(join(dated, `${name}.txt`), `A bridge for the town\n\nBy Jane Doe\n${date}\n\n${body}`)
    const cacheDir = join(work, 'cache-dated')
    const at = (today: string, out: string, cache = true) =>
      build({ rawDir: dated, outDir: join(work, out), threads: 1, provenance, today, ...(cache ? { cacheDir } : {}) })
    expect((await at('2026-01-01', 'dated-1')).cache).toMatchObject({ hits: 0, misses: 3 })
    expect((await at('2026-01-01', 'dated-2')).cache).toMatchObject({ hits: 3, misses: 0 })
    // 2024 is before both dates; 2026-03-01 is after the first only; 2094 is after both, but its warning names the date.
    expect((await at('2026-06-01', 'dated-3')).cache).toMatchObject({ hits: 1, misses: 2 })
    await at('2026-06-01', 'dated-fresh', false)
    expect(differences(join(work, 'dated-fresh'), join(work, 'dated-3'))).toEqual([])
    expect(differences(join(work, 'dated-1'), join(work, 'dated-3')).length).toBeGreaterThan(0)
  }, 120_000)

  test('after one article changes, only it (and those whose corpus evidence changed) is rebuilt, with the same output as no cache', async () => {
    const cacheDir = join(work, 'cache')
    const name = readdirSync(raw).find((n) => n.startsWith('gen-')) as string
    writeFileSync(join(raw, name), `${readFileSync(join(raw, name), 'utf8')}\nOne more sentence at the end.\n`)
    const changed = await buildTo('changed', { cacheDir })
    expect(changed.cache.misses).toBeGreaterThanOrEqual(1)
    expect(changed.cache.misses).toBeLessThan(5)
    // The cached profile was learned from the article before the change: it is learned again.
    expect(changed.cache.profile).toBe(false)
    await buildTo('changed-fresh')
    expect(differences(join(work, 'changed-fresh'), join(work, 'changed'))).toEqual([])
  }, 120_000)
})

describe('what a cached result depends on', () => {
  // A corpus where "attacks" comes before "Putin" inside a line `together` times out of `total`.
  const profileWith = (together: number, total: number) => {
    const learner = new CorpusLearner()
    for (let i = 0; i < total; i += 1)
      learner.add(
        i < together
          ? 'They said the attacks Putin ordered went on.\n'
          : `They said the attacks went on for day ${i}.\n`,
      )
    return learner.profile()
  }

  test('a phrase decision is recorded as its answer: other counts with the same answer keep the result, another answer does not', () => {
    const recorder = recordingProfile(profileWith(1, 200))
    expect(isPhrase(recorder.profile, 'attacks', 'Putin')).toBe(false)
    const deps = recorder.deps()
    expect(deps.phrases).toEqual([['attacks Putin', false]])
    expect(deps.vocabulary).toEqual([])
    expect(depsHold(profileWith(2, 300), deps)).toBe(true)
    expect(depsHold(profileWith(100, 200), deps)).toBe(false)
  })
})

describe('the cached corpus profile', () => {
  test('a profile file cut short is learned again, with the same output, and written whole again', async () => {
    const cacheDir = join(work, 'cache-profile')
    await buildTo('profile-cold', { cacheDir })
    const file = join(cacheDir, 'profile.bin')
    const whole = readFileSync(file)
    writeFileSync(file, whole.subarray(0, whole.length - 100))
    const cut = await buildTo('profile-cut', { cacheDir })
    expect(cut.cache).toEqual({ hits: 29, misses: 0, profile: false })
    expect(readFileSync(file).equals(whole)).toBe(true)
    await buildTo('profile-fresh')
    expect(differences(join(work, 'profile-fresh'), join(work, 'profile-cut'))).toEqual([])
    expect((await buildTo('profile-warm', { cacheDir })).cache.profile).toBe(true)
  }, 120_000)

  test('an input whose bytes differ at the second read stops the build, naming it, rather than learn another corpus', async () => {
    const names = readdirSync(raw)
      .filter((n) => n.endsWith('.txt'))
      .sort()
    const hashOf = (name: string) => sha256(readFileSync(join(raw, name)))
    const jobs = new InputList()
    for (const name of names.slice(0, 3)) jobs.push(name, hashOf(name))
    // Read again unchanged, the inputs give the profile learned from them directly.
    const same = await learnAgain(raw, jobs, {})
    const direct = learnProfile(
      await Promise.all(names.slice(0, 3).map((name) => readDoc(join(raw, name), `raw/${name}`))),
    )
    expect(same.vocabulary.table.size).toBeGreaterThan(0)
    expect([same.vocabulary.table.size, same.pairs.size, [...same.repeated]]).toEqual([
      direct.vocabulary.table.size,
      direct.pairs.size,
      [...direct.repeated],
    ])
    // The hash the first pass took, of bytes the file no longer has: it changed in between.
    const stale = new InputList()
    for (const [i, name] of names.slice(0, 3).entries())
      stale.push(name, i === 1 ? sha256('earlier bytes') : hashOf(name))
    await expect(learnAgain(raw, stale, {})).rejects.toThrow(`raw/${names[1]} changed during the build; build again`)
  })
})

describe('streaming output', () => {
  test('messages told as they come are the summary messages in the same order, and the summary then keeps none', async () => {
    const told: Message[] = []
    const streamed = await buildTo('told', { onMessage: (m) => told.push(m) })
    const kept = await buildTo('kept')
    expect(kept.messages.map((m) => m.rule)).toContain('duplicate-bytes')
    expect(told).toEqual(kept.messages)
    expect(streamed.messages).toEqual([])
    expect(differences(join(work, 'kept'), join(work, 'told'))).toEqual([])
  }, 120_000)

  /** The release's documents written again with other batch limits; returns the rows and the Arrow batches. */
  async function rewriteDocuments(dir: string, limits: typeof BATCH_LIMITS) {
    const rows = readTable<Record<string, unknown>>(join(work, 'full'), 'documents')
    mkdirSync(join(work, dir))
    const writer = new TablesWriter(join(work, dir), testInfo, ['documents'], limits)
    writer.add('documents', rows)
    await writer.close()
    return { rows, batches: tableFromIPC(readFileSync(join(work, dir, 'documents.arrow'))).batches }
  }

  test('Arrow record batches have a fixed number of rows, the last one the rest', async () => {
    const { rows, batches } = await rewriteDocuments('batches-rows', { rows: 4, chars: Infinity })
    expect(batches.length).toBe(Math.ceil(rows.length / 4))
    expect(batches.slice(0, -1).every((b) => b.numRows === 4)).toBe(true)
  })

  test('a batch also ends once its text reaches the character limit; the CSV and JSONL bytes do not depend on where', async () => {
    const small = { rows: 7, chars: 20_000 }
    const { rows, batches } = await rewriteDocuments('batches-small', small)
    await rewriteDocuments('batches-default', BATCH_LIMITS)
    const text = columnsOf(tables.documents).filter((c) => c.type.kind === 'string')
    const charsOf = (row: Record<string, unknown>) =>
      text.reduce((n, c) => n + (typeof row[c.name] === 'string' ? String(row[c.name]).length : 0), 0)
    let at = 0
    for (const batch of batches.slice(0, -1)) {
      const batchRows = rows.slice(at, at + batch.numRows)
      at += batch.numRows
      const chars = batchRows.map(charsOf).reduce((a, b) => a + b, 0)
      // Ended by the row limit, or by the row that took its text to the character limit.
      expect(
        batch.numRows === small.rows || (chars >= small.chars && chars - charsOf(batchRows.at(-1) ?? {}) < small.chars),
      ).toBe(true)
    }
    expect(batches.slice(0, -1).some((b) => b.numRows < small.rows)).toBe(true)
    for (const format of ['csv', 'jsonl'])
      expect(
        readFileSync(join(work, 'batches-small', `documents.${format}`)).equals(
          readFileSync(join(work, 'batches-default', `documents.${format}`)),
        ),
      ).toBe(true)
  })

  test('rows handed over already rendered (by a worker thread, or from the cache) and rows rendered by the writer give the same files', async () => {
    const rows = readTable<Record<string, unknown>>(join(work, 'full'), 'paragraphs')
    const limits = { rows: 5, chars: Infinity }
    for (const dir of ['rendered-none', 'rendered-some']) mkdirSync(join(work, dir))
    const plain = new TablesWriter(join(work, 'rendered-none'), testInfo, ['paragraphs'], limits)
    plain.add('paragraphs', rows)
    await plain.close()
    // Runs of 3 rows, rendered ahead as text (a worker's), as UTF-8 bytes (the cache's) or not at all: the writer must keep the order across the kinds and batches.
    const mixed = new TablesWriter(join(work, 'rendered-some'), testInfo, ['paragraphs'], limits)
    for (let i = 0; i < rows.length; i += 3) {
      const run = rows.slice(i, i + 3)
      const text = renderRows('paragraphs', run)
      const kind = (i / 3) % 3
      mixed.add(
        'paragraphs',
        run,
        kind === 0 ? text : kind === 1 ? { csv: Buffer.from(text.csv), jsonl: Buffer.from(text.jsonl) } : undefined,
      )
    }
    await mixed.close()
    expect(rows.length).toBeGreaterThan(20)
    for (const format of ['csv', 'jsonl', 'arrow'])
      expect(
        readFileSync(join(work, 'rendered-some', `paragraphs.${format}`)).equals(
          readFileSync(join(work, 'rendered-none', `paragraphs.${format}`)),
        ),
      ).toBe(true)
  })

  test('a text file given text and UTF-8 bytes, in pieces smaller and larger than its buffer, holds them in order', () => {
    const wide = 'ü€😀 '.repeat(3)
    // A character 2 bytes past the buffer's end, multi-byte characters across each flush, and single pieces of 1.5 and 3 MB (the buffer is 1 MiB).
    const pieces: (string | Uint8Array)[] = [
      'x'.repeat(1_048_574),
      '😀',
      wide,
      Buffer.from(wide),
      'x'.repeat(1_048_570),
      wide,
      Buffer.from('ab'),
      '€'.repeat(500_000),
      Buffer.from('😀'.repeat(750_000)),
      wide,
      Buffer.alloc(0),
      '',
    ]
    const file = new TextFile(join(work, 'text-file.txt'))
    for (const piece of pieces) file.write(piece)
    file.close()
    expect(
      readFileSync(join(work, 'text-file.txt')).equals(
        Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))),
      ),
    ).toBe(true)
  })

  test('one call with more rows than a function takes arguments (a large reuse batch) is written whole', async () => {
    const [row] = readTable<Record<string, unknown>>(join(work, 'full'), 'reuse')
    const rows = Array.from({ length: 200_000 }, (_, i) => ({ ...row, reuse_id: `r${i}` }))
    mkdirSync(join(work, 'many-rows'))
    const writer = new TablesWriter(join(work, 'many-rows'), testInfo, ['reuse'])
    writer.add('reuse', rows)
    expect((await writer.close()).get('reuse')).toBe(200_000)
    expect(readFileSync(join(work, 'many-rows', 'reuse.jsonl'), 'utf8').split('\n').length - 1).toBe(200_000)
  }, 60_000)

  test('the release holds no partial-output, temporary or spilled files', async () => {
    expect(
      (await listFiles(join(work, 'full'))).filter((f) => f === PART_FILE || f.includes('tmp') || f.startsWith('.')),
    ).toEqual([])
  })
})

describe('worker threads', () => {
  /** The five articles as jobs, and what a pool's workers are started with. */
  const rawJobs = (): Task[] =>
    readdirSync(rawDir)
      .filter((n) => n.endsWith('.txt'))
      .map((n) => ({ file: join(rawDir, n), source_path: `raw/${n}` }))
  const setup = { corpus: emptyProfile, catalog: new Map(), today: '2026-01-01', annotate: annotationTables, read: {} }

  test('a worker makes the annotation tables its setup names, and only those, as the main thread does', async () => {
    const [job] = rawJobs()
    if (job === undefined) throw new Error('Cannot test without raw/ articles')
    // Two threads: a task given to a free pool goes to the worker first.
    const pool = new WorkerPool(
      2,
      { ...setup, annotate: ['quotes'] },
      () => Promise.reject(new Error('Cannot run on the main thread, expected a worker')),
      { timeoutSeconds: 60 },
    )
    try {
      const rows = (await pool.run(job)).results[0]?.rows
      expect(rows?.quotes.length).toBeGreaterThan(0)
      expect([rows?.sentences, rows?.entities, rows?.numbers]).toEqual([[], [], []])
      const inline = await runTask(job, newContext({ today: '2026-01-01', annotate: ['quotes'] }))
      expect(JSON.stringify((await pool.run(job)).results)).toBe(JSON.stringify(inline.results))
    } finally {
      await pool.close()
    }
  }, 60_000)

  test('a worker that runs out of memory is replaced and its documents are run on the main thread, with the same results', async () => {
    const jobs = rawJobs().slice(0, 5)
    const ctx = newContext({ today: '2026-01-01' })
    const inline = (job: Task) => runTask(job, ctx)
    // A heap of 4 MB cannot even load the stages: every job the worker is given fails.
    const pool = new WorkerPool(2, setup, inline, {
      limits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 4 },
    })
    const failed: string[] = []
    pool.onFailure = (job, error) => failed.push(`${job.source_path}: ${error.message}`)
    try {
      // As many at a time as the build runs them: one on the main thread, two given to the worker, which both fail.
      const atOnce = WorkerPool.tasksAtOnce(2)
      const results = []
      for (let i = 0; i < jobs.length; i += atOnce)
        results.push(...(await Promise.all(jobs.slice(i, i + atOnce).map((j) => pool.run(j)))))
      expect(failed.length).toBeGreaterThan(0)
      expect(failed.every((f) => /^raw\/.+\.txt: /.test(f))).toBe(true)
      const expected = await Promise.all(jobs.map(inline))
      expect(results.map((r) => JSON.stringify(r.results))).toEqual(expected.map((r) => JSON.stringify(r.results)))
    } finally {
      await pool.close()
    }
  }, 60_000)

  /** A file the stages take seconds over (a million words: linear, but long), beside the five articles. */
  const slowJob = (words = 1_000_000): Task => {
    const file = join(mkdtempSync(join(tmpdir(), 'slow-')), 'zz_slow.txt')
    writeFileSync(file, `Title\n\n${'word '.repeat(words)}\n`)
    return { file, source_path: 'raw/zz_slow.txt' }
  }

  /** The main thread's runner with a time limit of 1 s, counting the documents it is given. */
  const timedInline = () => {
    const ctx = newContext({ today: '2026-01-01' })
    const onMain = { count: 0 }
    const inline = (job: Task) => {
      onMain.count += 1
      return runTask(job, ctx, {}, 1)
    }
    return { ctx, inline, onMain }
  }

  /** After the main thread stopped its one document: two articles at once run in workers, with the results they give inline. */
  async function twoInWorkers(pool: WorkerPool, ctx: ReturnType<typeof newContext>, onMain: { count: number }) {
    const jobs = rawJobs().slice(0, 2)
    const results = await Promise.all(jobs.map((j) => pool.run(j)))
    expect(onMain.count).toBe(1)
    const expected = await Promise.all(jobs.map((j) => runTask(j, ctx)))
    expect(results.map((r) => JSON.stringify(r.results))).toEqual(expected.map((r) => JSON.stringify(r.results)))
  }

  test('a document past the time limit in a worker is stopped by the worker itself; the worker is replaced and the rest give the results they give inline', async () => {
    const ctx = newContext({ today: '2026-01-01' })
    // The main thread refuses work: every task here runs in a worker. The limit is far below the slow file's time
    // (about 16 s) and far above an article's on a fresh, busy worker (under 1 s idle), as a test on a loaded machine needs.
    const limit = 5
    const pool = new WorkerPool(2, setup, () => Promise.reject(new Error('Cannot run on the main thread')), {
      timeoutSeconds: limit,
    })
    try {
      const [first, second, ...rest] = rawJobs()
      if (first === undefined || second === undefined) throw new Error('Cannot test without raw/ articles')
      const started = performance.now()
      // The worker's two places: the slow file, and an article queued behind it that must run again on the fresh worker.
      const settled = await Promise.allSettled([pool.run(slowJob()), pool.run(first)])
      // Stopped by the worker itself: the main thread's backstop, timed from when the worker began it, would come later.
      expect(performance.now() - started).toBeLessThan(backstopSeconds(limit) * 1000)
      expect(settled.map((s) => (s.status === 'rejected' ? String(s.reason) : 'done'))).toEqual([
        `Error: Took longer than ${limit} s, left out`,
        'done',
      ])
      // One at a time: the fresh worker's places are taken before the main thread's.
      const results = [settled[1]]
      for (const job of [second, ...rest]) results.push(...(await Promise.allSettled([pool.run(job)])))
      const expected = await Promise.all([first, second, ...rest].map((j) => runTask(j, ctx)))
      expect(results.map((r) => (r?.status === 'fulfilled' ? JSON.stringify(r.value.results) : 'failed'))).toEqual(
        expected.map((r) => JSON.stringify(r.results)),
      )
    } finally {
      await pool.close()
    }
  }, 60_000)

  test('a document past the time limit on the main thread is stopped there; the main thread takes no more and a worker takes its place', async () => {
    const { ctx, inline, onMain } = timedInline()
    // One thread: the main thread alone (its limit of 1 s is inline's), until it stops a document. The workers' limit
    // is not what is tested: it is the build's default, so that articles on a fresh worker of a busy machine finish.
    const pool = new WorkerPool(1, setup, inline, { timeoutSeconds: 30 })
    try {
      await expect(pool.run(slowJob())).rejects.toThrow('Took longer than 1 s, left out')
      // A worker now has the main thread's place, and two.
      await twoInWorkers(pool, ctx, onMain)
    } finally {
      await pool.close()
    }
  }, 60_000)

  test('a document that fails in a worker and then runs past the time limit on the main thread is left out; the main thread takes no more, and the rest give the results they give inline', async () => {
    const { ctx, inline, onMain } = timedInline()
    // Workers with a heap of 4 MB: a file of 9.5 MB fails in them (long before their own limit), and runs again on the main thread.
    const pool = new WorkerPool(2, setup, inline, {
      timeoutSeconds: 30,
      limits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 4 },
    })
    const failed: string[] = []
    pool.onFailure = (job) => failed.push(job.source_path)
    try {
      // The worker takes it first, fails, and the main thread runs it again, past the limit.
      await expect(pool.run(slowJob(1_900_000))).rejects.toThrow('Took longer than 1 s, left out')
      expect(failed).toEqual(['raw/zz_slow.txt'])
      await twoInWorkers(pool, ctx, onMain)
    } finally {
      await pool.close()
    }
  }, 60_000)

  test('a worker is given its next document before it answers, so that it never waits for the main thread', async () => {
    const jobs = rawJobs()
    const ctx = newContext({ today: '2026-01-01' })
    let onMain = 0
    const inline = (job: Task) => {
      onMain += 1
      return runTask(job, ctx)
    }
    const pool = new WorkerPool(2, setup, inline)
    try {
      // Three at once on two threads: the main thread takes one, the worker two.
      expect(WorkerPool.tasksAtOnce(2)).toBe(3)
      const results = await Promise.all(jobs.slice(0, 3).map((j) => pool.run(j)))
      expect(onMain).toBe(1)
      const expected = await Promise.all(jobs.slice(0, 3).map((j) => runTask(j, ctx)))
      expect(results.map((r) => JSON.stringify(r.results))).toEqual(expected.map((r) => JSON.stringify(r.results)))
      // A fourth at once is the caller's mistake, refused; the three others still finish.
      const settled = await Promise.allSettled(jobs.slice(0, 4).map((j) => pool.run(j)))
      expect(settled.map((s) => (s.status === 'rejected' ? String(s.reason) : 'done'))).toEqual([
        'done',
        'done',
        'done',
        expect.stringContaining('Cannot find a free thread'),
      ])
    } finally {
      await pool.close()
    }
  }, 60_000)
})

describe('make bench', () => {
  /** A Markdown table's body rows, each as its cells. */
  const tableRows = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith('|') && !line.startsWith('|---'))
      .slice(1)
      .map((line) =>
        line
          .slice(1, -1)
          .split('|')
          .map((cell) => cell.trim()),
      )
  const tsx = join(root, 'node_modules', '.bin', 'tsx')
  const run = (script: string, env: Record<string, string>) =>
    spawnSync(tsx, [join(root, 'bench', script)], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } })

  test('the build table has a row per size, every figure a number, and the ratio is build over remark-parse', () => {
    const out = run('run.ts', { BENCH_DOCS: '12,24', BENCH_JOBS: '1' })
    expect(out.status, out.stderr).toBe(0)
    const [texts = '', pages = ''] = out.stdout.split('\n\n')
    const rows = tableRows(texts)
    expect(rows.map((r) => r[0])).toEqual(['12', '24'])
    // The same articles as saved pages: a row per size, pages per second and peak RSS.
    const pageRows = tableRows(pages)
    expect(pageRows.map((r) => r[0])).toEqual(['12', '24'])
    for (const row of pageRows) expect(row.every((cell) => Number.parseFloat(cell) > 0)).toBe(true)
    for (const row of rows) {
      const [, , , buildRate, , rss, , share, , remarkRate] = row.map((cell) => Number.parseFloat(cell))
      expect(row.every((cell) => Number.isFinite(Number.parseFloat(cell)))).toBe(true)
      expect(rss).toBeGreaterThan(0)
      expect(share).toBeGreaterThan(0)
      expect(Number(row.at(-1))).toBeCloseTo((buildRate ?? 0) / (remarkRate ?? 1), 2)
    }
  }, 120_000)

  test('the stage table adds up, and its ceiling is two threads of remark-parse over the named libraries alone', () => {
    const out = run('stages.ts', { STAGE_DOCS: '8', BENCH_PAGES: '2' })
    expect(out.status, out.stderr).toBe(0)
    const cells = new Map(tableRows(out.stdout).map(([name, ms]) => [name ?? '', Number(ms)]))
    const timedStages = [...cells].filter(([name]) => name.startsWith('stage')).map(([, ms]) => ms)
    expect(timedStages.length).toBe(pipelineStages.length)
    expect(timedStages.reduce((a, b) => a + b, 0)).toBeCloseTo(cells.get('all stages') ?? 0, 1)
    const named = (prefix: string) => [...cells].find(([name]) => name.startsWith(prefix))?.[1] ?? Number.NaN
    const libraries =
      named('remark-parse alone') +
      named('of which entities') +
      named('language: franc') +
      named('Intl.Segmenter alone')
    expect(named('the named libraries alone')).toBeCloseTo(libraries, 2)
    expect(named('best build / remark-parse')).toBeCloseTo((2 * named('remark-parse alone')) / libraries, 2)
    // The header search and the page-block classifier are timed under clean.
    expect(named('of which the header search')).toBeGreaterThanOrEqual(0)
    expect(named('of which the page-block classifier')).toBeGreaterThanOrEqual(0)
    // A saved page and the same article as text, through every stage, and the difference.
    expect(named("a page's cost over its text's")).toBeCloseTo(
      named('a saved page') - named('the same article as text'),
      2,
    )
  }, 120_000)

  test("the real-page table gives Readability alone, the pipeline without annotations and the whole pipeline, with their ratios and each stage's share", () => {
    const out = run('pages.ts', { BENCH_PAGES: '3' })
    expect(out.status, out.stderr).toBe(0)
    if (out.stdout.startsWith('(no saved pages')) return
    const rows = tableRows(out.stdout)
    const ms = new Map(rows.map(([name, value]) => [name ?? '', Number(value)]))
    const floor = ms.get('Readability over linkedom alone (parse + extract)') ?? Number.NaN
    // Each ratio is its time over Readability's, from the unrounded times (the printed ones are rounded to 0.1 ms).
    for (const [name, value, ratio] of rows)
      expect(Math.abs(Number(ratio) - Number(value) / floor), name).toBeLessThan(0.05 * Number(ratio) + 0.02)
    const stagesOfWhole = rows
      .filter(([name]) => name?.startsWith('the whole pipeline, stage'))
      .map(([, value]) => Number(value))
    expect(stagesOfWhole).toHaveLength(pipelineStages.length + 1)
    // The stages' rounded times add up to the whole, but for the rounding and the loop around them.
    const whole = ms.get('the whole pipeline') ?? 0
    expect(Math.abs(stagesOfWhole.reduce((a, b) => a + b, 0) - whole)).toBeLessThan(0.05 * whole + 0.5)
    expect(ms.has('the pipeline without annotations (--annotate none)')).toBe(true)
    // The libraries alone: one row each, and their sums without compromise and with it.
    const libraries = rows
      .filter(([name]) => name?.startsWith('library alone:'))
      .map(([name, value]) => [name ?? '', Number(value)] as const)
    expect(libraries.map(([name]) => name.split(':')[1]?.trim().split(/[ ,]/)[0])).toEqual([
      'parse5',
      "Readability's",
      'hast-util-to-mdast',
      'remark-parse',
      "franc-min's",
      'Intl.Segmenter',
      'compromise',
    ])
    // compromise tags only pages in English: a few pages may hold none.
    for (const [name, value] of libraries) expect(value, name).toBeGreaterThanOrEqual(0)
    expect(libraries.filter(([name, value]) => !name.includes('compromise') && value > 0)).toHaveLength(6)
    const sum = (names: readonly (readonly [string, number])[]) => names.reduce((n, [, v]) => n + v, 0)
    const bare = ms.get('the libraries alone, without annotations') ?? Number.NaN
    const withTagger = ms.get('the libraries alone, compromise included') ?? Number.NaN
    // The sums are of the unrounded times: within the rounding of the rows (0.05 ms each).
    expect(Math.abs(bare - sum(libraries.filter(([name]) => !name.includes('compromise'))))).toBeLessThan(0.35)
    expect(Math.abs(withTagger - sum(libraries))).toBeLessThan(0.4)
  }, 120_000)

  test("the search table times the date, byline and owner searches apart, and together within readMarkup's whole", () => {
    // The page fixtures as a small set of saved pages, so that the table is built without devdata.
    const dir = mkdtempSync(join(tmpdir(), 'search-'))
    const fixtures = join(root, 'test', 'fixtures', 'page')
    for (const name of readdirSync(fixtures)) cpSync(join(fixtures, name, 'input.html'), join(dir, `${name}.html`))
    const out = run('search.ts', { DEVDATA_WIDE: dir, BENCH_ROUNDS: '1' })
    expect(out.status, out.stderr).toBe(0)
    const ms = tableRows(out.stdout).map(([, value]) => Number(value))
    expect(ms).toHaveLength(5)
    const [dates, bylines, owner, together, whole] = ms as [number, number, number, number, number]
    expect(ms.every((v) => Number.isFinite(v) && v >= 0)).toBe(true)
    expect(together).toBeCloseTo(dates + bylines + owner, 1)
    expect(together).toBeLessThanOrEqual(whole + 0.01)
  }, 120_000)

  test('the time-limit table builds the same pages with and without the limit, on one thread and two, each row over the first of its thread count', () => {
    // The page fixtures as a small set of saved pages, so that the table is built without devdata.
    const dir = mkdtempSync(join(tmpdir(), 'timelimit-pages-'))
    const fixtures = join(root, 'test', 'fixtures', 'page')
    for (const name of readdirSync(fixtures).slice(0, 3))
      cpSync(join(fixtures, name, 'input.html'), join(dir, `${name}.html`))
    const out = run('timelimit.ts', { DEVDATA_WIDE: dir, BENCH_ROUNDS: '1' })
    expect(out.status, out.stderr).toBe(0)
    const rows = tableRows(out.stdout)
    expect(rows.map(([name]) => name)).toEqual([
      '--jobs 1, no time limit (--doc-timeout 0)',
      '--jobs 1, the default time limit (30 s)',
      '--jobs 2, no time limit (--doc-timeout 0)',
      '--jobs 2, the default time limit (30 s)',
    ])
    for (const [base, timed] of [
      [rows[0], rows[1]],
      [rows[2], rows[3]],
    ]) {
      expect(base?.[4]).toBe('1.000')
      const [seconds, baseSeconds, ratio] = [Number(timed?.[1]), Number(base?.[1]), Number(timed?.[4])]
      // The ratio is from the unrounded seconds, both printed to a tenth: it lies between the extremes they allow (and is printed to a thousandth).
      expect(ratio).toBeGreaterThanOrEqual((seconds - 0.05) / (baseSeconds + 0.05) - 0.0005)
      expect(ratio).toBeLessThanOrEqual((seconds + 0.05) / (baseSeconds - 0.05) + 0.0005)
      expect(Number(timed?.[3])).toBeGreaterThan(0)
    }
  }, 180_000)

  test('the pathological table has a row per file, both times, their ratio, and what became of the file', () => {
    const out = run('pathological.ts', { PATHO_SCALE: '0.01' })
    expect(out.status, out.stderr).toBe(0)
    const rows = tableRows(out.stdout)
    expect(rows).toHaveLength(7)
    for (const [, mb, stages, remark, ratio, outcome] of rows) {
      expect(Number.isFinite(Number(mb)) && Number.isFinite(Number(stages))).toBe(true)
      // Times print to the hundredth of a second, so the ratio (from the unrounded times) is only checked to be a number, or absent with remark-parse.
      expect(remark?.startsWith('–') === true ? ratio === '–' : Number.isFinite(Number(ratio))).toBe(true)
      expect(outcome).toMatch(/blocks$|left out \[[a-z-]+\]$/)
    }
    expect(rows.find((r) => r[0]?.includes('nested quotes'))?.[5]).toBe('left out [too-deep]')
  }, 120_000)
})
