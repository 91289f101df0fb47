import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tableFromIPC } from 'apache-arrow'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, test } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { citationFile, citationText } from '../pipeline/release/citation.ts'
import { croissant } from '../pipeline/release/croissant.ts'
import { dataPackage } from '../pipeline/release/datapackage.ts'
import { readDatasetInfo } from '../pipeline/release/dataset.ts'
import { jsonSchemas } from '../pipeline/release/jsonschema.ts'
import type { Manifest } from '../pipeline/release/manifest.ts'
import { verifyRelease } from '../pipeline/release/verify.ts'
import { tables } from '../schemas/index.ts'
import { columnsOf } from '../pipeline/write/columns.ts'
import { distDir, rawDir } from './helpers.ts'

// The standards' published schemas, kept in the repository so that a clone tests on its own.
const standards = new URL('./standards/', import.meta.url).pathname
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
const info = readDatasetInfo()
const manifest = json(join(distDir, 'manifest.json')) as unknown as Manifest

function validator(schemaFile: string) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
  return ajv.compile(json(schemaFile))
}

describe('one version everywhere', () => {
  test('the manifest, the card, the citation, the Data Package, Croissant and every Arrow file carry the dataset version', () => {
    expect(manifest.version).toBe(info.version)
    expect(json(join(distDir, 'datapackage.json')).version).toBe(info.version)
    expect(json(join(distDir, 'croissant.json')).version).toBe(info.version)
    expect(readFileSync(join(distDir, 'README.md'), 'utf8')).toContain(
      `Version ${info.version}, released ${manifest.released}`,
    )
    for (const spec of Object.values(tables)) {
      expect(
        tableFromIPC(readFileSync(join(distDir, `${spec.name}.arrow`))).schema.metadata.get('version'),
        spec.name,
      ).toBe(info.version)
    }
  })

  test('CITATION.cff at the top is the release one, valid CFF 1.2.0, with the dataset version', () => {
    const top = readFileSync(new URL('../CITATION.cff', import.meta.url), 'utf8')
    expect(top).toBe(readFileSync(join(distDir, 'CITATION.cff'), 'utf8'))
    const cff = parseYaml(top) as Record<string, unknown>
    const validate = validator(join(standards, 'cff-1.2.0/schema.json'))
    expect(validate(cff), JSON.stringify(validate.errors)).toBe(true)
    expect(cff).toMatchObject({ type: 'dataset', version: info.version, 'date-released': manifest.released })
  })
})

