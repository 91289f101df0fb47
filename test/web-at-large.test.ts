import fc from 'fast-check'
import { fromHtml } from 'hast-util-from-html'
import { describe, expect, test } from 'vitest'
import { newContext } from '../pipeline/runner/context.ts'
import { processDoc } from '../pipeline/index.ts'
import { DIGIT, findDates, isoDate, monthNumber, readDate, urlDate } from '../pipeline/stages/dates.ts'
import { dateFormats } from '../pipeline/rules/header.ts'
import { readMarkup } from '../pipeline/stages/markup.ts'
import { bylineNames } from '../pipeline/stages/names.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'

// The web at large: dates and bylines in the page's own language, pages as browsers read them, and no
// article word taken for a byline.

const sentence =
  'The committee met on Tuesday to discuss the proposal in detail and agreed to publish a report by the end of the year.'
const page = (head: string, body: string) =>
  `<!doctype html><html lang="de"><head>${head}</head><body>${body}</body></html>`
const markupOf = (html: string) => readMarkup(fromHtml(html), () => {})
const build = (html: string | Uint8Array, name = 'p.html') =>
  processDoc(decodeDoc(typeof html === 'string' ? new TextEncoder().encode(html) : html, `raw/${name}`), newContext())

describe('dates in any language', () => {
  test.each([
    ['19. Juli 2014', 'de', '2014-07-19'],
    ['le 3 mars 2019', 'fr', '2019-03-03'],
    ['1er mars 2019', 'fr', '2019-03-01'],
    ['3 de marzo de 2019', 'es', '2019-03-03'],
    ['5 lipca 2020', 'pl', '2020-07-05'],
    ['12 ноября 2021', 'ru', '2021-11-12'],
    ['Dezember 16th, 2012', 'de', '2012-12-16'],
    ['2019年11月18日', 'ja', '2019-11-18'],
    ['2023.11.02. 20:06', 'ko', '2023-11-02'],
    ['Sonntag, 02.11.2014', 'de', '2014-11-02'],
  ])('%s (%s) is %s', (text, lang, iso) => {
    expect(findDates(text, { lang }).find((d) => d.iso !== null)?.iso).toBe(iso)
  })

  test("every date format needs a digit, so a text without one is not searched (the date search's shortcut holds)", () => {
    for (const format of dateFormats) expect(format.search.source, format.id).toMatch(/\\d/)
    // Texts of month and weekday names, date words and punctuation, without a digit: no format matches one.
    const token = fc.oneof(
      fc.constantFrom(
        'März',
        'mars',
        'Juli',
        'Dec.',
        'Sonntag',
        'de',
        'le',
        'er',
        'th',
        '年',
        '月',
        '日',
        '.',
        '/',
        '-',
        ',',
        ' ',
        'T',
        'Z',
        ':',
      ),
      fc.string({ maxLength: 4 }).filter((s) => !DIGIT.test(s)),
    )
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
        for (const format of dateFormats)
          expect(new RegExp(format.search.source, format.search.flags).test(tokens.join('')), format.id).toBe(false)
      }),
      { numRuns: 500 },
    )
    expect(findDates('am neunzehnten Juli zweitausendvierzehn', { lang: 'de' })).toEqual([])
    expect(findDates('19. Juli 2014', { lang: 'de' })).toHaveLength(1)
  })

  test('month names come from Intl for the page language first: listopad is November in Polish, October in Croatian', () => {
    expect(monthNumber('listopada', 'pl')).toBe(11)
    expect(monthNumber('listopada', 'hr')).toBe(10)
    expect(monthNumber('Juli')).toBe(7)
    expect(monthNumber('Tuesday')).toBeUndefined()
  })

  test('08/04/2024 is read only when the order is known; a part above 12 decides alone; impossible dates are refused', () => {
    expect(readDate('08/04/2024')).toEqual({ iso: null, problem: 'ambiguous' })
    expect(readDate('08/04/2024', { order: 'dmy' }).iso).toBe('2024-04-08')
    expect(readDate('11/19/19', {}).iso).toBe('2019-11-19')
    expect(readDate('31.04.2024').problem).toBe('impossible')
    expect(isoDate('0001-01-01T00:00:00Z')).toBeNull()
  })

  test('a date in the URL path, and none where the path has only a year and month', () => {
    expect(urlDate('https://example.org/2019/11/18/a-title/')).toBe('2019-11-18')
    expect(urlDate('https://example.org/blog/2020-10-18-cdpath')).toBe('2020-10-18')
    expect(urlDate('https://example.org/2018/08/a-title.html')).toBeNull()
    // The year last: only where a part above 12 says which is the day.
    expect(urlDate('https://example.org/meldungen/29-10-2021')).toBe('2021-10-29')
    expect(urlDate('https://example.org/meldungen/05-06-2021')).toBeNull()
  })
})

