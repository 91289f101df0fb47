import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { newContext } from '../pipeline/runner/context.ts'
import { processDoc } from '../pipeline/index.ts'
import { readCatalog } from '../pipeline/stages/read.ts'
import type { CatalogRow } from '../schemas/index.ts'
import { fixtureDoc } from './fixtures.ts'

const body = '\n\nThe council met on Tuesday to discuss the flood defences for the coming winter.\n'
const run = (header: string, options: Parameters<typeof newContext>[0] = {}) =>
  processDoc(fixtureDoc(header + body, 'a.txt'), newContext(options))

describe('header metadata', () => {
  test('a short kicker above the title is kept apart from the title', () => {
    const doc = run('WAR IN UKRAINE\nMoscow steps up attacks on Ukraine\nBy Roy Landersen\nApril 8, 2024')
    expect(doc.document).toMatchObject({
      kicker: 'WAR IN UKRAINE',
      title: 'Moscow steps up attacks on Ukraine',
      authors: ['Roy Landersen'],
    })
  })

  test('an ambiguous numeric date is null with a warning naming the line', () => {
    const doc = run('Title\n\nBy Jane Doe\n08/04/2024')
    expect(doc.document?.published).toBeNull()
    expect(doc.messages).toMatchObject([{ line: 4, rule: 'header-date', severity: 'warning' }])
    expect(run('Title\n\nBy Jane Doe\n25/03/2024').document?.published).toBe('2024-03-25')
  })

  test('a date after the build date is null with a warning, never a guess', () => {
    const doc = run('Title\n\nBy Jane Doe\nMarch 3, 2094', { today: '2026-01-01' })
    expect(doc.document).toMatchObject({ published: null, published_source: 'none' })
    expect(doc.messages[0]?.reason).toMatch(/after 2026-01-01/)
  })

  test('a header with no byline gives no author, never words of the title', () => {
    const doc = run('Jane Doe Wins The Prize\n\nMarch 3, 2024')
    expect(doc.document).toMatchObject({
      authors: [],
      authors_source: 'none',
      published: '2024-03-03',
      published_source: 'header',
    })
  })

  test('each field says where its value came from', () => {
    expect(run('Title\n\nBy Jane Doe\nMarch 3, 2024').document).toMatchObject({
      title_source: 'header',
      authors_source: 'header',
      published_source: 'header',
      outlet: null,
      outlet_source: 'none',
      language_source: 'detected',
    })
  })
})

describe('catalogue', () => {
  const row = (r: Partial<CatalogRow>): CatalogRow => ({
    file: 'a.txt',
    outlet: null,
    url: null,
    author: null,
    published: null,
    language: null,
    licence: null,
    ...r,
  })

  test('catalogue values win over parsed ones, and a disagreement is reported', () => {
    const catalog = new Map([
      [
        'a.txt',
        row({
          author: 'Jane Q. Doe; John Roe',
          published: '2024-03-04',
          outlet: 'The Valley Gazette',
          url: 'https://example.org/a',
          licence: 'All rights reserved',
        }),
      ],
    ])
    const doc = run('Title\n\nBy Jane Doe\nMarch 3, 2024', { catalog })
    expect(doc.document).toMatchObject({
      authors: ['Jane Q. Doe', 'John Roe'],
      authors_source: 'catalog',
      published: '2024-03-04',
      published_source: 'catalog',
      outlet: 'The Valley Gazette',
      outlet_source: 'catalog',
      url: 'https://example.org/a',
      licence: 'All rights reserved',
    })
    expect(doc.messages.map((m) => m.reason)).toEqual([
      'The catalogue gives authors ["Jane Q. Doe","John Roe"], the text ["Jane Doe"]; using the catalogue',
      'The catalogue gives published "2024-03-04", the text "2024-03-03"; using the catalogue',
    ])
  })

  test('reads raw/catalog.csv and reports rows it cannot use with their line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-'))
    await writeFile(
      join(dir, 'catalog.csv'),
      'file,outlet,published\na.txt,The Valley Gazette,2024-03-04\nmissing.txt,X,\nb.txt,,not a date\n../escape.txt,,\n',
    )
    const { catalog, messages } = await readCatalog(dir, ['a.txt', 'b.txt'])
    expect([...catalog.keys()]).toEqual(['a.txt'])
    expect(catalog.get('a.txt')).toMatchObject({ outlet: 'The Valley Gazette', published: '2024-03-04', url: null })
    expect(messages.map((m) => `${m.file}:${m.line}`)).toEqual([
      'raw/catalog.csv:3',
      'raw/catalog.csv:4',
      'raw/catalog.csv:5',
    ])
    expect(messages[0]?.reason).toMatch(/names raw\/missing\.txt, which is not an input/)
  })
})
