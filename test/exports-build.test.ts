import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tableFromIPC } from 'apache-arrow'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { build, merge } from '../pipeline/runner/build.ts'
import type { Provenance } from '../pipeline/release/provenance.ts'
import { writeReview } from '../pipeline/release/review/index.ts'
import type { NearCopy } from '../schemas/index.ts'
import { docxOf, paragraphsOf } from '../eval/docx.ts'
import { fixturesRoot } from './fixtures.ts'
import { buildInto, differences, rawDir, readTable, type BuildResult } from './helpers.ts'

const provenance: Provenance = { commit: '0000000000000000000000000000000000000000', released: '2026-01-01' }
const exports = join(fixturesRoot, 'export')
const work = mkdtempSync(join(tmpdir(), 'exports-'))
const raw = join(work, 'raw')
let out = ''
let result: BuildResult

const fixture = (name: string, file = 'input.txt') => readFileSync(join(exports, name, file))

beforeAll(async () => {
  mkdirSync(raw)
  // A folder as a researcher fills it: exports of four databases, one article as text, the same search downloaded twice, an RTF.
  writeFileSync(join(raw, 'nexis-2024-03.txt'), fixture('nexis-three-articles'))
  writeFileSync(
    join(raw, 'nexis-2024-04.txt'),
    fixture('nexis-three-articles')
      .toString('utf8')
      .replace('Search summary for: concert hall AND attack', 'Search summary for: concert hall attack'),
  )
  writeFileSync(join(raw, 'proquest.txt'), fixture('proquest-two-articles'))
  writeFileSync(join(raw, 'factiva.html'), fixture('factiva-two-articles', 'input.html'))
  const uni = fixture('nexis-uni-text').toString('utf8')
  writeFileSync(join(raw, 'nexis-uni.docx'), await docxOf(paragraphsOf(uni)))
  const text = readdirSync(rawDir).find((n) => n.endsWith('.txt')) as string
  writeFileSync(join(raw, text), readFileSync(join(rawDir, text)))
  writeFileSync(join(raw, 'factiva.rtf'), '{\\rtf1\\ansi Gunmen kill dozens}')
  ;({ out, result } = await buildInto(raw, 1, { provenance }))
}, 120_000)