describe("a page's date, as htmldate ranks the places", () => {
  test('the publication date before the modification date, whatever their order in the page', () => {
    const m = markupOf(
      page(
        '<meta property="article:modified_time" content="2022-02-01T10:00:00Z"><meta property="article:published_time" content="2022-01-05T10:00:00Z">',
        '<h1>Title</h1>',
      ),
    )
    expect(m.published).toEqual({ value: '2022-01-05', source: 'html-meta' })
  })

  test('JSON-LD and meta tags that disagree: the date the page shows by its headline decides, else JSON-LD', () => {
    const head =
      '<title>The headline of it</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"The headline of it","datePublished":"2022-01-04T07:29:00Z"}</script><meta property="article:published_time" content="2022-01-06T08:29:34">'
    expect(
      markupOf(page(head, `<h1>The headline of it</h1><p>6. Januar 2022</p><p>${sentence}</p>`)).published,
    ).toEqual({ value: '2022-01-06', source: 'html-meta' })
    expect(markupOf(page(head, `<h1>The headline of it</h1><p>${sentence}</p>`)).published).toEqual({
      value: '2022-01-04',
      source: 'json-ld',
    })
  })

  test('a page set without headings: the element whose own text is the title is the headline, and the date below it is read', () => {
    const body = `<table><tr><td><b><font size="5">A concert tour ends in the north of the province</font></b></td></tr><tr><td><font>News channel ( 2012-06-04 09:20:26 )</font></td></tr><tr><td><p>${sentence}</p></td></tr></table>`
    expect(markupOf(page('<title>A concert tour ends in the north of the province</title>', body)).published).toEqual({
      value: '2012-06-04',
      source: 'header',
    })
  })

  test('a meta tag that says only `date` gives way to the date shown under the headline, unless one shown there agrees or it is the same moment in UTC', () => {
    const body = (shown: string) =>
      `<h1>The headline of it</h1><ul class="infoline"><li class="author">Von Moritz Wichmann</li><li class="date"><time>${shown}</time></li></ul><p>${sentence}</p>`
    expect(
      markupOf(
        page('<title>The headline of it</title><meta name="date" content="2020-04-30">', body('29.04.2020, 12:01 Uhr')),
      ).published,
    ).toEqual({ value: '2020-04-29', source: 'html-time' })
    expect(
      markupOf(
        page(
          '<title>The headline of it</title><meta name="date" content="2020-04-30">',
          `${body('29.04.2020')}<p class="meta">30.04.2020</p>`,
        ),
      ).published?.value,
    ).toBe('2020-04-30')
    expect(
      markupOf(
        page('<title>The headline of it</title><meta name="date" content="2019-11-19T01:48:03Z">', body('18.11.2019')),
      ).published?.value,
    ).toBe('2019-11-19')
    expect(
      markupOf(
        page(
          '<title>The headline of it</title><meta property="article:published_time" content="2020-04-30T10:00:00+02:00">',
          body('29.04.2020'),
        ),
      ).published?.value,
    ).toBe('2020-04-30')
  })

  test('a date line just above the headline, its share buttons between, before the dates of items far below it', () => {
    const above =
      '<ul><li class="date"><time datetime="2021-11-25 16:11">25. November 2021</time></li><li><a class="share">Share</a></li><li><a>Print</a></li></ul>'
    const below = `${'<p><span></span></p>'.repeat(30)}<ul>${'<li><time datetime="2021-12-01">1. Dezember 2021</time> another item</li>'.repeat(3)}</ul>`
    expect(
      markupOf(
        page('<title>The headline of it</title>', `${above}<h2>The headline of it</h2><p>${sentence}</p>${below}`),
      ).published?.value,
    ).toBe('2021-11-25')
  })

  test("a sidebar inside the headline's <article> is its own details column; a sidebar outside it is another region", () => {
    const own = `<article><h1>The headline of it</h1><p>${sentence}</p><div class="sidebar"><p class="time"><time datetime="2022-01-28">28. Januar 2022</time></p></div></article>`
    expect(markupOf(page('<title>The headline of it</title>', own)).published?.value).toBe('2022-01-28')
    const other = `<article><h1>The headline of it</h1><p>${sentence}</p></article><div class="sidebar"><p class="time"><time datetime="2022-01-28">28. Januar 2022</time></p></div>`
    expect(markupOf(page('<title>The headline of it</title>', other)).published).toBeNull()
  })

  test('a date line a few texts above the headline (a print button, a picture credit and a kicker between) is read', () => {
    const box =
      '<div class="boxHeader"><span>14. Februar 2012</span><ul><li><a class="print">Drucken</a></li></ul></div><img src="a.jpg"><span class="credit">© 2012 APA/AP</span><p class="kicker">Politik</p>'
    expect(
      markupOf(
        page(
          '<title>The headline of it / Politik / Home</title>',
          `${box}<h1>The headline of it</h1><p>${sentence}</p>`,
        ),
      ).published?.value,
    ).toBe('2012-02-14')
  })

  test('the headline is the longest heading the title holds (soft hyphens aside), and a date alone just under it is its date line', () => {
    const nav = '<nav><h2>Aktuelles</h2><ul><li>In\u00adter\u00adna\u00adtio\u00adna\u00adle Aufgaben</li></ul></nav>'
    const updates = `<ul>${'<li><time datetime="2021-11-08">08.11.2021</time> An earlier update of the figures.</li>'.repeat(3)}</ul>`
    const body = `${nav}<h1><strong>Il\u00adle\u00adgale Migration: 9.087 Feststellungen im laufenden Jahr</strong></h1><p class="MsoNormal"><em>10.11.2021</em></p><p>${sentence}</p><p>${sentence}</p>${updates}`
    expect(
      markupOf(
        page(
          '<title>Bundespolizei - Aktuelles - Illegale Migration: 9.087 Feststellungen im laufenden Jahr</title>',
          body,
        ),
      ).published,
    ).toEqual({ value: '2021-11-10', source: 'header' })
  })

  test('a date whose day and month could swap takes the reading another date of the page shows', () => {
    const body = `<h1>The headline of it</h1><p>${sentence}</p><p>Erstellt am: 01.11.2023</p>`
    expect(
      markupOf(page('<title>The headline of it</title><meta name="date" content="11/01/2023 12:43:42">', body))
        .published?.value,
    ).toBe('2023-11-01')
    expect(
      markupOf(
        page(
          '<title>The headline of it</title><meta name="date" content="11/01/2023 12:43:42">',
          `<h1>The headline of it</h1><p>${sentence}</p>`,
        ),
      ).published?.value,
    ).toBe('2023-01-11')
  })

  test('the modification date only when the page states no other', () => {
    const m = markupOf(page('<meta property="og:updated_time" content="2022-05-03T22:08:20-04:00">', '<h1>Title</h1>'))
    expect(m.published?.value).toBe('2022-05-03')
  })

  test('a <time> under the headline, not the dates of comments or of a sidebar', () => {
    const body =
      '<aside><time datetime="2020-01-01">1.1.2020</time></aside><h1>The headline of it</h1><p class="meta"><time datetime="2021-11-25 16:11">25. November 2021</time></p><p>' +
      sentence +
      '</p><div class="comments"><time datetime="2021-12-01">x</time></div>'
    expect(markupOf(page('<title>The headline of it</title>', body)).published).toEqual({
      value: '2021-11-25',
      source: 'html-time',
    })
  })

  test('a date-like element in the page language, and the URL when nothing else says', () => {
    expect(
      markupOf(page('', '<h1>Überschrift des Artikels</h1><span class="datum">am 19. Juli 2014</span>')).published,
    ).toEqual({ value: '2014-07-19', source: 'html-time' })
    expect(
      markupOf(page('<link rel="canonical" href="https://example.org/2019/11/18/x/">', '<h1>Title</h1>')).published,
    ).toEqual({ value: '2019-11-18', source: 'url' })
  })

  test('a date a label names anywhere in the article (Veröffentlicht am, Published on), an update label only when nothing else is said', () => {
    // Below an article of many paragraphs, far past the text read by the headline.
    const labelled = (text: string) =>
      markupOf(
        page('', `<h1>Überschrift des Artikels</h1>${`<p>${sentence}</p>`.repeat(30)}<div class="foot">${text}</div>`),
      ).published
    expect(labelled('Veröffentlicht am 16.08.2019<br>Dauer: 1 Stunde')).toEqual({
      value: '2019-08-16',
      source: 'header',
    })
    expect(labelled('<em>Published on</em> March 3, 2019')).toEqual({ value: '2019-03-03', source: 'header' })
    expect(labelled('Letzte Änderung: 14.01.2022 um 09:25')?.value).toBe('2022-01-14')
    expect(labelled('Zuletzt aktualisiert: 20.01.2022 | Veröffentlicht: 14.01.2022')?.value).toBe('2022-01-14')
    // No label, or a label in prose too long to be a date line: not the page's date.
    expect(labelled('Das Konzert am 16.08.2019 fällt aus.')).toBeNull()
    expect(labelled(`Die Studie wurde am 16.08.2019 veröffentlicht. ${sentence} ${sentence}`)).toBeNull()
  })

  test("a date line just above the headline, a padded two-digit year, the article's own details box (an aside, a teaser-named meta line)", () => {
    expect(
      markupOf(
        page(
          '',
          `<nav>Start</nav><figcaption><small>31.01.2022</small></figcaption><h1>Neuer Trainer für den Verein</h1><p>${sentence}</p>`,
        ),
      ).published,
    ).toEqual({ value: '2022-01-31', source: 'header' })
    expect(
      markupOf(
        page(
          '',
          `<h1>Neuer Trainer für den Verein</h1><div class="article-meta">Von Anna Muster | <span>31.10.23</span></div><p>${sentence}</p>`,
        ),
      ).published?.value,
    ).toBe('2023-10-31')
    expect(
      markupOf(
        page(
          '',
          `<article><h1>Neuer Trainer für den Verein</h1><aside class="meta"><time datetime="2022-01-21">21.01.2022</time></aside><p>${sentence}</p></article>`,
        ),
      ).published?.value,
    ).toBe('2022-01-21')
    expect(
      markupOf(
        page(
          '',
          `<h1>Neuer Trainer für den Verein</h1><div class="teaser_text_meta">Anna Muster / 07.11.2023</div><p>${sentence}</p>`,
        ),
      ).published?.value,
    ).toBe('2023-11-07')
    // A CMS that sets its headline in an h4: the heading that is the whole title is the headline.
    expect(
      markupOf(
        page(
          '<title>Effiziente Hybridbatterie</title>',
          `<h2>Informationsdienst</h2><p><em>01.11.2023 11:35</em></p><h4>Effiziente Hybridbatterie</h4>${`<p>${sentence}</p>`.repeat(30)}`,
        ),
      ).published?.value,
    ).toBe('2023-11-01')
    // A teaser list's own meta lines stay out with the list; an aside without a details name stays out.
    expect(
      markupOf(
        page(
          '',
          `<h1>Neuer Trainer für den Verein</h1><p>${sentence}</p><div class="teaser"><div class="teaser_meta">01.02.2022</div></div><aside><time datetime="2022-03-01">x</time></aside>`,
        ),
      ).published,
    ).toBeNull()
  })

  test('a UTC timestamp a day off the date the publisher states in its own time gives way to it; a visible date does not overrule it', () => {
    const ld = (iso: string) =>
      `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"${iso}"}</script>`
    const utc = ld('2023-11-09T01:30:00Z')
    expect(
      markupOf(page(`${utc}<link rel="canonical" href="https://example.org/2023/11/08/x/">`, '<h1>Title</h1>'))
        .published,
    ).toEqual({ value: '2023-11-08', source: 'url' })
    expect(
      markupOf(
        page(`${utc}<meta property="article:published_time" content="2023-11-08T20:30:00-05:00">`, '<h1>Title</h1>'),
      ).published,
    ).toEqual({ value: '2023-11-08', source: 'html-meta' })
    expect(markupOf(page(utc, '<h1>Title</h1><p class="date">8 November 2023</p>')).published).toEqual({
      value: '2023-11-09',
      source: 'json-ld',
    })
    // A date within a slug may be the day of the events, not of the page; a local timestamp is kept whatever else the page says.
    expect(
      markupOf(
        page(`${utc}<link rel="canonical" href="https://example.org/news/the-hearings-2023-11-08/">`, '<h1>Title</h1>'),
      ).published?.value,
    ).toBe('2023-11-09')
    expect(
      markupOf(
        page(
          `${ld('2023-11-09T01:30:00+01:00')}<link rel="canonical" href="https://example.org/2023/11/08/x/">`,
          '<h1>Title</h1>',
        ),
      ).published?.value,
    ).toBe('2023-11-09')
  })
})

