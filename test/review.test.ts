/// <reference lib="dom" />
// Code run inside the page (evaluate, $eval) sees the browser's DOM.
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ChangeRow, Document, Paragraph, Reject } from '../schemas/index.ts'
import { distDir, readTable } from './helpers.ts'

// The review site of the committed release, in the system's Chromium (Debian's package; .ci/run installs it).
// Nothing here downloads a browser: puppeteer-core only drives the one named.
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium'
const site = join(distDir, 'review')
const url = (path: string) => `file://${join(site, path)}`
// SCREENSHOTS=1 writes them where the README shows them; otherwise beside the tests, ignored by git.
const shots =
  process.env.SCREENSHOTS === '1'
    ? new URL('../docs/screenshots/', import.meta.url).pathname
    : new URL('../.review-screenshots/', import.meta.url).pathname

const documents = readTable<Document>(distDir, 'documents')
const paragraphs = readTable<Paragraph>(distDir, 'paragraphs')
const changes = readTable<ChangeRow>(distDir, 'changes')
const rejects = readTable<Reject>(distDir, 'rejects')

let browser: Browser

beforeAll(async () => {
  if (!existsSync(chromium))
    throw new Error(
      `No Chromium at ${chromium}: install Debian's chromium package (apt-get install -y chromium), or set CHROMIUM`,
    )
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
  })
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

/** Opens a page of the site, collecting console errors, uncaught errors and failed requests. */
async function open(path: string, width = 1280, height = 900): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage()
  await page.setViewport({ width, height })
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`error: ${e instanceof Error ? e.message : String(e)}`))
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`))
  await page.goto(url(path), { waitUntil: 'load' })
  return { page, problems }
}

describe('the review site of the committed release, in Chromium', () => {
  test('every page loads with no console error and no failed request', async () => {
    const pages = ['index.html', 'figures.html', ...readdirSync(join(site, 'articles')).map((f) => `articles/${f}`)]
    expect(pages.length).toBe(documents.length + 2)
    for (const path of pages) {
      const { page, problems } = await open(path)
      expect(problems, path).toEqual([])
      // Landmarks and one h1: a screen reader finds its way.
      expect(await page.$$eval('main, header nav', (els) => els.length), path).toBeGreaterThanOrEqual(2)
      expect(await page.$$eval('h1', (els) => els.length), path).toBe(1)
      await page.close()
    }
  }, 120_000)

  test("the index's counts are the tables' counts, and its filter and pages work", async () => {
    const { page } = await open('index.html')
    const counts = Object.fromEntries(
      await page.$$eval('[data-count]', (els) =>
        els.map((e) => [(e as HTMLElement).dataset.count, Number(e.textContent)]),
      ),
    )
    expect(counts).toEqual({
      articles: documents.length,
      paragraphs: paragraphs.length,
      words: documents.reduce((n, d) => n + d.n_words, 0),
      removals: changes.filter((c) => c.action === 'remove').length,
      joins: changes.filter((c) => c.action === 'join').length,
      rejects: rejects.length,
      warnings: readTable<{ severity: string }>(distDir, 'messages').filter((m) => m.severity === 'warning').length,
    })
    expect(await page.$$eval('#rows tr', (rows) => rows.length)).toBe(Math.min(50, documents.length))
    // Filtering by an outlet shows the articles that name it in any column.
    const outlet = documents.find((d) => d.outlet !== null)?.outlet ?? ''
    await page.type('#filter', outlet)
    const expected = documents.filter((d) =>
      [d.title, d.outlet ?? 'no outlet named', d.published ?? '', d.authors.join(', '), d.layout]
        .join(' ')
        .toLowerCase()
        .includes(outlet.toLowerCase()),
    )
    expect(await page.$$eval('#rows tr', (rows) => rows.length)).toBe(expected.length)
    expect(expected.length).toBeLessThan(documents.length)
    // Sorting by date puts the earliest first.
    await page.click('#filter', { count: 3 })
    await page.keyboard.press('Backspace')
    await page.click('button[data-sort="date"]')
    const dates = await page.$$eval('#rows tr td:nth-child(3)', (cells) => cells.map((c) => c.textContent ?? ''))
    expect(dates).toEqual([...dates].sort())
    mkdirSync(shots, { recursive: true })
    await page.screenshot({ path: join(shots, 'index-desktop.png'), fullPage: true })
    await page.close()
  }, 60_000)

  test('each article page strikes through every removal, and its paragraphs are the paragraphs table', async () => {
    for (const doc of documents) {
      const { page } = await open(`articles/${encodeURIComponent(doc.doc_id)}.html`)
      const removals = changes.filter((c) => c.doc_id === doc.doc_id && c.action === 'remove')
      expect(await page.$$eval('del.removal', (els) => els.length), doc.doc_id).toBe(removals.length)
      // Struck through and labelled with the rule: colour is never the only signal.
      if (removals.length > 0) {
        expect(await page.$eval('del.removal', (el) => getComputedStyle(el).textDecorationLine)).toContain(
          'line-through',
        )
        expect(await page.$eval('del.removal + .why', (el) => el.textContent)).toContain(removals[0]?.rule)
      }
      const kept = paragraphs.filter((p) => p.doc_id === doc.doc_id).map((p) => p.text)
      expect(await page.$$eval('.para', (els) => els.map((e) => e.textContent)), doc.doc_id).toEqual(kept)
      // Every paragraph links to its raw lines, which the page holds.
      const targets = await page.$$eval('.para-meta a[href^="#L"]', (links) => links.map((a) => a.getAttribute('href')))
      for (const target of targets) expect(await page.$(target ?? '#none'), target ?? '').not.toBeNull()
      await page.close()
    }
  }, 120_000)

  test('the annotation toggles hide and show each kind', async () => {
    const doc = documents.find((d) => d.doc_id.length > 0) as Document
    const { page } = await open(`articles/${encodeURIComponent(doc.doc_id)}.html`)
    const style = (kind: string) =>
      page.$eval(`#result .${kind}`, (el) => ({
        background: getComputedStyle(el).backgroundColor,
        decoration: getComputedStyle(el).textDecorationLine,
        outline: getComputedStyle(el).outlineStyle,
      }))
    const before = await style('q')
    await page.click('input[data-kind="q"]')
    expect(await page.$eval('#result', (el) => el.classList.contains('hide-q'))).toBe(true)
    expect((await style('q')).background).not.toBe(before.background)
    await page.click('input[data-kind="q"]')
    expect((await style('q')).background).toBe(before.background)
    await page.click('input[data-kind="e"]')
    expect((await style('e')).decoration).toBe('none')
    await page.click('input[data-kind="n"]')
    expect((await style('n')).outline).toBe('none')
    await page.close()
  }, 60_000)

  test('readable on a phone: nothing wider than the screen; screenshots at both widths', async () => {
    const article = `articles/${encodeURIComponent(documents[0]?.doc_id ?? '')}.html`
    mkdirSync(shots, { recursive: true })
    for (const [path, name] of [
      ['index.html', 'index'],
      [article, 'article'],
    ] as const) {
      const phone = await open(path, 390, 844)
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), path).toBe(
        true,
      )
      await phone.page.screenshot({ path: join(shots, `${name}-phone.png`) })
      await phone.page.close()
    }
    const desktop = await open(article)
    await desktop.page.screenshot({ path: join(shots, 'article-desktop.png') })
    await desktop.page.close()
    expect(readdirSync(shots).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(4)
  }, 60_000)
})
