import type { Element, Root, RootContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import {
  bodyDates,
  choosePageDate,
  DATE_RANK,
  isoDate,
  metaDate as metaDateOf,
  orderOf,
  orderShown,
  scriptDate,
  timestampZone,
  urlDate,
  urlDateIsFolders,
  type DateContext,
  type PageDate,
} from './dates.ts'
import { bodyBylines, bylineNames, opensWithGivenName, siteOwner } from './names.ts'
import type { Markup, Sourced } from '../types.ts'
import type { MessageId } from '../rules/messages.ts'

// What a saved page's markup says about its article: <meta> tags (Open Graph, Dublin Core, the common
// news names), JSON-LD (schema.org), <link rel=canonical>, <html lang> and <title>.

/** schema.org types of an article (NewsArticle, ReportageNewsArticle, BlogPosting, ...); a web page is asked only when no article is described, and any other creative work (a review) last. */
const ARTICLE_TYPE = /(?:Article|BlogPosting|ReportageNews|Report)$/
const PAGE_TYPE = /(?:WebPage|ItemPage)$/

/** Meta names and properties (lower case) of each field, in the order they are preferred. */
const META = {
  title: ['og:title', 'twitter:title', 'title', 'dc.title', 'headline'],
  authors: [
    'author',
    'article:author',
    'og:article:author',
    'byl',
    'sailthru.author',
    'parsely-author',
    'dc.creator',
    'dcterms.creator',
    'citation_author',
  ],
  outlet: ['og:site_name', 'application-name'],
  url: ['og:url'],
} as const

/** An element's attribute as text (hast keeps attributes as properties, some as lists). */
function attr(el: Element, key: string): string | null {
  const value = el.properties[key]
  if (value === undefined || value === null || value === false) return null
  return Array.isArray(value) ? value.join(' ') : String(value)
}

/** The text of an element's descendants. */
export function textOf(node: Element | Root | RootContent): string {
  const out: string[] = []
  const stack: (Element | Root | RootContent)[] = [node]
  while (stack.length > 0) {
    const n = stack.pop()
    if (n === undefined) break
    if (n.type === 'text') out.push(n.value)
    else if ((n.type === 'element' || n.type === 'root') && n.children.length > 0)
      for (let i = n.children.length - 1; i >= 0; i -= 1) stack.push(n.children[i] as RootContent)
  }
  return out.join('')
}

/** The host of the last address a text holds (an archive's copy names the page it copied last), without `www.`, lower case; null without one. */
const hostOf = (text: string): string | null =>
  [...text.matchAll(/(?:https?:\/\/|\bwww\.)([\w.-]+\.[a-z]{2,})/gi)]
    .at(-1)?.[1]
    ?.toLowerCase()
    .replace(/^www\./, '') ?? null

/** Whether an author field names another site beside its name (`Frank Bueltge - http://bueltge.de` on a blog his theme dresses): the theme's maker, not the page's author. */
function foreignSite(value: string, pageUrl: string | null): boolean {
  const field = hostOf(value)
  const page = pageUrl === null ? null : hostOf(pageUrl)
  return field !== null && page !== null && field !== page && !field.endsWith(`.${page}`) && !page.endsWith(`.${field}`)
}

/** A list, or null when it is empty. */
const nonEmpty = <T>(list: T[]): T[] | null => (list.length > 0 ? list : null)

/** Text with its runs of white space as single spaces, trimmed. */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

/** A JSON-LD or meta string as text: character references some pages leave in it (`&#8216;`, `&amp;`) decoded. */
const plainText = (text: string) => squash(text.includes('&') ? textOf(fromHtml(text, { fragment: true })) : text)

/** Whether a value can be an outlet's name: not an address or a handle. */
const isName = (value: string) => value !== '' && !/^(?:https?:\/\/|www\.|@)/i.test(value)

/** Person names in an author value (`By Jane Doe`, `Jane Doe and John Roe`, `Rob Picheta, CNN`); an organisation is returned apart. */
const personNames = (text: string) => bylineNames(plainText(text), 2, { metadata: true })

/** A JSON-LD value's objects, flattened through arrays and @graph. */
function objectsOf(value: unknown, out: Record<string, unknown>[] = [], depth = 0): Record<string, unknown>[] {
  if (depth > 8) return out
  if (Array.isArray(value)) for (const v of value) objectsOf(v, out, depth + 1)
  else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>
    out.push(object)
    if (object['@graph'] !== undefined) objectsOf(object['@graph'], out, depth + 1)
  }
  return out
}