describe('authors in any language', () => {
  test.each([
    ['von Anna Muster', ['Anna Muster']],
    ['par Loïc Le Clerc', ['Loïc Le Clerc']],
    ['Por Ana Pérez y Juan Gómez', ['Ana Pérez', 'Juan Gómez']],
    ['Catherine Shu @catherineshu / 2 days', ['Catherine Shu']],
    ['Rob Picheta, CNN', ['Rob Picheta']],
    ['Von FOCUS-Online-Experte Robin Tschöpe', ['Robin Tschöpe']],
    ['Badische Zeitung', []],
    ['Oberösterreichisches Volksblatt', []],
    ['Die Redaktion', []],
    // A picture's credit after the names in the same field names the picture's maker, not an author.
    ['Text von Christian Muster   Illustration von Max Roth', ['Christian Muster']],
    ['By Jane Doe Photos by John Roe', ['Jane Doe']],
    ['Text & Fotos: Anna Muster', ['Anna Muster']],
  ])('%s names %j', (text, names) => {
    expect(bylineNames(text).names).toEqual(names)
  })

  test("JSON-LD author through an @id reference, never a cited work's itemprop author", () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Article', headline: 'T', author: { '@id': '#p1' } },
        { '@type': ['Person'], '@id': '#p1', name: 'Andreas Kalt' },
      ],
    })
    expect(markupOf(page(`<script type="application/ld+json">${ld}</script>`, '<h1>T</h1>')).authors).toEqual({
      value: ['Andreas Kalt'],
      source: 'json-ld',
    })
    const cited =
      '<div itemscope itemtype="http://schema.org/ScholarlyArticle"><meta itemprop="author" content="NH. Shear, SP. Spielberg"></div>'
    expect(markupOf(page('', `<h1>T</h1>${cited}`)).authors).toBeNull()
  })

  test('a byline element whose name is a link, nearest the headline, and not a commenter', () => {
    const body =
      '<h1>The headline of it</h1><p class="post-meta">von <span class="author vcard"><a class="url fn" href="/a/">Marc Scheloske</a></span></p><div class="comments"><span class="comment-author">Hans Wurst</span></div>'
    expect(markupOf(page('<title>The headline of it</title>', body)).authors).toEqual({
      value: ['Marc Scheloske'],
      source: 'header',
    })
  })

  test('a subline over the headline (`Text & Fotos: Ivan Valetny` in a table cell) is the byline; a slogan with `von` further up names no one', () => {
    const slogan =
      '<ul class="slides"><li>QUALITÄT VON WASSERSPORTLERN | WIR REPARIEREN SEGEL SEIT 2006 | REPAIR KONTAKT</li></ul>'
    const subline =
      '<table class="subline"><tr><td>26 | 01 | 2022</td><td class="categories">Schweiz | Praxis</td><td class="authorbold"><b>Text &amp; Fotos:</b> Ivan Valetny</td></tr></table>'
    expect(
      markupOf(
        page(
          '<title>Winter pike on the lake</title>',
          `${slogan}<main>${subline}<h1>Winter pike on the lake</h1><p>${sentence}</p></main>`,
        ),
      ).authors,
    ).toEqual({ value: ['Ivan Valetny'], source: 'header' })
    const filler = '<div><span></span></div>'.repeat(15)
    expect(
      markupOf(
        page(
          '<title>Winter pike on the lake</title>',
          `${slogan}${filler}<main><h1>Winter pike on the lake</h1><p>${sentence}</p></main>`,
        ),
      ).authors,
    ).toBeNull()
  })

  test("a line of a date and a name alone under the headline is its byline; a date and the page's categories are not", () => {
    const named = '<h1>Variables and where they live</h1><p class="text-muted">11.12.2019 - Amelie Loevenich</p>'
    expect(
      markupOf(page('<title>Variables and where they live</title>', `${named}<p>${sentence}</p>`)).authors,
    ).toEqual({ value: ['Amelie Loevenich'], source: 'header' })
    const categories =
      '<h1>Variables and where they live</h1><p><span class="news-list-date">07.12.2022</span> | <span class="news-list-category">Wissenschaft Atmosphäre Klima</span></p>'
    expect(
      markupOf(page('<title>Variables and where they live</title>', `${categories}<p>${sentence}</p>`)).authors,
    ).toBeNull()
  })

  test("a picture's licence box names its maker, and a translator is no author: the author box further down is the byline", () => {
    const licence =
      '<div class="img-holder"><img src="a.jpg"><div class="license-info"><span class="author-name"><a class="license-author">Nenad Stojkovic</a></span></div></div>'
    const box =
      '<div class="author"><div class="second-author"><p>Autor <span>Mark Newton:</span></p><p>Übersetzung: Sarah-Indra Jungblut</p></div></div>'
    expect(
      markupOf(
        page('<title>The headline of it</title>', `<h1>The headline of it</h1>${licence}<p>${sentence}</p>${box}`),
      ).authors,
    ).toEqual({ value: ['Mark Newton'], source: 'header' })
  })

  test("a picture's credit in a figure, a teaser card's byline and a section after the byline's date name no author", () => {
    const figure =
      '<figure><img src="a.jpg"><figcaption>Students look for a room. <span class="caption--autor">Foto: Ingo Schneider</span></figcaption></figure>'
    const teaser =
      '<ul><li><a href="/other-story"><span>Why young people spend their evenings playing brass music in the village band</span> <span class="teaser__autor">Von Clara Müller</span></a></li></ul>'
    expect(
      markupOf(
        page('<title>The headline of it</title>', `<h1>The headline of it</h1>${figure}<p>${sentence}</p>${teaser}`),
      ).authors,
    ).toBeNull()
    const byline =
      '<p class="info">Von <a href="/lisa-petrich">Lisa Petrich</a> | <a href="/archiv">Mi, 18. Oktober 2023</a> um 12:50 Uhr | <a href="/junges-leben">Junges Leben</a></p>'
    expect(
      markupOf(
        page('<title>The headline of it</title>', `<h1>The headline of it</h1>${byline}${figure}<p>${sentence}</p>`),
      ).authors,
    ).toEqual({ value: ['Lisa Petrich'], source: 'header' })
  })
})