describe('a build of a folder that mixes exports, pages, text and an RTF', () => {
  test('each article is a document with its id, and the one text keeps its own', () => {
    const ids = result.documents.map((d) => d.doc_id)
    expect(ids.filter((id) => id.startsWith('nexis-2024-03-0'))).toEqual([
      'nexis-2024-03-001',
      'nexis-2024-03-002',
      'nexis-2024-03-003',
    ])
    expect(ids.filter((id) => /^(?:proquest|factiva|nexis-uni)-/.test(id))).toEqual([
      'factiva-001',
      'factiva-002',
      'nexis-uni-001',
      'nexis-uni-002',
      'proquest-001',
      'proquest-002',
    ])
    expect(ids).toContain(
      readdirSync(rawDir)
        .find((n) => n.endsWith('.txt'))
        ?.replace(/\.txt$/, ''),
    )
    const uni = result.documents.find((d) => d.doc_id === 'nexis-uni-001')
    expect(
      uni && [
        uni.source_path,
        uni.title,
        uni.authors,
        uni.published,
        uni.outlet,
        uni.section,
        uni.page,
        uni.stated_length,
      ],
    ).toEqual([
      'raw/nexis-uni.docx',
      'Gunmen kill dozens at concert hall outside Moscow',
      ['Jane Roe', 'John Doe'],
      '2024-03-23',
      'The Daily Example',
      'NEWS',
      '4',
      95,
    ])
  })

  test('the same search downloaded twice keeps each article once, each copy named with its article', () => {
    const copies = result.messages.filter((m) => m.rule === 'duplicate-text')
    expect(copies.map((m) => m.reason)).toEqual([
      'raw/nexis-2024-04.txt (nexis-2024-04-001): Duplicate of raw/nexis-2024-03.txt (nexis-2024-03-001) (the same text under another name), kept once',
      'raw/nexis-2024-04.txt (nexis-2024-04-002): Duplicate of raw/nexis-2024-03.txt (nexis-2024-03-002) (the same text under another name), kept once',
      'raw/nexis-2024-04.txt (nexis-2024-04-003): Duplicate of raw/nexis-2024-03.txt (nexis-2024-03-003) (the same text under another name), kept once',
    ])
    expect(result.rejected.filter((r) => r.rule === 'duplicate-text').map((r) => r.source_path)).toEqual([
      'raw/nexis-2024-04.txt',
      'raw/nexis-2024-04.txt',
      'raw/nexis-2024-04.txt',
    ])
  })

  test('the same story in two databases, a few words apart, is a near-copy a researcher can filter on', () => {
    const rows = readTable<NearCopy>(out, 'near_copies')
    // The fixtures tell the same two stories in every database, each with its own small differences.
    expect(rows.map((r) => r.near_copy_id)).toEqual([
      'factiva-001~nexis-2024-03-001',
      'factiva-002~nexis-2024-03-002',
      'factiva-001~nexis-uni-001',
      'factiva-002~nexis-uni-002',
      'factiva-001~proquest-001',
      'factiva-002~proquest-002',
    ])
    const pair = rows.find((r) => r.near_copy_id === 'factiva-001~nexis-2024-03-001')
    expect(pair?.similarity).toBeGreaterThan(0.9)
    expect(pair?.similarity).toBeLessThan(1)
    // The real readers agree with the JSON Lines, row by row.
    const csv = parse(readFileSync(join(out, 'near_copies.csv')), { columns: true }) as Record<string, string>[]
    const arrow = tableFromIPC(readFileSync(join(out, 'near_copies.arrow')))
    expect(csv.map((r) => [r.near_copy_id, Number(r.shared_words), Number(r.similarity)])).toEqual(
      rows.map((r) => [r.near_copy_id, r.shared_words, r.similarity]),
    )
    expect(
      rows.map((_, i) => [
        arrow.getChild('doc_id_a')?.get(i),
        arrow.getChild('shared_words')?.get(i),
        arrow.getChild('similarity')?.get(i),
      ]),
    ).toEqual(rows.map((r) => [r.doc_id_a, r.shared_words, r.similarity]))
  })

  test('the RTF file is named with what to do instead, and nothing else is left out', () => {
    const rejects = result.rejected.filter((r) => r.rule !== 'duplicate-text')
    expect(rejects).toEqual([
      {
        source_path: 'raw/factiva.rtf',
        rule: 'read-not-text',
        line: null,
        reason: expect.stringMatching(
          /^An RTF file is not read .*export the search results again as DOCX/,
        ) as unknown as string,
      },
    ])
  })

  test('the new columns read back with the real readers: CSV and Arrow agree with the JSON Lines', () => {
    const csv = parse(readFileSync(join(out, 'documents.csv')), { columns: true }) as Record<string, string>[]
    const arrow = tableFromIPC(readFileSync(join(out, 'documents.arrow')))
    const factiva = result.documents.findIndex((d) => d.doc_id === 'factiva-001')
    expect(csv[factiva]?.database_id).toBe('DAIEX00020240323ek3n0001x')
    expect(arrow.getChild('database_id')?.get(factiva)).toBe('DAIEX00020240323ek3n0001x')
    expect(arrow.getChild('stated_length')?.get(factiva)).toBe(112)
    expect(arrow.getChild('title_source')?.get(factiva)).toBe('export')
    const text = result.documents.findIndex((d) => d.source_path.startsWith('raw/0'))
    expect([
      csv[text]?.section,
      arrow.getChild('section')?.get(text),
      arrow.getChild('stated_length')?.get(text),
    ]).toEqual(['', null, null])
  })

  test('every change of an article names lines of its own block of the file', () => {
    for (const d of result.documents.filter((doc) => doc.source_path === 'raw/nexis-2024-03.txt')) {
      const lines = result.changes.filter((c) => c.doc_id === d.doc_id).flatMap((c) => [c.line_start, c.line_end])
      const position = Number(d.doc_id.slice(-3))
      const [from, to] = [
        [1, 46],
        [47, 77],
        [78, 93],
      ][position - 1] as [number, number]
      expect(Math.min(...lines)).toBeGreaterThanOrEqual(from)
      expect(Math.max(...lines)).toBeLessThanOrEqual(to)
    }
  })

  test('two builds of the folder, and two shards merged, are byte for byte the same', async () => {
    const again = join(work, 'again')
    await build({ rawDir: raw, outDir: again, threads: 2, provenance, cacheDir: join(work, 'cache') })
    expect(differences(out, again)).toEqual([])
    const cached = join(work, 'cached')
    await build({ rawDir: raw, outDir: cached, threads: 1, provenance, cacheDir: join(work, 'cache') })
    expect(differences(out, cached)).toEqual([])
    const parts = [1, 2].map((index) => join(work, `part-${index}`))
    for (const [i, part] of parts.entries())
      await build({ rawDir: raw, outDir: part, threads: 1, provenance, shard: { index: i + 1, count: 2 } })
    await merge({ parts, outDir: join(work, 'merged'), provenance })
    expect(differences(out, join(work, 'merged'))).toEqual([])
  }, 120_000)

  test('the review site shows an exported article with its fields and only its own lines', async () => {
    const site = join(work, 'review')
    await writeReview(out, raw, site)
    const page = readFileSync(join(site, 'articles', 'nexis-2024-03-002.html'), 'utf8')
    expect(page).toContain('<dt>Section</dt><dd>WORLD</dd>')
    expect(page).toContain('<dt>Stated length</dt><dd>75 words (counted: 74)</dd>')
    expect(page).toMatch(/<li id="L48" value="48"/)
    expect(page).not.toMatch(/<li id="L47" value="47"|<li id="L1" value="1"/)
    const docx = readFileSync(join(site, 'articles', 'nexis-uni-002.html'), 'utf8')
    expect(docx).toContain('Shoppers laid flowers outside the concert hall')
  })
})

describe('near-copies', () => {
  test('an article run again with a few words changed is listed with its similarity; different articles are not', async () => {
    const dir = join(work, 'near')
    mkdirSync(dir)
    const nexis = fixture('nexis-three-articles').toString('utf8')
    cpSync(join(raw, 'nexis-2024-03.txt'), join(dir, 'a.txt'))
    // The evening edition: the same story with a word changed in two of its paragraphs.
    writeFileSync(
      join(dir, 'b.txt'),
      nexis.replace('four men in', 'five men in').replace('had risen overnight', 'rose overnight'),
    )
    const { out: near } = await buildInto(dir, 1, { provenance })
    const rows = readTable<NearCopy>(near, 'near_copies')
    const first = rows.find((r) => r.near_copy_id === 'a-001~b-001')
    expect(first?.similarity).toBeGreaterThan(0.8)
    expect(first?.similarity).toBeLessThan(1)
    expect(rows.map((r) => r.near_copy_id)).toEqual(['a-001~b-001'])
  }, 60_000)
})
