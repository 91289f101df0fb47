import { newContext } from '../pipeline/runner/context.ts'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { processDoc } from '../pipeline/index.ts'
import { learnProfile } from '../pipeline/runner/build.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
import type { BuildResult } from './helpers.ts'
import type { Doc } from '../pipeline/types.ts'
import { buildInto, rawDir } from './helpers.ts'

let result: BuildResult
let docs: Doc[]
const byId = (prefix: string) => result.documents.find((d) => d.doc_id.startsWith(prefix))
const paragraphsOf = (prefix: string) => result.paragraphs.filter((p) => p.doc_id.startsWith(prefix))

beforeAll(async () => {
  result = (await buildInto(rawDir)).result
  docs = readdirSync(rawDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => decodeDoc(readFileSync(join(rawDir, f)), `raw/${f}`))
  const corpus = learnProfile(docs)
  docs = docs.map((d) => processDoc(d, newContext({ corpus })))
})

describe('the five articles', () => {
  test('all build with no message', () => {
    expect(result.documents).toHaveLength(5)
    expect(result.rejected).toEqual([])
    expect(result.messages).toEqual([])
  })

  test('titles, including a # heading and a no-break space in the raw title', () => {
    expect(result.documents.map((d) => d.title)).toEqual([
      'Terrorist attack in Moscow: The Ukrainian trail',
      'Instant denials of Ukrainian intelligence involvement in Russian terror attack are not credible',
      'At least 60 dead, 145 wounded, in Moscow terrorist attack',
      'Moscow steps up attacks on Ukraine after IS terror attack',
      'Who Attacked The Moscow Concert?',
    ])
  })

  test('bylines and dates in four shapes give names only and ISO dates', () => {
    expect(result.documents.map((d) => [d.authors, d.published])).toEqual([
      [['Peter Schwarz'], '2024-03-26'],
      [['Clara Weiss'], '2024-03-25'],
      [['Clara Weiss'], '2024-03-23'],
      [['Roy Landersen'], '2024-04-08'],
      [['Arvind Salem'], '2024-04-01'],
    ])
  })

  test('outlets come from footers and appeals; 003 names none and stays null', () => {
    expect(result.documents.map((d) => d.outlet)).toEqual([
      'World Socialist Web Site',
      'World Socialist Web Site',
      'World Socialist Web Site',
      null,
      'U.S. Resist News',
    ])
  })

  test('no footer, credit, rule, resource list or appeal is left in any paragraph', () => {
    const furniture =
      /To contact the WSW|Socialist Equality Party visit|wsws\.org\/contact|Featured Photo|_{3,}|Engagement Resources|UNHCR|Save the Children|Stay informed|subscribing|Weekly Newsletter/
    for (const p of result.paragraphs) expect(p.text).not.toMatch(furniture)
  })

  test('each piece of furniture is removed by the rule meant for it', () => {
    const removals = docs.map((d) =>
      d.changes.filter((c) => c.action === 'remove').map((c) => `${c.line_start}-${c.line_end}:${c.rule}`),
    )
    expect(removals).toEqual([
      ['64-64:wsws-footer', '66-66:link-only'],
      ['66-67:wsws-footer', '69-69:link-only'],
      ['56-57:wsws-footer', '59-59:link-only'],
      [],
      ['3-3:photo-credit', '4-4:separator-line', '12-14:resource-section', '15-15:support-appeal'],
    ])
  })

  test('rejoins the eight sentences cut by a blank line, and joins nothing else', () => {
    const cuts: [string, string, string][] = [
      ['000', 'continuing their fight', 'against Russia'],
      ['000', 'opposition to the Putin', 'regime within'],
      ['000', 'Economics Minister Robert', 'Habeck (Greens)'],
      ['001', 'the US embassy in', 'Moscow of'],
      ['001', 'around the late', 'Alexei Navalny.'],
      ['002', 'tensions between NATO', 'and Russia'],
      ['002', 'in view of', '“imminent” plans'],
      ['002', 'The country is', 'home to about'],
    ]
    for (const [doc, tail, head] of cuts)
      expect(paragraphsOf(doc).filter((p) => p.text.includes(`${tail} ${head}`))).toHaveLength(1)
    expect(docs.flatMap((d) => d.changes.filter((c) => c.action === 'join'))).toHaveLength(8)
    for (const p of result.paragraphs.filter((p) => p.kind === 'paragraph')) {
      expect(p.text).toMatch(/^[\p{Lu}“"]/u)
      expect(p.text).toMatch(/[.?!:;]["”’)]?$/u)
    }
  })

  test('section headings inside the body are headings, and the rows after them know their section', () => {
    expect(result.paragraphs.filter((p) => p.kind === 'heading').map((p) => [p.doc_id.slice(0, 3), p.text])).toEqual([
      ['003', 'Putin’s cozy relations with Hamas'],
      ['004', 'Policy Analysis:'],
    ])
    expect(paragraphsOf('003').at(-1)?.section).toBe('Putin’s cozy relations with Hamas')
    expect(paragraphsOf('004')[0]?.section).toBeNull()
  })

  test('004 puts one paragraph per line: six paragraphs and one heading', () => {
    expect(paragraphsOf('004').map((p) => p.kind)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'paragraph',
    ])
    expect(byId('004')).toMatchObject({ n_paragraphs: 6, layout: 'line-per-paragraph' })
    expect(paragraphsOf('004').map((p) => p.line_start)).toEqual([5, 6, 7, 8, 9, 10, 11])
  })

  test('inline Markdown is resolved and the emphasis kept as an annotation', () => {
    const p = result.paragraphs.find((x) => x.text.includes('the New York Times and the Washington Post'))
    expect(p?.text).not.toContain('*')
    expect(p?.emphasis.map((e) => e.text)).toEqual(['New York Times', 'Washington Post'])
  })

  test('line ranges point back at the raw lines each paragraph came from', () => {
    for (const doc of docs) {
      const rawLines = doc.raw.split('\n')
      for (const p of result.paragraphs.filter((x) => x.doc_id === doc.doc_id)) {
        const first = (rawLines[p.line_start - 1] ?? '').replace(/[*#\s\u00a0]/g, '')
        expect(first.length).toBeGreaterThan(0)
        expect(p.text.replace(/\s/g, '')).toContain(first.replace(/\[|\]\([^)]*\)/g, '').slice(0, 20))
      }
    }
  })
})