describe("bylines in a page's body", () => {
  test('a byline in words by the headline (`Ein Artikel von X`), its date and weekday cut off; a picture credit is none', () => {
    const body = (line: string) =>
      page('<title>The headline of it</title>', `<h1>The headline of it</h1><p>${line}</p><p>${sentence}</p>`)
    expect(markupOf(body('Ein Artikel von <strong>Pamela Sladky</strong>')).authors?.value).toEqual(['Pamela Sladky'])
    expect(markupOf(body('von Heiko Sauer Do, 9. April 2020')).authors?.value).toEqual(['Heiko Sauer'])
    expect(markupOf(body('Fotos von Max Muster')).authors).toBeNull()
  })

  test("a label on its own before the name (`<h4>Autor</h4>`, bare text after it), a label glued to the name, an author box's heading", () => {
    const body = (html: string) =>
      markupOf(page('<title>The headline of it</title>', `<h1>The headline of it</h1>${html}<p>${sentence}</p>`))
        .authors?.value
    expect(body('<div><h4 class="meta-title">Autor</h4><p><a href="/p/nh">Nikolai Huke</a></p></div>')).toEqual([
      'Nikolai Huke',
    ])
    expect(body('<div><h5>Autor:</h5>Peter Maahn/SP-X</div>')).toEqual(['Peter Maahn'])
    expect(
      body('<div data-testid="prism-byline"><span>By</span><span><a href="/a">Alex Bozarjian</a></span></div>'),
    ).toEqual(['Alex Bozarjian'])
    expect(body('<div class="author-box"><h3>Über Steffi Muster</h3></div>')).toEqual(['Steffi Muster'])
    // A label far from any name marks nothing.
    expect(
      body(`<h4>Autor</h4><div><div><div><div><p>${sentence}</p></div></div></div></div><p>Max Muster</p>`),
    ).toBeUndefined()
  })

  test("an element's text is what it shows: indentation does not cut it short; the article's own sidebar holds its byline; a label over a list or a reading time names no one", () => {
    const body = (html: string) =>
      markupOf(page('<title>The headline of it</title>', `<h1>The headline of it</h1>${html}<p>${sentence}</p>`))
        .authors?.value
    const indent = (n: number) => `\n${' '.repeat(n)}`
    // The template's indentation once counted toward the short-text limit: the sidebar read as `By` alone, a label, with its name cut off.
    expect(
      body(
        `<section class="article-sidebar">${indent(60)}<div>${indent(60)}<p class="label"><strong>By</strong></p>${indent(60)}</div>${indent(60)}<div>${indent(60)}<p class="full-name">Todd Bates</p>${indent(60)}</div></section>`,
      ),
    ).toEqual(['Todd Bates'])
    expect(body('<div class="sidebar"><span class="author">Hans Wurst</span></div>')).toBeUndefined()
    expect(
      body('<div class="widget"><h2>Autor</h2><ul><li>Akira Arenth</li><li>Jennifer Estep</li></ul></div>'),
    ).toBeUndefined()
    expect(
      body('<div class="byline-meta"><span class="reading-time">Reading Time: 3 mins read</span></div>'),
    ).toBeUndefined()
  })

  test("a publication key in a script's data, only when the page states no date elsewhere", () => {
    const state =
      '<script>window.__STATE__ = {"review":{"publishedDate":"2016-11-04T20:37:27Z","updatedDate":"2016-11-05T10:00:00Z"}}</script>'
    expect(markupOf(page(state, `<h1>The headline of it</h1><p>${sentence}</p>`)).published).toEqual({
      value: '2016-11-04',
      source: 'html-meta',
    })
    expect(
      markupOf(
        page(
          `${state}<meta property="article:published_time" content="2016-10-01">`,
          `<h1>The headline of it</h1><p>${sentence}</p>`,
        ),
      ).published?.value,
    ).toBe('2016-10-01')
    expect(
      markupOf(
        page('<script>var x = {"updatedDate":"2016-11-05"}</script>', `<h1>The headline of it</h1><p>${sentence}</p>`),
      ).published,
    ).toBeNull()
  })

  test("the archive's toolbar on a saved Wayback page, and a theme's `standard` class, give no date", () => {
    const toolbar = '<div id="wm-ipp-base"><div class="date-nav" title="12:10:40 Nov 10, 2013">NOV 10 2013</div></div>'
    const published = (html: string, bodyClass = '') =>
      markupOf(
        `<!doctype html><html lang="de"><head><title>The headline of it</title></head><body class="${bodyClass}">${html}<h1>The headline of it</h1><p>${sentence}</p></body></html>`,
      ).published
    expect(published(toolbar)).toBeNull()
    // `standard` holds `stand` (a German date label), but names the theme's post format, and a date further above the headline than its date line stands is none.
    expect(
      markupOf(
        '<html><head><title>The headline of it</title></head><body class="single-format-standard"><p>10 Nov 2013</p><p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><h1>The headline of it</h1><p>Short.</p></body></html>',
      ).published,
    ).toBeNull()
  })

  test("a particle inside a name in the page's metadata (`Christoph von Ritter`), never a phrase of the visible text (`Eingestellt von HansG`)", () => {
    const ld = JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'T',
      author: { '@type': 'Person', name: 'Christoph von Ritter' },
    })
    expect(markupOf(page(`<script type="application/ld+json">${ld}</script>`, '<h1>T</h1>')).authors?.value).toEqual([
      'Christoph von Ritter',
    ])
    expect(bylineNames('Eingestellt von HansG').names).toEqual([])
    expect(bylineNames('Verbot von Auslandsüberweisungen').names).toEqual([])
    // In the body, a byline whose link's address spells its whole text is a name as metadata gives it.
    const byline = (html: string) =>
      markupOf(
        page(
          '<title>The headline of it</title>',
          `<h1>The headline of it</h1><span class="author vcard">${html}</span><p>${sentence}</p>`,
        ),
      ).authors?.value
    expect(byline('<a class="url fn n" href="/de/author/walter_von_aachen/">Walter von Aachen</a>')).toEqual([
      'Walter von Aachen',
    ])
    expect(byline('Eingestellt von <a href="/profile/0123">HansG</a>')).toBeUndefined()
    expect(byline('<a href="/de/author/walter/">Walter von Aachen</a>')).toBeUndefined()
  })

  test('a closing credit paragraph far below the headline is the byline when nothing nearer names anyone; a final initial keeps its dot', () => {
    const closing = (line: string) =>
      markupOf(
        page(
          '<title>The headline of it</title>',
          `<h1>The headline of it</h1>${`<p>${sentence}</p>`.repeat(70)}${line}`,
        ),
      ).authors?.value
    expect(closing('<p><em>Von Cosima Künzel</em></p>')).toEqual(['Cosima Künzel'])
    // A sentence that starts with von, a long line, or a credit for pictures is none.
    expect(
      closing('<p>Von Montag an gilt die neue Regel für alle Schulen der Stadt und des Landkreises.</p>'),
    ).toBeUndefined()
    expect(closing('<p>Fotos von Max Muster</p>')).toBeUndefined()
    expect(bylineNames('Joe S.').names).toEqual(['Joe S.'])
    // Initials are a signature, not a name printed twice; a name printed twice (a link and its text) is one.
    expect(bylineNames('Von R. R. am 12. März 2014').names).toEqual(['R. R.'])
    expect(bylineNames('Sean Martin Sean Martin').names).toEqual(['Sean Martin'])
    expect(bylineNames('By Jane Doe.').names).toEqual(['Jane Doe'])
  })

  test("a teaser-named metadata line under the headline is the article's byline and date", () => {
    const m = markupOf(
      page(
        '<title>Es kommt darauf an</title>',
        `<h1>Es kommt darauf an</h1><div class="teaser-small__metadata"><p class="byline__author">VON <a href="/autoren/x">MORITZ GATHMANN</a> am 21. April 2020</p></div><p>${sentence}</p>`,
      ),
    )
    expect(m.authors?.value).toEqual(['Moritz Gathmann'])
    expect(m.published?.value).toBe('2020-04-21')
  })

  test("a region that holds the headline is the article's, whatever its class says; the site's own name is never a byline", () => {
    const inSidebar = page(
      '<title>The headline of it</title>',
      '<div id="sidebar"><h1>The headline of it</h1><span class="author vcard"><a>Heiko Sauer</a></span></div>',
    )
    expect(markupOf(inSidebar).authors?.value).toEqual(['Heiko Sauer'])
    const site = page(
      '<meta property="og:site_name" content="Große Fragen"><title>The headline of it</title>',
      '<div class="author"><a>Große Fragen</a></div><h1>The headline of it</h1><span class="byline">von <a rel="author">Michael Veeser</a></span>',
    )
    expect(markupOf(site).authors?.value).toEqual(['Michael Veeser'])
  })
})