const typesOf = (o: Record<string, unknown>): string[] =>
  Array.isArray(o['@type']) ? (o['@type'] as unknown[]).map(String) : typeof o['@type'] === 'string' ? [o['@type']] : []
const nameOf = (v: unknown): string | null =>
  typeof v === 'string'
    ? v
    : v !== null && typeof v === 'object' && typeof (v as Record<string, unknown>).name === 'string'
      ? ((v as Record<string, unknown>).name as string)
      : null

/** The JSON-LD objects that may describe the article, the likeliest first: articles, then web pages, then any other work with a headline or date (a review). */
function rankedObjects(blocks: readonly unknown[]): Record<string, unknown>[] {
  const objects = blocks.flatMap((b) => objectsOf(b))
  const rank = (o: Record<string, unknown>) =>
    typesOf(o).some((t) => ARTICLE_TYPE.test(t))
      ? 0
      : typesOf(o).some((t) => PAGE_TYPE.test(t))
        ? 1
        : typeof o.datePublished === 'string' || typeof o.headline === 'string'
          ? 2
          : 3
  return objects
    .map((o, i) => ({ o, r: rank(o), i }))
    .filter((x) => x.r < 3)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.o)
}

/** What JSON-LD says of the article: each field from the likeliest object that gives it. */
function fromJsonLd(
  objects: readonly Record<string, unknown>[],
  byId: ReadonlyMap<string, Record<string, unknown>>,
  dates: DateContext,
): Partial<Record<'title' | 'published' | 'modified' | 'outlet', string>> & {
  authors?: string[]
  authorOrganisation?: string
  publishedZone?: PageDate['zone']
} {
  const out: ReturnType<typeof fromJsonLd> = {}
  const date = (v: unknown) => (typeof v === 'string' ? isoDate(v, dates) : null)
  for (const object of objects) {
    if (out.title === undefined && typeof object.headline === 'string' && plainText(object.headline) !== '')
      out.title = plainText(object.headline)
    // Publication, else creation; a modification date only stands in when the article gives neither.
    const published = date(object.datePublished) ?? date(object.dateCreated)
    if (out.published === undefined && published !== null) {
      out.published = published
      out.publishedZone = timestampZone(String(object.datePublished ?? object.dateCreated))
    }
    const modified = date(object.dateModified)
    if (out.modified === undefined && modified !== null) out.modified = modified
    const publisher = nameOf(Array.isArray(object.publisher) ? object.publisher[0] : object.publisher)
    if (out.outlet === undefined && publisher !== null && isName(plainText(publisher)))
      out.outlet = plainText(publisher)
    if (out.authors !== undefined) continue
    const names: string[] = []
    // The author, else the creator; a reference (`{"@id": ...}`, as Yoast writes) is the object of the graph it names.
    const credited = object.author ?? object.creator
    for (const given of objectsOf(credited).concat(typeof credited === 'string' ? [{ name: credited }] : [])) {
      const author =
        nameOf(given) === null && typeof given['@id'] === 'string' ? (byId.get(given['@id']) ?? given) : given
      const name = nameOf(author)
      if (name === null) continue
      const types = typesOf(author)
      const isOrganisation = types.length > 0 && !types.includes('Person')
      const read = personNames(name)
      if (isOrganisation || read.names.length === 0)
        out.authorOrganisation ??= read.organisation ?? (isOrganisation ? squash(name) : undefined)
      else names.push(...read.names)
    }
    if (names.length > 0) out.authors = [...new Set(names)]
  }
  return out
}

