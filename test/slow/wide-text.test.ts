import { describe, expect, test } from 'vitest'
import { buildWide, evaluateWide, hasWide, wideGold } from '../../eval/wide.ts'

// devdata/wide's pages saved as text (eval/as-text.ts), the kind of devdata/web/raw on 493 sites: the floors hold
// what the text reader reaches today, so that a change that loses ground on text fails.
describe.skipIf(!hasWide())('the web at large saved as text', () => {
  test('body F1 >= 0.84, dates >= 0.77 with at most 22 wrong, authors >= 0.63 with at most 8 pages of wrong authors', () => {
    const [all] = evaluateWide(undefined, buildWide(wideGold(), { text: true }))
    if (all === undefined) throw new Error('no wide rows')
    expect(all.body.f1).toBeGreaterThanOrEqual(0.84)
    expect(all.dates.right / all.dates.of).toBeGreaterThanOrEqual(0.77)
    expect(all.dates.wrong).toBeLessThanOrEqual(22)
    expect(all.authors.right / all.authors.of).toBeGreaterThanOrEqual(0.63)
    expect(all.authors.wrong).toBeLessThanOrEqual(8)
  }, 400_000)
})