describe('co-authors the metadata leaves out', () => {
  const withByline = (byline: string) =>
    markupOf(
      page(
        '<title>The headline of it</title><script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Stefan Becket"}}</script>',
        `<h1>The headline of it</h1>${byline}<p>${sentence}</p>`,
      ),
    ).authors
  test("a byline under the headline that names the metadata's person and more names them all", () => {
    expect(withByline('<p class="byline">By Stefan Becket, Kathryn Watson, Grace Segers</p>')).toEqual({
      value: ['Stefan Becket', 'Kathryn Watson', 'Grace Segers'],
      source: 'header',
    })
  })
  test("a byline naming someone else, or the metadata's person beside words that are no name, leaves the metadata's", () => {
    const metadata = { value: ['Stefan Becket'], source: 'json-ld' }
    expect(withByline('<p class="byline">By Grace Segers</p>')).toEqual(metadata)
    expect(withByline('<p class="byline">By Stefan Becket, View Author Archive</p>')).toEqual(metadata)
    expect(withByline('<p class="byline">By Stefan Becket</p>')).toEqual(metadata)
  })
})

describe('an article signed at its end', () => {
  const signed = (last: string, head = '') =>
    build(
      page(
        '<title>The headline of it</title>',
        `<h1>The headline of it</h1>${head}<p>${sentence}</p><p>${sentence}</p>${last}`,
      ),
    )
  test('a last paragraph that is a name alone, or a name in brackets after the last sentence, signs an article whose header names no one', () => {
    for (const [last, name] of [
      ['<p><strong>Marina Mucha</strong></p>', 'Marina Mucha'],
      ['<p>Die Politik bleibt spannend. (Christian P. Stadtfeld) +++</p>', 'Christian P. Stadtfeld'],
    ] as const) {
      const out = signed(last)
      expect(out.document?.authors, last).toEqual([name])
      expect(out.document?.text, last).toContain(name)
      const warning = out.messages.find((m) => m.rule === 'header-byline')
      expect(warning?.reason, last).toContain(name)
      expect(warning?.line, last).toBeGreaterThan(0)
    }
  })
  test('a name inside a sentence, an outlet, a name with its role, a credit or a byline under the headline are no signature', () => {
    for (const last of [
      '<p>Das sagte Mark Twain.</p>',
      '<p>Sky News</p>',
      '<p>Frank Meier, Redakteur</p>',
      '<p>(Foto: Anna Muster)</p>',
      '<p>Thank You</p>',
    ])
      expect(signed(last).document?.authors, last).toEqual([])
    expect(signed('<p>Marina Mucha</p>', '<p class="byline">Von Anna Muster</p>').document?.authors).toEqual([
      'Anna Muster',
    ])
  })
})