describe('release metadata', () => {
  test('the repository address is given only when dataset.json has one, never invented', () => {
    const addressed = { ...info, repository: 'https://git.example.net/team/press' }
    const bare = { ...info, repository: undefined }
    const files = new Map()
    const of = (i: typeof info) => ({
      cff: parseYaml(citationFile(i, '2024-01-01')) as Record<string, unknown>,
      croissant: JSON.parse(croissant(i, '2024-01-01', files, citationText(i, '2024-01-01'))) as Record<
        string,
        unknown
      >,
      dataPackage: JSON.parse(dataPackage(i, '2024-01-01', files)) as Record<string, unknown>,
      schema: JSON.parse([...jsonSchemas(i).values()][0] ?? '{}') as Record<string, unknown>,
    })
    const withAddress = of(addressed)
    expect([withAddress.cff['repository-code'], withAddress.croissant.url, withAddress.dataPackage.homepage]).toEqual(
      Array(3).fill(addressed.repository),
    )
    expect(String(withAddress.schema.$id)).toMatch(/^https:\/\/git\.example\.net\/team\/press\/schemas\//)
    const without = of(bare)
    expect([
      without.cff['repository-code'],
      without.croissant.url,
      without.dataPackage.homepage,
      without.schema.$id,
    ]).toEqual([undefined, undefined, undefined, undefined])
    expect(citationText(bare, '2024-01-01')).toMatch(/\[Data set\]\.$/)
    // The committed release follows dataset.json: no address in it unless the file gives one.
    const released = parseYaml(readFileSync(join(distDir, 'CITATION.cff'), 'utf8')) as Record<string, unknown>
    expect(released['repository-code']).toBe(info.repository)
  })

  test('datapackage.json is a valid Frictionless Data Package 2.0 with keys, foreign keys and hashes', () => {
    const dp = json(join(distDir, 'datapackage.json'))
    const validate = validator(join(standards, 'datapackage-2.0/datapackage.json'))
    expect(validate(dp), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    const resources = dp.resources as {
      name: string
      path: string
      hash: string
      schema?: {
        primaryKey: string[]
        foreignKeys?: { fields: string[]; reference: { resource: string } }[]
        fields: { name: string }[]
      }
    }[]
    const paragraphs = resources.find((r) => r.name === 'paragraphs')
    expect(paragraphs?.schema?.primaryKey).toEqual(['paragraph_id'])
    expect(paragraphs?.schema?.foreignKeys).toEqual([
      { fields: ['doc_id'], reference: { resource: 'documents', fields: ['doc_id'] } },
    ])
    for (const r of resources) expect(r.hash).toBe(`sha256:${manifest.files.find((f) => f.path === r.path)?.sha256}`)
    for (const spec of Object.values(tables))
      expect(resources.find((r) => r.name === spec.name)?.schema?.fields.map((f) => f.name)).toEqual(
        columnsOf(spec).map((c) => c.name),
      )
  })

  test('croissant.json lists every data file with its sha256 and a record set per table with every field', () => {
    const cr = json(join(distDir, 'croissant.json'))
    expect(cr.conformsTo).toBe('http://mlcommons.org/croissant/1.0')
    const files = cr.distribution as { contentUrl: string; sha256: string }[]
    for (const f of manifest.files.filter((m) => /\.(csv|jsonl|arrow)$/.test(m.path)))
      expect(files.find((d) => d.contentUrl === f.path)?.sha256).toBe(f.sha256)
    const sets = cr.recordSet as { name: string; field: { name: string }[] }[]
    for (const spec of Object.values(tables))
      expect(sets.find((s) => s.name === spec.name)?.field.map((f) => f.name)).toEqual(
        columnsOf(spec).map((c) => c.name),
      )
  })

  test('a JSON Schema per record type accepts the released rows', () => {
    for (const spec of Object.values(tables)) {
      const ajv = new Ajv2020({ strict: false, validateFormats: false })
      const validate = ajv.compile(json(join(distDir, 'schemas', `${spec.name}.json`)))
      const rows = readFileSync(join(distDir, `${spec.name}.jsonl`), 'utf8')
        .trimEnd()
        .split('\n')
        .filter((l) => l !== '')
      for (const row of rows.slice(0, 50))
        expect(validate(JSON.parse(row)), `${spec.name}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
  })

  test('the card has Hugging Face front matter with a config per table and the datasheet sections', () => {
    const card = readFileSync(join(distDir, 'README.md'), 'utf8')
    const front = parseYaml(card.split('---\n')[1] ?? '') as {
      configs: { config_name: string; data_files: { path: string }[] }[]
      license: string
      language: string[]
    }
    // A table without rows (the five articles hold no near-copies) is no config: datasets cannot load an empty split.
    const manifest = JSON.parse(readFileSync(join(distDir, 'manifest.json'), 'utf8')) as {
      files: { path: string; rows: number | null }[]
    }
    const names = new Set<string>(Object.values(tables).map((s) => s.name))
    const empty = new Set(
      manifest.files
        .filter((f) => f.path.endsWith('.jsonl') && f.rows === 0)
        .map((f) => f.path.replace(/\.jsonl$/, ''))
        .filter((name) => names.has(name)),
    )
    expect([...empty]).toEqual(['near_copies'])
    expect(front.configs.map((c) => c.config_name)).toEqual(
      Object.values(tables)
        .map((s) => s.name)
        .filter((name) => !empty.has(name)),
    )
    expect(card).toContain('`near_copies` has no rows in this release')
    expect(front.language).toEqual(['en'])
    for (const section of [
      'Motivation',
      'Composition',
      'Collection process',
      'Preprocessing',
      'Uses',
      'Distribution',
      'Maintenance',
      'Data dictionary',
      'How to load',
      'How to cite',
    ])
      expect(card).toContain(`## ${section}`)
    expect(card).toContain('remain the copyright of their publishers')
    expect(card).toMatch(/\| World Socialist Web Site \| 3 \|/)
  })
})

describe('make verify', () => {
  test('passes on the committed release and names every file that differs', async () => {
    expect(await verifyRelease(distDir, rawDir)).toEqual([])
    const copy = join(mkdtempSync(join(tmpdir(), 'verify-')), 'dist')
    cpSync(distDir, copy, { recursive: true })
    writeFileSync(
      join(copy, 'documents.jsonl'),
      readFileSync(join(copy, 'documents.jsonl'), 'utf8').split('\n').slice(1).join('\n'),
    )
    writeFileSync(join(copy, 'stray.txt'), 'not part of the release')
    const problems = await verifyRelease(copy, rawDir)
    expect(problems).toContain('dist/stray.txt: not in the manifest')
    expect(problems.filter((p) => p.startsWith('dist/documents.jsonl'))).toHaveLength(3)
  })
})
