import fc from 'fast-check'
import { franc } from 'franc-min'
import { data } from 'franc-min/data.js'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { devdataDir } from '../eval/devdata.ts'
import { hasWide, wideGold } from '../eval/wide.ts'
import { francLanguage } from '../pipeline/stages/language.ts'
import { detectLanguage } from '../pipeline/stages/text.ts'

/** Every text of a folder, recursively: the files a build or a test reads. */
function textsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(txt|md|html|jsonl)$/.test(e.name))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
}

/** Slices of a text at lengths around franc's limits (10 and 2,048 characters), every 1,500 characters from its start, at most `places` of them. */
function samplesOf(text: string, places = Number.POSITIVE_INFINITY): string[] {
  const samples: string[] = []
  for (let at = 0; at < text.length && at < places * 1500; at += 1500)
    for (const length of [9, 10, 11, 40, 300, 2047, 2048, 2100]) samples.push(text.slice(at, at + length))
  return samples
}

/** The samples where the one-pass scoring and franc-min disagree, as `franc → ours: text` lines. */
function disagreements(samples: readonly string[]): string[] {
  return samples.flatMap((s) => {
    const [theirs, ours] = [franc(s), francLanguage(s)]
    return theirs === ours ? [] : [`${theirs} → ${ours}: ${JSON.stringify(s.slice(0, 60))}`]
  })
}

// The trigrams of franc's own models, each with a space: text that sits near several languages at once, where a tie or a near tie decides.
const modelTrigrams = Object.values(data).flatMap((models) =>
  Object.values(models).flatMap((model) => model.split('|').slice(0, 60)),
)

describe('the language guess', () => {
  test("is franc-min's on random text built from its models' trigrams, every script mixed, and on arbitrary text", () => {
    const piece = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...modelTrigrams) },
      { weight: 1, arbitrary: fc.constantFrom(' ', '\n', '. ', ', ', '123 ', '“', '-', '\u00a0', 'É', 'ß') },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
    )
    fc.assert(
      // Short texts, where ties between languages are common, and texts up to past the 2,048 characters franc reads.
      fc.property(
        fc.oneof(fc.array(piece, { maxLength: 10 }), fc.array(piece, { maxLength: 900, size: 'max' })),
        (pieces) => {
          const text = pieces.join('')
          expect(francLanguage(text), text).toBe(franc(text))
        },
      ),
      { numRuns: 600, endOnFailure: true },
    )
  })

  test("is franc-min's on every text of the repository's articles and fixtures, whole and in slices", () => {
    const samples = [...textsUnder('raw'), ...textsUnder('test/fixtures')].flatMap(samplesOf)
    expect(samples.length).toBeGreaterThan(500)
    // Several languages and `und` among them, so the test covers more than one answer.
    expect(new Set(samples.map((s) => franc(s))).size).toBeGreaterThan(3)
    expect(disagreements(samples)).toEqual([])
  })

  test.skipIf(!hasWide())("is franc-min's on the pages of devdata/wide, in all their languages", () => {
    const samples = wideGold().flatMap((g) => {
      const html = readFileSync(join(devdataDir, 'wide', 'html', `${g.doc_id}.html`), 'utf8')
      // The page's text without its tags: enough for the scoring, in the page's own scripts.
      const text = html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ')
      // Where the article usually is, past the head's scripts and menus: from the middle on.
      return samplesOf(text.slice(Math.floor(text.length / 2)), 1)
    })
    expect(new Set(samples.map((s) => franc(s))).size).toBeGreaterThan(20)
    expect(disagreements(samples)).toEqual([])
  })

  test('gives ISO 639-1 codes, and und for text too short to tell or of no script franc knows', () => {
    expect(detectLanguage('Die Polizei nahm am Samstag vier Verdächtige fest, teilte das Ministerium mit.')).toBe('de')
    expect(detectLanguage('Полиция задержала четырёх подозреваемых, сообщили в министерстве.')).toBe('ru')
    expect(detectLanguage('short')).toBe('und')
    expect(detectLanguage('1234567890 — 2024-03-22')).toBe('und')
  })
})