describe("a personal site's owner", () => {
  const article = `<h1>The headline of it</h1><p>${sentence}</p><p>${sentence}</p>`
  const ownerOf = (body: string, head = '') => build(page(`<title>The headline of it</title>${head}`, body)).document
  test('the person of a copyright notice with a year, or of a licence attribution, authors a page that names no one else, with its source', () => {
    for (const footer of [
      '<footer><p>© 2019 Sven Schreivogel</p></footer>',
      '<div id="footer"><p>Copyright (c) 2012- Gregory Szorc. All rights reserved. Design by X</p></div>',
      '<p>© 2010 by Dr. Phillip W. Brunst | Impressum</p>',
      '<footer><span>Ein Tagebuch</span> von <a href="/" rel="cc:attributionURL">Donald Townsend</a> steht unter einer Lizenz</footer>',
      '<header><span class="site-title"><a href="/">Sprachpunkt</a></span> <span class="site-description">Alexander Lasch</span></header>',
      '<div id="credits"><p><small>(<a href="http://creativecommons.org/licenses/by-nc-sa/2.0/de/">Creative Commons-Lizenz</a>) 2006-2008 by Martin Weber<br>Hosted by <a href="/">X</a></small></p></div>',
    ]) {
      const doc = ownerOf(article + footer)
      expect(doc?.authors, footer).toHaveLength(1)
      expect(doc?.authors_source, footer).toBe('copyright')
    }
    expect(ownerOf(`${article}<footer>© 2020 Wolfgang Michal</footer>`)?.authors).toEqual(['Wolfgang Michal'])
    // In a footer a notice needs no year; the holder ends where the next link begins.
    expect(
      ownerOf(
        `${article}<div class="x-colophon-content"><p>© Samuel Diekmann <a href="/impressum">Impressum Datenschutz</a></p></div>`,
      )?.authors,
    ).toEqual(['Samuel Diekmann'])
    expect(
      ownerOf(`${article}<footer>Copyright © 2020 <a href="/">Jane Roe</a> <a href="/i">Impressum</a></footer>`)
        ?.authors,
    ).toEqual(['Jane Roe'])
  })

  test("a byline, an organisation's notice, a picture's credit, two different persons or a notice without a year give no owner", () => {
    const byline = ownerOf(`${article}<p class="byline">Von Anna Muster</p><footer>© 2019 Sven Schreivogel</footer>`)
    expect(byline?.authors).toEqual(['Anna Muster'])
    expect(byline?.authors_source).not.toBe('copyright')
    for (const footer of [
      '<footer>© 2023 Oberstdorf Resort</footer>',
      '<header><span class="site-title">Kaieteur News</span></header>',
      '<header><span class="site-title">Flawless Food</span></header>',
      '<footer>© 2022 Zoologischer Garten Berlin AG</footer>',
      '<footer>© 2019 Klambt Style-Verlag GmbH &amp; Co. KG</footer>',
      '<figure><img src="a.jpg"><figcaption>© 2021 Marcel Burkhardt</figcaption></figure>',
      '<p class="image-credit">© 2021 Marcel Burkhardt</p>',
      '<p>Foto von Marcel Burkhardt, <a href="https://creativecommons.org/licenses/by/2.0/">CC BY 2.0</a></p>',
      '<p>© Samuel Diekmann</p>',
      '<p>© 2021 Peter Steiger</p><footer>© 2021 Heidi Jost</footer>',
    ])
      expect(ownerOf(article + footer)?.authors, footer).toEqual([])
    // A page whose metadata names an organisation as its author is signed: no owner either.
    expect(
      ownerOf(
        `${article}<footer>© 2019 Sven Schreivogel</footer>`,
        '<meta name="author" content="Redaktion Beispielzeitung">',
      )?.authors,
    ).toEqual([])
  })

  test("a text's own copyright line at a line's start names its owner; one inside a sentence or a picture's credit does not", () => {
    const text = (tail: string, byline = '') =>
      processDoc(
        decodeDoc(
          new TextEncoder().encode(`The headline of it\n\n${byline}${sentence}\n\n${sentence}\n\n${tail}\n`),
          'raw/t.txt',
        ),
        newContext(),
      ).document
    const owned = text('© 2020 Wolfgang Michal')
    expect(owned?.authors).toEqual(['Wolfgang Michal'])
    expect(owned?.authors_source).toBe('copyright')
    expect(owned?.text).toContain(sentence)
    expect(text('Foto: © 2020 Wolfgang Michal')?.authors).toEqual([])
    expect(text(`Wie ${sentence} © 2020 Wolfgang Michal`)?.authors).toEqual([])
    expect(text('© 2020 Wolfgang Michal', 'By Anna Muster\n\n')?.authors).toEqual(['Anna Muster'])
  })
})

