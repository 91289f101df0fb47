import { describe, expect, test } from 'vitest'
import { newContext } from '../pipeline/runner/context.ts'
import { parseHeader } from '../pipeline/stages/header.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'

const body =
  '\n\nThe council met on Tuesday to discuss the flood defences for the coming winter. It voted to build a wall along the river.\n'
const run = (head: string) => processDoc(decodeDoc(new TextEncoder().encode(head + body), 'raw/h.txt'), newContext())

describe('the header, wherever it stands', () => {
  test('a byline naming an organisation gives the outlet from the header, and no author', () => {
    const doc = run('Flood defences approved\n\nBy Reuters Staff | March 3, 2024')
    expect(doc.document?.authors).toEqual([])
    expect([doc.document?.outlet, doc.document?.outlet_source]).toEqual(['Reuters Staff', 'header'])
    expect(doc.document?.published).toBe('2024-03-03')
  })

  test('one word after By is neither an author nor an outlet, and the warning names the line', () => {
    const doc = run('Flood defences approved\n\nby Regan September 15, 2014')
    expect(doc.document?.authors).toEqual([])
    expect(doc.document?.outlet).toBeNull()
    expect(doc.messages.find((m) => m.rule === 'header-byline')).toMatchObject({ line: 3, severity: 'warning' })
  })

  test('an update date stands in for the publication date only when no other is shown, with a warning', () => {
    expect(
      run('Flood defences approved\n\nBy Jane Doe\nPublished March 1, 2024 | Updated March 3, 2024').document
        ?.published,
    ).toBe('2024-03-01')
    const only = run('Flood defences approved\n\nBy Jane Doe\nUpdated March 3, 2024')
    expect(only.document?.published).toBe('2024-03-03')
    expect(only.messages.find((m) => m.rule === 'header-date')?.reason).toMatch(/only when the page was updated/)
  })

  test('a title wrapped onto a second line is read whole, and the menu above it is not the title', () => {
    const lines = [
      '  * Home',
      '  * World',
      '',
      '# A council in the river valley votes to build a long wall against the',
      'floods',
      '',
      'By Jane Doe',
      '',
      'Body.',
    ]
    const h = parseHeader(lines, 76)
    expect(h.title).toBe('A council in the river valley votes to build a long wall against the floods')
    expect(h.lines.map((l) => [l.index, l.rule])).toEqual([
      [3, 'header-title'],
      [4, 'header-title'],
      [6, 'header-byline'],
    ])
  })

  test('a deck between the title and the byline is header, not the first paragraph; the fields below the title stand together', () => {
    const doc = run('News and reports\n\nApril 13, 2007 | Page 11\n\nBritain\n\nBy Jane Doe, Manchester Alliance')
    // The byline under a sub-heading after the date belongs to one of the reports, not to the page.
    expect(doc.document?.authors).toEqual([])
    expect(doc.document?.published).toBe('2007-04-13')
    const decked = run(
      'River town votes for a flood wall\n\nA second headline says what the vote means\n\nBy Jane Doe | March 4, 2005 | Page 16',
    )
    expect(decked.changes.find((c) => c.rule === 'header-deck')?.before).toBe(
      'A second headline says what the vote means',
    )
    expect(decked.document?.text.startsWith('The council met')).toBe(true)
  })

  test('a date inside a sentence is not a header date, and a by inside a sentence is not a byline', () => {
    const doc = run(
      'Flood defences approved\n\nThe statement was issued on Sunday, Nov. 17, 2019, in Las Vegas by Jane Doe.',
    )
    expect(doc.document?.published).toBeNull()
    expect(doc.document?.authors).toEqual([])
  })

  test('a date labelled away from the header gives published, with a warning naming its line; an update verb inside a sentence does not', () => {
    const text = `Flood defences approved${body}${body}\nDer Beitrag wurde am 3. März 2024 veröffentlicht.\n`
    const labelled = processDoc(decodeDoc(new TextEncoder().encode(text), 'raw/h.txt'), newContext())
    expect(labelled.document?.published).toBe('2024-03-03')
    expect(labelled.messages.find((m) => m.rule === 'header-date')).toMatchObject({ line: 8, severity: 'warning' })
    // The paragraph stays in the text: it may be the body's.
    expect(labelled.document?.text).toContain('Der Beitrag wurde am 3. März 2024 veröffentlicht.')
    const away = (line: string) =>
      processDoc(
        decodeDoc(new TextEncoder().encode(`Flood defences approved${body}${body}\n${line}\n`), 'raw/h.txt'),
        newContext(),
      )
    expect(away('03.03.2024 // The league aktualisiert its rules for the season').document?.published).toBeNull()
    expect(
      away(`${'The council met again. '.repeat(8)}It was published on 3 March 2024.`).document?.published,
    ).toBeNull()
    expect(away('Zuletzt aktualisiert am 03.03.2024').document?.published).toBe('2024-03-03')
  })

  test("a byline's role and a second author's lines between it and the date do not end the header", () => {
    const doc = run(
      '# River town votes for a flood wall\n\nBy Jane Doe\n\nSenior Reporter, Gazette\n\nand\n\nJohn Roe\n\nReporter, Gazette\n\nMarch 4, 2005, 10:12 AM',
    )
    expect(doc.document?.published).toBe('2005-03-04')
    expect(doc.document?.authors).toEqual(['Jane Doe'])
    expect(doc.document?.text.startsWith('The council met')).toBe(true)
  })

  test('a line that is a byline by its words names its author in text; a name with a particle, a picture credit and a wrapped line of prose do not', () => {
    const authors = (line: string) =>
      run(`# River town votes for a flood wall\n\n${line}\n\nMarch 4, 2005`).document?.authors
    expect(authors('Ein Artikel von Anna Muster')).toEqual(['Anna Muster'])
    expect(authors('Publicado por **Alberto González**')).toEqual(['Alberto González'])
    expect(authors('Autor: Anna Muster')).toEqual(['Anna Muster'])
    expect(authors('Christoph von Eichhorn')).toEqual(['Christoph von Eichhorn'])
    expect(authors('Foto von Josh Willink')).toEqual([])
    expect(authors('campaign led by Gov. Kristi Noem.')).toEqual([])
  })

  test("a date line's one field that names a person is its byline; a caption's credit does not take the place of a name above it", () => {
    const authors = (line: string) => run(`# River town votes for a flood wall\n\n${line}`).document?.authors
    expect(authors('Anna Muster | 29. Dezember 2022 | Gesellschaft')).toEqual(['Anna Muster'])
    expect(authors('23.06.2016 um 16:14 Uhr - Anna Muster - 91 Ergänzungen')).toEqual(['Anna Muster'])
    expect(authors('Veröffentlicht am Fr, 24. Januar 2020 | von Creeny')).toEqual([])
    expect(
      authors('Anna Muster\n\nNovember 18, 2019\n\nNew York, U.S., November 18, 2019. REUTERS/Brendan McDermid'),
    ).toEqual(['Anna Muster'])
  })

  test("a numeric date is read in the order the text's other dates show, and the date under the headline wins over one above it", () => {
    const doc = run('* 14/06/2019\n\n01/02/2019\n\n# River town votes for a flood wall\n\n04/02/2020 | Jane Doe')
    expect(doc.document?.published).toBe('2020-02-04')
    // Without a date that says which part is the day, 04/02/2020 stays unread, and the warning says why.
    const alone = run('# River town votes for a flood wall\n\n04/02/2020 | Jane Doe')
    expect(alone.document?.published).toBeNull()
    expect(alone.messages.find((m) => m.rule === 'header-date')?.reason).toMatch(/ambiguous/)
  })

  test('a byline whose date follows a preposition or a label with a colon names its author', () => {
    const authors = (line: string) => run(`# River town votes for a flood wall\n\n${line}`).document?.authors
    expect(authors('von Anna Muster am 29. Mai 2017, 14:14 Uhr')).toEqual(['Anna Muster'])
    expect(authors('02.02.2022, 11:30 Uhr von Anna Muster')).toEqual(['Anna Muster'])
    expect(authors('Von: Anna Muster | 31.10.23')).toEqual(['Anna Muster'])
    expect(authors('By Anna Muster - January 10, 2020')).toEqual(['Anna Muster'])
    expect(authors('By Anna Muster/June 12, 2020 9:49 am EST/Updated: Aug. 18, 2020')).toEqual(['Anna Muster'])
  })

  test("a date's label in the page's language goes with its date, a picture's credit after the names is not theirs, and a category is no one", () => {
    const doc = (line: string) => run(`# River town votes for a flood wall\n\n${line}`).document
    expect(doc('von Anna Muster  Erstellt am 01.01.23 um 08:35, geändert am 01.01.23 um 09:00')?.authors).toEqual([
      'Anna Muster',
    ])
    const changed = doc('Anna Muster  Zuletzt geändert am 06.11.2023')
    expect([changed?.authors, changed?.published]).toEqual([['Anna Muster'], '2023-11-06'])
    expect(doc('von Anna Muster            Foto: © Agentur Bild')?.authors).toEqual(['Anna Muster'])
    expect(doc('Erstellt 31.01.2016  Kategorien Hardware')?.authors).toEqual([])
    // A label with no date after it is not a date's: `Veröffentlicht von X` keeps its words for the byline.
    expect(doc('Veröffentlicht von Anna Muster')?.authors).toEqual(['Anna Muster'])
  })

  test("a date alone as a paragraph below the lead is the article date, with a warning; one past the body's first paragraph is not", () => {
    // A lead longer than a header's block (40 words) ends the header's zone; the date below it is read apart.
    const lead =
      'The town council voted on Monday to build a flood wall along the river, after three floods in five years ruined the old market and the houses beside it, and the work is to start in the spring once the money from the region has been paid.'
    const caption =
      'Workers on the river bank in March, seen from the old bridge over the water at the edge of the market square   Photo Agency'
    const doc = run(`# River town votes for a flood wall\n\n${caption}\n\n${lead}\n\n03.11.2021\n\n${lead}`)
    expect(doc.document?.published).toBe('2021-11-03')
    expect(doc.messages.some((m) => m.rule === 'header-date' && m.line === 7)).toBe(true)
    const late = run(`# River town votes for a flood wall\n\n${lead}\n\n${lead}\n\n03.11.2021\n\n${lead}`)
    expect(late.document?.published).toBeNull()
  })

  test('fields a saved page glued or marked with empty emphasis are read apart', () => {
    const doc = (line: string) => run(`# River town votes for a flood wall\n\n${line}`).document
    const fields = (line: string) => [doc(line)?.authors, doc(line)?.published]
    // html2text writes an icon's empty italic element as `__`, between the page's fields.
    expect(fields('__16. Mai 2019 __Anna Muster __Netzwerk, Windows __2')).toEqual([['Anna Muster'], '2019-05-16'])
    expect(fields('ByAnna Muster')).toEqual([['Anna Muster'], null])
    // A published and a modified date side by side lose the space between them.
    expect(fields('22. Dezember 201922. Dezember 2019 von Anna Muster')).toEqual([['Anna Muster'], '2019-12-22'])
    expect(fields('17/11/201917/11/2019 ~ Anna Muster')).toEqual([['Anna Muster'], '2019-11-17'])
    // A line that is only a label (`Autor`, `Kommentar von`) names the author on the next; a picture's credit does not.
    expect(doc('#### Autor\n\nAnna Muster')?.authors).toEqual(['Anna Muster'])
    expect(doc('Kommentar von\n\nAnna Muster')?.authors).toEqual(['Anna Muster'])
    expect(doc('Foto von\n\nAnna Muster')?.authors).toEqual([])
    // A closed mark is emphasis, not a separator.
    expect(doc('__Anna Muster__ | 3 May 2024')?.authors).toEqual(['Anna Muster'])
  })

  test("the names under the headline before any above it, a byline's before a bare name list's, and a dash after a date parts it from the name", () => {
    const authors = (text: string) => run(text).document?.authors
    expect(
      authors('Für Schulen Für Kursleiter\n\n# River town votes for a flood wall\n\n11.12.2019 - Anna Muster'),
    ).toEqual(['Anna Muster'])
    expect(
      authors(
        '# River town votes for a flood wall\n\nAus der Region | 6. November 2023 | Kommentar schreiben\n\nvon Anna Muster',
      ),
    ).toEqual(['Anna Muster'])
    // A deck's wrapped last words beside the date line are not its names: the date's own line names the author.
    expect(
      authors(
        '# River town votes for a flood wall\n\nThe council met on Monday to talk about the river and\nKünstliche Intelligenz\n__ 20. April 2017 __Anna Muster __Politik',
      ),
    ).toEqual(['Anna Muster'])
  })

  test("a name over its role, a name after a lone `Von`, and a name a dash parts from its date are bylines; a menu's item over a role is not", () => {
    const header = (lines: string) => run(`# River town votes for a flood wall\n\n${lines}`).document
    expect(header('Anna Muster\n\nPolitical Editor\n\n@annamuster\n\nMonday 28 September 2020 19:27')).toMatchObject({
      authors: ['Anna Muster'],
      published: '2020-09-28',
    })
    expect(header('Von\n\nAnna Muster')?.authors).toEqual(['Anna Muster'])
    // A byline's contact (an e-mail address, a handle) between the name and its date does not part them; a date is no handle.
    expect(header('Bruno Wendel\n\nbruno.wendel@example.com\n\n04.05.2022, 05:45:00')).toMatchObject({
      authors: ['Bruno Wendel'],
      published: '2022-05-04',
    })
    expect(header('Edilson La Rosa\n\nedilsonlarosa\n\n07 May 2022 | 13:43 h')?.authors).toEqual(['Edilson La Rosa'])
    expect(header('Hagen Ritter\n\n06.11.2023')?.authors).toEqual(['Hagen Ritter'])
    // A section's word before a capitalised by-word is a label too; a date's label ends the names.
    expect(header('Disko  Von\n\nErnst Lohoff')?.authors).toEqual(['Ernst Lohoff'])
    expect(header('Author: Gàbor Muniér, Datum: 03.Mär.19')?.authors).toEqual(['Gàbor Muniér'])
    // A final initial keeps its dot, as it does in a page's byline.
    expect(header('By :\n\nJoe S.')?.authors).toEqual(['Joe S.'])
    expect(header('Anna Muster\n\n—\n\n31. Oktober 2023')?.authors).toEqual(['Anna Muster'])
    expect(header('* Wirtschaftsstandort Stuttgart\n\n* Chefredakteurin')?.authors).toEqual([])
  })

  test("a name beside a relative time (`Erstellt: vor 4 Stunden`, `2 hours ago`) is a byline, and the time's line is the header's; a relative time inside a sentence is not", () => {
    const header = (lines: string) => run(`# River town votes for a flood wall\n\n${lines}`)
    const german = header('Jossi Loibl\n\nErstellt: vor 4 Stunden\n\nAktualisiert: vor 20 Stunden')
    expect(german.document?.authors).toEqual(['Jossi Loibl'])
    expect(german.document?.text).not.toContain('vor 4 Stunden')
    expect(header('* Stefan Loibl\n\n• Publiziert vor einer Stunde').document?.authors).toEqual(['Stefan Loibl'])
    expect(header('Jane Roe\n\n2 hours ago').document?.authors).toEqual(['Jane Roe'])
    expect(header('Jeanne Dupont\n\nil y a 3 jours').document?.authors).toEqual(['Jeanne Dupont'])
    // A relative time beside the name on its line stands for its date too.
    expect(header('Jane Roe | 5 hours ago').document?.authors).toEqual(['Jane Roe'])
    expect(header('Anna Muster · Publiziert vor 3 Stunden').document?.authors).toEqual(['Anna Muster'])
    // Without a date or a relative time beside it, a name alone is not a byline; a sentence that starts with a relative time is the body's.
    expect(header('Jane Roe').document?.authors).toEqual([])
    const sentence = header('Jane Roe\n\nVor 30 Jahren zog sie nach Berlin.')
    expect(sentence.document?.authors).toEqual([])
    expect(sentence.document?.text).toContain('Vor 30 Jahren zog sie nach Berlin.')
  })

  test("an author's label away from the header names the author when the header names no one, with a warning; a by-word there does not", () => {
    const prose = `${body.trim()} ${body.trim()} ${body.trim()}`
    const lead = `# River town votes for a flood wall\n\n${prose}\n\n${prose}\n\n`
    const labelled = run(`${lead}##### Datum:\n\n03.11.2021\n\n##### Autor:\n\nPeter Maahn/SP-X`)
    expect(labelled.document?.authors).toEqual(['Peter Maahn'])
    expect(labelled.messages.find((m) => m.rule === 'header-byline')).toMatchObject({ line: 11 })
    expect(run(`${lead}Autor: Fabian Dittmann; Ilustrator: Adriaan Prent`).document?.authors).toEqual([
      'Fabian Dittmann',
    ])
    expect(run(`${lead}**Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien.**`).document?.authors).toEqual([
      'Uta Staschewski',
    ])
    // A by-word far from the header is as often a teaser's; a sentence about an author is no label.
    expect(run(`${lead}Von Jesse Coghlan`).document?.authors).toEqual([])
    expect(run(`${lead}Autorin des Buches ist Anna Muster.`).document?.authors).toEqual([])
  })
})
