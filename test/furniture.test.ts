import { describe, expect, test } from 'vitest'
import { newContext } from '../pipeline/runner/context.ts'
import { articleRun, classify, pageBlocks, planFurniture } from '../pipeline/stages/furniture.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
import { auditConservation, changeRows } from '../pipeline/stages/audit.ts'
import { explainChanges } from '../pipeline/explain.ts'
import { prose } from './fixtures.ts'

const run = (text: string) => processDoc(decodeDoc(new TextEncoder().encode(text), 'raw/page.txt'), newContext())

describe('page blocks', () => {
  test('classes a menu as furniture by its rule, long prose as article, and a subheading between prose as article by context', () => {
    const lines = ['  * World', '  * Sport', '  * Business', '', prose(2), '', '## The vote', '', prose(2)]
    const blocks = classify(pageBlocks(lines))
    expect(blocks.map((b) => b.rule)).toEqual([
      'furniture-menu-item',
      'furniture-menu-item',
      'furniture-menu-item',
      'article-prose',
      'context',
      'article-prose',
    ])
  })

  test('a sentence a link covers is prose; a list of links ends no sentence and stays furniture', () => {
    const linked =
      'Krzysztoszek replaced [Zdzislaw Wiese, who for the past eight months combined these tasks with his work in the marketing department.](https://example.org/people/wiese)'
    const links =
      '[Home](/) [World](/world) [Business](/business) [Sport](/sport) [Culture](/culture) [Travel](/travel) [Weather](/weather) [Contact](/contact)'
    const blocks = classify(pageBlocks([linked, '', links]))
    expect(blocks.map((b) => [b.signals.terminal, b.class])).toEqual([
      [true, 'article'],
      [false, 'furniture'],
    ])
  })

  test('the article run stops at the comments, however long they are', () => {
    const lines = [prose(3), '', '## 12 Comments', '', prose(20)]
    const blocks = classify(pageBlocks(lines))
    expect(articleRun(blocks)).toEqual({ from: 0, to: 0 })
  })

  test.each([
    ['## Das könnte Sie auch interessieren', 'furniture-section'],
    ['## Meistgelesene Artikel', 'furniture-section'],
    ['### À lire aussi', 'furniture-section'],
    ['## Noticias relacionadas', 'furniture-section'],
    ['## 12 Kommentare', 'furniture-comments'],
    ['### Laisser un commentaire', 'furniture-comments'],
    ['## Weiterführende Links', 'furniture-section'],
    ['Vorschau auf den nächsten Artikel', 'furniture-section'],
    ['Keine Kommentare', 'furniture-comments'],
    ['Comments are closed', 'furniture-comments'],
  ])("a section of other stories or of comments in the page's language ends the run: %s", (label, rule) => {
    const blocks = classify(pageBlocks([prose(3), '', label, '', prose(1)]))
    expect(blocks.map((b) => b.rule)).toEqual(['article-prose', rule, 'article-prose'])
    expect(articleRun(blocks)).toEqual({ from: 0, to: 0 })
  })

  test('a subheading that only starts like a section label stays when article text follows it', () => {
    const blocks = classify(pageBlocks([prose(3), '', '## Mehr zum Thema Energie', '', prose(3)]))
    expect(articleRun(blocks)).toEqual({ from: 0, to: 2 })
  })

  test('a page with furniture but no article run keeps every block and says so', () => {
    const doc = run('# Site map\n\n  * Home\n  * World\n  * Sport\n\n  * About\n  * Jobs\n')
    expect(doc.blocks.length).toBeGreaterThan(0)
    expect(doc.messages.map((m) => m.rule)).toContain('furniture-no-article')
    expect(planFurniture(['  * Home', '  * World', '  * Sport']).found).toBe(false)
  })

  test('a plain article without furniture loses nothing to the classifier', () => {
    const doc = run(
      `Title of the article\n\nBy Jane Doe\nMarch 3, 2024\n\nEspecially in the 1990s,\n\n${prose(2)}\n\nShort closing line.\n`,
    )
    expect(doc.changes.filter((c) => c.rule.startsWith('furniture'))).toEqual([])
    expect(auditConservation(doc)).toEqual([])
  })

  test('every word of a saved page is in the body, the header or a change row', () => {
    const page = `  * Home\n  * World\n  * Sport\n\n# A title that the page gives\n\nBy Jane Doe | Nov 18, 2019\n\n  * Share this on Facebook\n\n${prose(3)}\n\n### Related articles\n\n  * One story\n  * Two stories\n  * Red stories\n\n${prose(2)}\n\n© 2019 The Paper\n`
    const doc = run(page)
    expect(doc.document?.authors).toEqual(['Jane Doe'])
    expect(doc.document?.published).toBe('2019-11-18')
    expect(doc.document?.text).not.toMatch(/Home|Share this|One story|©/)
    expect(doc.document?.text.split('\n\n')).toHaveLength(2)
    expect(auditConservation(doc)).toEqual([])
    // Each classifier removal carries the signals it was decided on, and explain shows them.
    const menu = changeRows(doc).find((r) => r.rule === 'furniture-menu-item')
    expect(menu?.evidence).toBe('words=1 links=0.00 end=no list=4 heading=no cue=no')
    expect(
      changeRows(doc)
        .filter((r) => !r.rule.startsWith('furniture'))
        .every((r) => r.evidence === null),
    ).toBe(true)
    expect(explainChanges(doc)).toMatch(
      /furniture-menu-item +\* World {2}\[words=1 links=0\.00 end=no list=4 heading=no cue=no\]/,
    )
  })
})