describe('every page a browser shows is read', () => {
  test('a stray invalid byte becomes U+FFFD and a NUL byte is dropped, each a warning with its line; a text file is still refused', () => {
    const html = page('<meta charset="utf-8">', `<h1>Title</h1>\n<p>${sentence}</p>\n<p>${sentence} caf\u00e9</p>`)
    const bytes = Buffer.from(html.replace('caf\u00e9', 'cafX'), 'utf8')
    bytes[bytes.indexOf('cafX') + 3] = 0xe9
    const bad = build(bytes)
    expect(bad.failed).toBe(false)
    expect(bad.document?.text).toContain('caf\ufffd')
    expect(bad.messages.find((m) => m.rule === 'read-encoding')?.line).toBe(3)
    const nul = build(Buffer.concat([Buffer.from(html.slice(0, 200)), Buffer.from([0]), Buffer.from(html.slice(200))]))
    expect(nul.failed).toBe(false)
    expect(nul.messages.some((m) => m.rule === 'read-encoding' && /NUL/.test(m.reason))).toBe(true)
    expect(build(Buffer.from([0x61, 0, 0x62]), 'x.txt').failed).toBe(true)
  })

  // Every element name of HTML (and a few obsolete and unknown ones) inside an article: read or left out, never a crash.
  const ELEMENTS =
    'a abbr address area article aside audio b bdi bdo blockquote br button canvas caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr i iframe img input ins kbd label legend li map mark menu meter nav noscript object ol optgroup option output p picture pre progress q rp rt ruby s samp search section select slot small source span strong sub summary sup table tbody td template textarea tfoot th thead time tr track u ul var video wbr svg math center font big tt strike marquee nobr acronym dir xmp unknown-element'.split(
      ' ',
    )
  test.each(ELEMENTS)('<%s> inside an article', (name) => {
    const doc = build(
      `<!doctype html><html><body><article><h1>A title</h1><p>${sentence}</p><p>${sentence} <${name}>inner words here</${name}> and more.</p><p>${sentence}</p></article></body></html>`,
      `e-${name}.html`,
    )
    expect(doc.messages.filter((m) => m.severity === 'error')).toEqual([])
    expect(doc.failed).toBe(false)
  })

  test('struck text keeps its words', () => {
    const doc = build(
      `<!doctype html><html><body><article><h1>A title</h1><p>${sentence} It was <del>never</del> <s>quite</s> right.</p><p>${sentence}</p></article></body></html>`,
    )
    expect(doc.document?.text).toContain('It was never quite right.')
  })

  test('a ruby annotation is a reading aid over the text, not words of it', () => {
    const doc = build(
      `<!doctype html><html><body><article><h1>A title</h1><p>${sentence}</p><p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもの<ruby>法律<rt>ほうりつ</rt></ruby>ができました。</p><p>${sentence}</p></article></body></html>`,
    )
    expect(doc.document?.text).toContain('子どもの法律ができました。')
  })
})

