import { describe, expect, test } from 'vitest'
import { clean } from '../pipeline/stages/clean.ts'
import { parseDate } from '../pipeline/stages/dates.ts'
import { parseNames } from '../pipeline/stages/names.ts'
import { ctx, fixtureDoc, fixtureSuite } from './fixtures.ts'

describe('clean fixtures', () => {
  fixtureSuite('clean', 'json', (input) => {
    const doc = clean(fixtureDoc(input), ctx)
    return {
      header: doc.header,
      removed: doc.changes
        .filter((c) => c.action === 'remove')
        .map(({ rule, line_start, line_end }) => ({ rule, line_start, line_end })),
      header_lines: doc.changes
        .filter((c) => c.action === 'header')
        .map(({ rule, line_start }) => ({ rule, line_start })),
      body: doc.lines.filter((line) => line !== ''),
    }
  })
})

describe('clean', () => {
  test('removes a footer cut by a hard break with the outlet rule and names the outlet', () => {
    const doc = clean(
      fixtureDoc(
        'Title\n\nBy A B\nMay 1, 2024\n\nBody text.\n\nTo contact the WSWS and the  \nSocialist Equality Party visit:\n',
      ),
      ctx,
    )
    expect(doc.changes.filter((c) => c.action === 'remove')).toMatchObject([
      { rule: 'wsws-footer', line_start: 8, line_end: 9 },
    ])
    expect(doc.header.outlet).toBe('World Socialist Web Site')
  })

  test('a wrapped paragraph printed twice, or opened twice alike, keeps its first line; a page header above other text each time goes', () => {
    const quoted =
      '  In a March 23 statement, the Confederation of Free Trade Unions of\nUkraine denounced this missile terrorism, which was causing casualties.'
    const twice = clean(fixtureDoc(`Title\n\nBy A B\nMay 1, 2024\n\n${quoted}\n\nThe war went on.\n\n${quoted}\n`), ctx)
    expect(twice.changes.filter((c) => c.action === 'remove')).toEqual([])
    // The same opening with another sentence after it: a line that stops on "of" is the head of a paragraph.
    const reworded = quoted.replace('denounced this', 'condemned the')
    const opened = clean(
      fixtureDoc(`Title\n\nBy A B\nMay 1, 2024\n\n${quoted}\n\nThe war went on.\n\n${reworded}\n`),
      ctx,
    )
    expect(opened.changes.filter((c) => c.action === 'remove')).toEqual([])
    const paged = clean(
      fixtureDoc(
        'Title\n\nBy A B\nMay 1, 2024\n\nThe Daily Chronicle, 23 March\nThe first page ends here.\n\nThe Daily Chronicle, 24 March\nThe second page ends here.\n',
      ),
      ctx,
    )
    expect(paged.changes.filter((c) => c.action === 'remove')).toMatchObject([
      { rule: 'running-header', line_start: 6 },
      { rule: 'running-header', line_start: 9 },
    ])
  })

  test('does not take the outlet from a mention in the body', () => {
    const doc = clean(
      fixtureDoc('Title\n\nBy A B\nMay 1, 2024\n\nAs the World Socialist Web Site (wsws.org) noted, it was so.\n'),
      ctx,
    )
    expect(doc.header.outlet).toBeNull()
  })

  test('records each normalisation with its rule and keeps one line per raw line', () => {
    const doc = clean(fixtureDoc('Title\u00a0here\n\nBy A B\nMay 1, 2024\n\nText\u200b with\tspace.  \nMore.\n'), ctx)
    expect(doc.lines).toHaveLength(8)
    expect(doc.lines[5]).toBe('Text with space.')
    expect(doc.changes.filter((c) => c.action === 'normalise').map((c) => `${c.line_start}:${c.rule}`)).toEqual([
      '1:no-break-space',
      '6:invisible-character',
      '6:tab-or-form-feed',
      '6:markdown-hard-break',
    ])
  })

  test('keeps text in Unicode NFC: a decomposed letter and a composition-excluded one read as their canonical form', () => {
    const doc = clean(
      fixtureDoc('Title\n\nBy A B\nMay 1, 2024\n\nCafe\u0301 society met at sa\u09dce.\nPlain line.\n'),
      ctx,
    )
    expect(doc.lines[5]).toBe('Caf\u00e9 society met at sa\u09a1\u09bce.')
    expect(doc.changes.filter((c) => c.rule === 'unicode-nfc').map((c) => c.line_start)).toEqual([6])
  })

  test('never removes a separator-free paragraph from the middle of the body', () => {
    const body = 'Subscribe to our newsletter and donate, the activist told the crowd in the square.'
    const doc = clean(fixtureDoc(`Title\n\nBy A B\nMay 1, 2024\n\n${body}\n\nThe article goes on after it.\n`), ctx)
    expect(doc.lines).toContain(body)
  })
})

describe('header values', () => {
  test.each([
    ['26 March 2024', '2024-03-26'],
    ['April 8, 2024', '2024-04-08'],
    ['April 01, 2024', '2024-04-01'],
    ['Apr. 8, 2024', '2024-04-08'],
    ['2024-04-08', '2024-04-08'],
    ['Monday, March 25, 2024', '2024-03-25'],
  ])('reads the date %s as %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso)
  })

  test.each(['31 April 2024', 'Spring 2024', '08/04/2024', 'March 2024'])('gives no date for %s', (text) => {
    expect(parseDate(text)).toBeNull()
  })

  test('reads name lists and fixes all-capitals names', () => {
    expect(parseNames('CHRIS FAGAN and Jane Doe')).toEqual(['Chris Fagan', 'Jane Doe'])
    expect(parseNames('Osama bin Laden, A. B. Smith & Mary-Jane O’Neil')).toEqual([
      'Osama bin Laden',
      'A. B. Smith',
      'Mary-Jane O’Neil',
    ])
    expect(parseNames('the editors of the paper')).toBeNull()
    expect(parseNames('Moscow', 2)).toBeNull()
    // A genre or section label over a date (Pressemitteilung Aktuell 02. November 2021) names no one.
    expect(parseNames('Pressemitteilung Aktuell')).toBeNull()
    // A read-aloud widget's label (Escucha la noticia, Listen) names no one either.
    expect(parseNames('Escucha La Noticia')).toBeNull()
  })
})