/** Reads a page's markup; `warn` is told of what could not be read (a JSON-LD block that is not JSON), with its line; `time` runs each search of the page's body (a benchmark's timer). */
export function readMarkup(
  tree: Root,
  warn: (rule: MessageId, reason: string, line: number | undefined) => void,
  time: <T>(part: 'dates' | 'bylines' | 'owner', fn: () => T) => T = (_, fn) => fn(),
): Markup {
  const metas = new Map<string, string>()
  const jsonLd: unknown[] = []
  let canonical: string | null = null
  let language: string | null = null
  let documentTitle: string | null = null
  let region: string | null = null
  const slashDates: string[] = []
  let scriptData: PageDate | null = null
  const stack: (Root | RootContent)[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === undefined) break
    if (node.type === 'element') {
      const el = node
      if (el.tagName === 'html') language = attr(el, 'lang') ?? attr(el, 'xmlLang')
      else if (el.tagName === 'meta') {
        // An itemprop meta describes its item (a cited work's author, in a reference list), not always the page: kept apart.
        const itemProp = attr(el, 'itemProp')
        const key = (
          attr(el, 'property') ??
          attr(el, 'name') ??
          (itemProp === null ? null : `itemprop:${itemProp}`)
        )?.toLowerCase()
        const content = attr(el, 'content')
        if (key !== undefined && content !== null && squash(content) !== '' && !metas.has(key))
          metas.set(key, plainText(content))
      } else if (el.tagName === 'link' && /\bcanonical\b/i.test(attr(el, 'rel') ?? '')) canonical ??= attr(el, 'href')
      else if (el.tagName === 'title') documentTitle ??= squash(textOf(el)) || null
      else if (el.tagName === 'script' && !/ld\+json/i.test(attr(el, 'type') ?? '')) {
        scriptData ??= scriptDate(textOf(el))
        continue
      } else if (el.tagName === 'script') {
        // Control characters inside strings are a common fault of hand-made JSON-LD; as spaces they break nothing.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this takes out of a script's text
        const text = textOf(el).replace(/[\u0000-\u001f]+/g, ' ')
        try {
          jsonLd.push(JSON.parse(text))
        } catch (error) {
          warn(
            'page-json-ld',
            `A JSON-LD block is not valid JSON (${error instanceof Error ? error.message : String(error)}); its metadata is not read`,
            el.position?.start.line,
          )
        }
        continue
      }
    } else if (node.type === 'text' && node.value.includes('/') && /\d\/\d/.test(node.value))
      slashDates.push(node.value)
    if ((node.type === 'element' || node.type === 'root') && node.children.length > 0)
      for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i] as RootContent)
  }
  const lang = /^([a-z]{2,3})(?:[-_]|$)/i.exec(language ?? '')?.[1]?.toLowerCase() ?? null
  region = /^[a-z]{2,3}[-_]([a-z]{2})\b/i.exec(language ?? metas.get('og:locale') ?? '')?.[1]?.toLowerCase() ?? null
  // A numeric date's order: what the page's own unambiguous dates show, else what its language writes.
  const dates: DateContext = { lang, order: orderShown(slashDates) ?? orderOf(lang, region) }
  const byId = new Map<string, Record<string, unknown>>()
  for (const object of jsonLd.flatMap((b) => objectsOf(b)))
    if (typeof object['@id'] === 'string' && nameOf(object) !== null) byId.set(object['@id'], object)
  const ld = fromJsonLd(rankedObjects(jsonLd), byId, dates)
  const meta = (keys: readonly string[]) => keys.map((k) => metas.get(k)).find((v) => v !== undefined) ?? null
  const sourced = <T>(value: T | null | undefined, source: Sourced<T>['source']): Sourced<T> | null =>
    value === null || value === undefined ? null : { value, source }

  const metaTitle = meta(META.title)
  // Twitter's label/data pairs (`Written by`, `Verfasst von`: Yoast writes the author there); a pair whose data names no person (a reading time) gives none.
  const twitterData = [1, 2, 3, 4].flatMap((n) =>
    metas.has(`twitter:label${n}`) ? [metas.get(`twitter:data${n}`)] : [],
  )
  const absolute = (u: string | null) => (u !== null && /^https?:\/\/\S+$/i.test(u) ? u : null)
  const url = absolute(canonical) ?? absolute(meta(META.url))
  const metaAuthors = [...META.authors.map((k) => metas.get(k)), ...twitterData]
    .filter((v): v is string => v !== undefined && !foreignSite(v, url))
    .map(personNames)
  const metaNames = metaAuthors.find((a) => a.names.length > 0)?.names ?? null
  // Every place the page states a date, ranked as htmldate ranks them; publication before modification.
  const candidates: PageDate[] = [...metas].flatMap(([key, content], at) => metaDateOf(key, content, dates, at) ?? [])
  if (ld.published !== undefined)
    candidates.push({
      iso: ld.published,
      source: 'json-ld',
      rank: DATE_RANK.jsonLd,
      modified: false,
      at: 0,
      zone: ld.publishedZone,
    })
  if (ld.modified !== undefined)
    candidates.push({ iso: ld.modified, source: 'json-ld', rank: DATE_RANK.jsonLd, modified: true, at: 0 })
  const fromUrl = urlDate(url)
  if (fromUrl !== null)
    candidates.push({
      iso: fromUrl,
      source: 'url',
      rank: DATE_RANK.url,
      modified: false,
      at: 0,
      zone: urlDateIsFolders(url) ? 'local' : undefined,
    })
  const fromTitle = documentTitle === null ? null : isoDate(documentTitle, dates)
  if (fromTitle !== null)
    candidates.push({ iso: fromTitle, source: 'html-meta', rank: DATE_RANK.documentTitle, modified: false, at: 0 })
  // The title the page's headline is found by, for the date search and the byline search alike.
  const headlineTitle = ld.title ?? metaTitle ?? documentTitle
  candidates.push(...time('dates', () => bodyDates(tree, dates, headlineTitle)))
  if (scriptData !== null) candidates.push(scriptData)
  const chosen = choosePageDate(candidates)
  // The byline the page's body shows under its headline: the authors when its metadata names no one; else only a marked one is read, for co-authors.
  const stated = sourced(ld.authors, 'json-ld') ?? sourced(metaNames, 'html-meta')
  const bylines = time('bylines', () =>
    bodyBylines(tree, headlineTitle, ld.outlet ?? meta(META.outlet), {
      markedOnly: stated !== null,
    }),
  )
  // A byline the page shows that names the metadata's persons and more (`von A, B` where JSON-LD names A, the account that posted) names every author;
  // each further name must open with a given name, as the byline's words around a link are not always names (`View Author Archive`).
  const key = (name: string) => name.toLowerCase()
  const fuller =
    stated !== null &&
    bylines.names.length > stated.value.length &&
    stated.value.every((n) => bylines.names.some((b) => key(b) === key(n))) &&
    bylines.names.every((b) => stated.value.some((n) => key(n) === key(b)) || opensWithGivenName(b))
  const metaDate =
    candidates.find((c) => c.source === 'html-meta' && c.rank === DATE_RANK.meta && !c.modified)?.iso ?? null
  // Two dates of publication in one page's markup: the one the page shows elsewhere is taken, else JSON-LD (it names its fields); the other is worth a look.
  if (ld.published !== undefined && metaDate !== null && ld.published !== metaDate)
    warn(
      'page-date',
      `The page's JSON-LD gives the publication date ${ld.published}, its meta tags ${metaDate}; using ${chosen?.iso === metaDate ? 'the meta tags, whose date the page shows elsewhere' : 'JSON-LD'}`,
      undefined,
    )
  const organisation =
    sourced(ld.authorOrganisation, 'json-ld') ??
    sourced(metaAuthors.find((a) => a.organisation !== null)?.organisation, 'html-meta')
  return {
    title: sourced(ld.title, 'json-ld') ?? sourced(metaTitle, 'html-meta'),
    authors: fuller || stated === null ? sourced(nonEmpty(bylines.names), 'header') : stated,
    published: chosen === null ? null : { value: chosen.iso, source: chosen.source },
    outlet:
      sourced(ld.outlet, 'json-ld') ??
      sourced(
        [meta(META.outlet)].find((o) => o !== null && isName(o)),
        'html-meta',
      ),
    url,
    language: lang,
    documentTitle,
    organisation,
    // A page that names no author at all may be its owner's own (a personal site's copyright); not when an organisation signs it.
    owner:
      stated === null && bylines.names.length === 0 && organisation === null && bylines.organisation === null
        ? sourced(nonEmpty(time('owner', () => siteOwner(tree))), 'copyright')
        : null,
  }
}