describe('no article word is taken for a byline', () => {
  test('a wrapped body line that starts with By but names no one stays in the body', () => {
    const text =
      'Microsoft plans a new system\n\nMarch 3, 2003\n\nBy the end of 2004 Microsoft aims to launch\na new version of its operating system, the company said.\nIt gave no further details of the plan on Monday.\n'
    const doc = build(text, 'by.txt')
    expect(doc.document?.text).toContain('By the end of 2004 Microsoft aims to launch')
    expect(doc.document?.authors).toEqual([])
  })

  test("a date inside a link's address is no header date: the short paragraphs above it stay the body", () => {
    const text =
      'Gefällt mir\n\nManchmal überrascht einen der Alltag mit kleinen Freuden.\n\nGut investierte 20 Cent!\n\n[Kommentarfeed](http://example.org/2011/09/11/gefallt-mir/trackback/)\n'
    const doc = build(text, 'link.txt')
    expect(doc.document?.text).toContain('Manchmal überrascht einen der Alltag mit kleinen Freuden.')
    expect(doc.document?.published).toBeNull()
  })

  test('an acronym beside a word in lower case names a body, not a person', () => {
    expect(bylineNames('PGE Ekstraliga').names).toEqual([])
    expect(bylineNames('MORITZ GATHMANN').names).toEqual(['Moritz Gathmann'])
  })

  test('von before a capitalised name is a byline in German text', () => {
    const doc = build(
      'Ein Titel über die Stadt\n\nvon Anna Muster\n\n19. Juli 2014\n\nDer Stadtrat hat am Montag beschlossen, die Brücke zu sanieren. Die Arbeiten sollen im Herbst beginnen und zwei Jahre dauern.\n',
      'von.txt',
    )
    expect(doc.document?.authors).toEqual(['Anna Muster'])
    expect(doc.document?.published).toBe('2014-07-19')
  })
})

describe('the article of a page', () => {
  test('a form to write in (a comment form) is never the article, however short the post above it', () => {
    const form =
      '<div id="respond"><h3>Leave a reply</h3><form id="commentform"><p>Your email address will not be published. Required fields are marked with a star and must be filled in.</p><p><label>Comment</label><textarea name="comment"></textarea></p><p><label>Name</label><input name="author"> <label>Email</label><input name="email"> <label>Website</label><input name="url"></p><p><input type="checkbox"> Save my name, email, and website in this browser for the next time I comment.</p><p><input type="checkbox"> Notify me of follow-up comments by email. Notify me of new posts by email.</p>' +
      '<p>You are commenting using your account, which you can change, log out of, or link to another one at any time, as you like.</p>'.repeat(
        4,
      ) +
      '</form></div>'
    const doc = build(
      `<!doctype html><html><body><div id="content"><div class="post"><h2>A short post</h2><p>"I know I am tired and should not say this."</p><p>"Then do not say it."</p><p>"Fine, I will keep quiet then."</p></div>${form}</div></body></html>`,
    )
    expect(doc.document?.text).toContain('Then do not say it.')
    expect(doc.document?.text).not.toContain('Notify me')
  })
  test("on a page that scrolls on into other articles, the article the canonical address names is the page's", () => {
    const other = `<article id="another-story-of-the-week"><h2>Another story</h2>${'<p>The council voted on the budget again, and the mayor said that the plan would be revised.</p>'.repeat(12)}</article>`
    const named = `<article id="the-named-story-here" data-path="news/2019/05/14/the-named-story-here"><h2>The named story</h2>${`<p>${sentence}</p>`.repeat(5)}</article>`
    const doc = build(
      `<!doctype html><html><head><link rel="canonical" href="https://example.org/news/2019/05/14/the-named-story-here/"></head><body>${named}${other}${other.replaceAll('another-story-of-the-week', 'a-third-story-below')}</body></html>`,
    )
    expect(doc.document?.text).toContain('The committee met on Tuesday')
    expect(doc.document?.text).not.toContain('The council voted')
  })
  test("a quoted post's date (a blockquote) is no header field: the paragraphs above it stay the body, not a deck", () => {
    const field = (text: string) =>
      `<div class="field__item"><div class="paragraph paragraph--type--text"><div class="clearfix text-formatted field field--name-field-text field--label-hidden field__item">${text}</div></div></div>`
    const second =
      '<p>The minister recalled that her party was the first to ask for an end to the emergency, and said so again on Monday.</p>'
    const doc = build(
      `<!doctype html><html><body><main><div id="block-content" class="block-main"><h1>A title</h1><div class="description"><p><strong>${sentence}</strong></p></div><div class="field field--name-field-inhalt field__items">${field(`<p>${sentence}</p>${second}`)}${field('<blockquote class="twitter-tweet"><p>A post on a social network, quoted whole. pic.twitter.com/abc</p>— A Person (@aperson) October 27, 2021</blockquote>')}${field(`<p>${sentence}</p><p>${sentence}</p><p>${sentence}</p>`)}${field('<p>The paper is available here:</p>')}</div></div></main></body></html>`,
    )
    expect(doc.document?.text).toContain('was the first to ask for an end')
  })
})

describe("an author field of another site's maker", () => {
  const withMetaAuthor = (author: string, canonical: string) =>
    markupOf(
      page(
        `<title>The headline of it</title><link rel="canonical" href="${canonical}"><meta name="author" content="${author}">`,
        `<h1>The headline of it</h1><p>${sentence}</p>`,
      ),
    ).authors?.value
  test("a meta author beside another site's address is the theme's maker; beside the page's own, or an archive's copy of it, the author", () => {
    expect(withMetaAuthor('Frank Bueltge - http://bueltge.de', 'http://www.example-blog.de/post.htm')).toBeUndefined()
    expect(withMetaAuthor('Jane Roe - https://janeroe.com', 'https://www.janeroe.com/2019/post/')).toEqual(['Jane Roe'])
    expect(
      withMetaAuthor(
        'Jane Roe - https://janeroe.com',
        'https://web.archive.org/web/20150721045344/https://janeroe.com/post/',
      ),
    ).toEqual(['Jane Roe'])
    expect(withMetaAuthor('Jane Roe', 'http://www.example-blog.de/post.htm')).toEqual(['Jane Roe'])
  })
})
