import { createRequire } from 'node:module'
import type { Element, Root } from 'hast'
import { findDates, isWeekday } from './dates.ts'
import { attr, fromTitle, shortText, UNSHOWN, walkBody } from './regions.ts'
import { bylineLabel, bylinePlace, bylineRoles, organisationWords, pageDateLabel } from '../rules/header.ts'

// Person names as bylines and a page's metadata write them, in any language: a list split on commas and the
// language's `and`, each part a name of capitalised words (particles allowed), never a role, a handle, a
// salutation or an organisation (an organisation is returned apart, for the outlet).

// Name particles written in lower case inside a name (Ludwig van Beethoven, Osama bin Laden).
const PARTICLES = new Set([
  'van',
  'von',
  'vom',
  'zu',
  'de',
  'der',
  'den',
  'da',
  'das',
  'dos',
  'do',
  'di',
  'du',
  'del',
  'della',
  'la',
  'le',
  'bin',
  'ibn',
  'al',
  'el',
  'ten',
  'ter',
])
/** `and` in the languages of the press, between two names (lower case but for English: an initial is a capital). */
export const AND = '(?:[Aa][Nn][Dd]|und|et|y|e|en|och|og|i|и|a|ve|és|oraz)'
// Capitalised words that open sentences, headlines, salutations and section or genre labels (Pressemitteilung, Aktuell) but are never part of a person's name.
const NOT_NAMES = new Set(
  'the die ein eine einen einem einer a an on in at of for from by with to and or but as is was are were this that these those it its he she they we our his her their after before when while what who why how more most new breaking update updated staff dear hi hello other others stories story below above related comments comment share follow read more latest top all home page contact about us you your translation translated übersetzung übersetzt traduction traducción listen escucha escuchar écouter anhören vorlesen aktuell aktuelles neu neues pressemitteilung pressemeldung presseinformation mitteilung meldung press release communiqué kommentar analyse'.split(
    ' ',
  ),
)
const NAME_TOKEN = /^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.(?:\p{Lu}\.)*)$/u

/** Reads a list of person names (`A and B`, `A, B & C`), or null when any part is not a name of `minTokens` words or more. */
export function parseNames(text: string, minTokens = 1): string[] | null {
  const parts = text
    .replace(/[*_]/g, '')
    .trim()
    .replace(/(?<!\b(?:Jr|Sr|\p{Lu}))[.,;:]+$/u, '')
    .split(new RegExp(`\\s*[,;]\\s*(?:${AND}\\s+)?|\\s+${AND}\\s+|\\s*&\\s*`, 'u'))
    .map((part) => part.trim())
    .filter((part) => part !== '')
  if (parts.length === 0) return null
  const names: string[] = []
  for (const part of parts) {
    const tokens = dedupeName(part.split(/\s+/))
    const ok =
      tokens.length <= 5 &&
      tokens.length >= minTokens &&
      tokens.some((t) => NAME_TOKEN.test(t)) &&
      tokens.every((t) => (NAME_TOKEN.test(t) && !NOT_NAMES.has(t.toLowerCase())) || PARTICLES.has(t.toLowerCase())) &&
      // A particle joins a name to its family name: it never ends one (`Autorenseite von`).
      !PARTICLES.has((tokens.at(-1) ?? '').toLowerCase())
    if (!ok) return null
    names.push(tokens.map(fixCase).join(' '))
  }
  return names
}

// A page that prints the name twice in a row (Sean Martin Sean Martin: a link and its text) names one person; initials are not a name twice (R. R.).
function dedupeName(tokens: string[]): string[] {
  const half = tokens.length / 2
  return Number.isInteger(half) && half > 1 && tokens.slice(0, half).join(' ') === tokens.slice(half).join(' ')
    ? tokens.slice(0, half)
    : tokens
}

// An all-capitals name (CHRIS FAGAN) is a typographic choice; researchers match names in title case.
function fixCase(token: string): string {
  if (token.length < 2 || token !== token.toUpperCase() || /^(?:\p{Lu}\.)+$/u.test(token)) return token
  return token.toLowerCase().replace(/(^|['’-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase())
}

/** The head of a German role's compound (Projektleiterin, Pressesprecher, Chefredakteur): a role, never a name. */
const ROLE_COMPOUND =
  /\p{L}{3,}(?:leiter|leiterin|sprecher|sprecherin|referent|referentin|direktor|direktorin|präsident|präsidentin|minister|ministerin|vorsitzende|vorsitzender|redakteur|redakteurin|korrespondent|korrespondentin|autor|autorin|experte|expertin|journalist|journalistin)$/u

/** The head of a newspaper's compound name (Volksblatt, Landeszeitung, Tagesanzeiger): an outlet, never a person. */
const NEWSPAPER_COMPOUND = /\p{L}{3,}(?:zeitung|blatt|kurier|anzeiger|rundschau|bote|presse|nachrichten|news)$/u

/** Splits a name list from what follows it in the same field: a role (`Senior Contributor`) ends the names. */
export function namesOf(
  text: string,
  minTokens: number,
): { names: string[] | null; organisation: string | null; role: boolean } {
  const parts = text
    .split(new RegExp(`\\s*[,;]\\s*|\\s+${AND}\\s+|\\s*&\\s*`, 'u'))
    .map((p) => p.trim())
    .filter((p) => p !== '')
  const kept: string[] = []
  let role = false
  let organisation: string | null = null
  for (const part of parts) {
    const tokens = part.split(/\s+/)
    // A role may be a word of a compound (FOCUS-Online-Experte).
    const isRole = (t: string) =>
      t
        .toLowerCase()
        .split('-')
        .some((w) => bylineRoles.has(w) || ROLE_COMPOUND.test(w))
    const at = tokens.findIndex(isRole)
    // An acronym beside a word in lower case (`PGE Ekstraliga`, `NDR Info`) names a body, not a person (whose name in capitals is capitals throughout).
    const acronym = tokens.some((t) => /^\p{Lu}{3,5}$/u.test(t)) && tokens.some((t) => /\p{Ll}/u.test(t))
    if (
      (acronym ||
        tokens.some((t) =>
          t
            .toLowerCase()
            .split('-')
            .some((w) => organisationWords.has(w) || NEWSPAPER_COMPOUND.test(w)),
        )) &&
      at === -1
    ) {
      organisation ??= part
      continue
    }
    if (at === -1) kept.push(part)
    else {
      role = true
      // A role after a name describes it (Steve Peoples, AP Political Writer); on the name's own part it follows it (Bruce Lee Senior Contributor).
      if (at > 0 && kept.length === 0) kept.push(tokens.slice(0, at).join(' '))
      // A role before the name titles it (Chefredakteur Christian Stadtfeld): the name follows the last role word.
      else if (at === 0) {
        const after = tokens.slice(tokens.length - [...tokens].reverse().findIndex(isRole))
        if (after.length > 0 && /^\p{Lu}/u.test(after[0] ?? '')) kept.push(after.join(' '))
      }
    }
  }
  const names = kept.length === 0 ? null : parseNames(kept.join(', ').replace(bylinePlace, ''), minTokens)
  return { names, organisation, role }
}

/** A field without the punctuation that ends it, but for the dot of a final initial (`Joe S.`), which is the name's. */
export const withoutTrailingMarks = (field: string): string =>
  field.replace(/[\s,;:.–—-]+$/u, (m: string, at: number, all: string) =>
    m.startsWith('.') && /(?:^|\s)\p{Lu}$/u.test(all.slice(0, at)) ? '.' : '',
  )

/** What follows the names from the first number on, with its preposition (`am 21. April`, `on 3 May`, `le 3 mars`): a date or a time, never a name. */
const DATE_TAIL = /(?:\s+(?:am|on|at|le|el|il|op|den|vom|du|del|um))?\s+\S*\d.*$/u

/** A date's label in a byline's field with the date after it (`Erstellt am 01.01.23`, `Zuletzt geändert am 6.11.2023`, `Published 3 May`): the field ends where it starts. */
export function withoutDateLabel(field: string): string {
  for (const m of field.matchAll(pageDateLabel))
    if (m.index > 0 && /^\W*(?:\p{L}+\s+){0,2}\S*\d/u.test(field.slice(m.index + m[0].length)))
      return field.slice(0, m.index)
  return field
}

/**
 * A byline's text without its label (`Von`, `Ein Artikel von`, `Autor:`). In an author field of the page's
 * metadata (`metadata`), which holds names and no sentence, a lower-case particle between a capitalised word
 * and a single last word is part of a name, not a label (`Christoph von Ritter`); in visible text it is as
 * often a phrase (`Eingestellt von HansG`, `Verbot von Auslandsüberweisungen`).
 */
function unlabelled(text: string, metadata: boolean): string {
  const m = bylineLabel.exec(text)
  if (m === null) return text
  const rest = text.slice(m[0].length)
  const particle = /^(\p{Lu}\p{L}*\s+)(?:von|van|de|di|da|del|der|av|af)\s+$/u.test(m[0])
  return metadata && particle && /^\S+$/u.test(rest.trim()) ? text : rest
}

/** A handle, an address or a relative time beside a byline's names (`@catherineshu`, `2 days ago`): never part of one. */
const NOT_NAME_PARTS = /@[\w.]+|https?:\/\/\S+|\b\d+\s*(?:\p{L}+\.?\s*)?(?:ago|read)?$/giu

/**
 * The persons a byline or an author field names, in any language: a label (`Von`, `par`, `Autor:`,
 * `Text von`) dropped, then each field between separators (`|`, ` - `, `/`, a comma before an outlet) read
 * as a name list; a field that names no person (an outlet, a role, a handle) is left out, and an
 * organisation is returned apart. `minTokens` is the fewest words a name has (2 for metadata: a lone first
 * name may be a site's handle); `metadata` says the text is an author field of the page's markup.
 */
export function bylineNames(
  text: string,
  minTokens = 2,
  { metadata = false, labelledOnly = false } = {},
): { names: string[]; organisation: string | null } {
  // Inline elements set side by side without a space (`<span>By</span><a>Alex Bozarjian</a>`) glue the label to the name;
  // an author box's heading (`Über Steffi`, `About Jane Doe`) names its author after the word for about.
  const value = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:By|BY|Von|VON|Par|Por)(?=\p{Lu}\p{Ll})|^(?:Über|About|À propos de|Acerca de|Sobre)\s+(?=\p{Lu})/u, '')
  if (value === '' || value.length > 200 || /^https?:\/\//i.test(value)) return { names: [], organisation: null }
  const names: string[] = []
  let organisation: string | null = null
  let pastDate = false
  for (const raw of value.split(BYLINE_FIELDS).flatMap((f) => f.split(CREDIT_FIELD))) {
    const label = bylineLabel.exec(raw)?.[0]
    // Names stand before the byline's date; after it come its section and counters (`Von A | 18. Oktober 2023 | Junges Leben`), unless a label opens them.
    if (pastDate && names.length > 0 && label === undefined) continue
    // A byline known by its words alone names only in the field its label opens (`Qualität von Wassersportlern | Repair Kontakt` names no one).
    if (labelledOnly && label === undefined) continue
    // A field a picture's or a translation's label opens (`Foto: X`, `Übersetzung: Y`) names no author.
    if (label !== undefined && isPictureCredit(label)) continue
    const dated = withoutDateLabel(raw).replace(DATE_TAIL, '')
    pastDate ||= dated !== raw
    // A weekday before the date that was cut (`Heiko Sauer Do, 9. April`) goes with it.
    const undated =
      dated !== raw
        ? dated.replace(/\s+(\p{L}{2,12})[.,]?$/u, (m: string, w: string) => (isWeekday(w) ? '' : m))
        : dated
    const field = withoutTrailingMarks(unlabelled(undated.replace(NOT_NAME_PARTS, ' '), metadata)).trim()
    if (!/\p{L}/u.test(field)) continue
    // Each comma-separated part alone: `Rob Picheta, CNN` names a person and an outlet.
    const read = namesOf(field, minTokens)
    if (read.names !== null) names.push(...read.names)
    else {
      const parts = field.split(/\s*[,;]\s*/).map((p) => namesOf(unlabelled(p, metadata), minTokens))
      for (const part of parts) if (part.names !== null) names.push(...part.names)
      organisation ??= parts.find((p) => p.organisation !== null)?.organisation ?? null
    }
    organisation ??= read.organisation
  }
  return { names: [...new Set(names)], organisation }
}

/** Where a picture's credit follows the names in one field (`Text von A  Illustration von B`, `By A Photos by B`); `Text und Fotos:` is one label. */
const CREDIT_FIELD =
  /(?<!\b(?:und|and|et|y|e)|[&+])\s+(?=(?:fotos?|photos?|photography|bild(?:er)?|il+ustra\p{L}*|grafik|kamera|video)\s*(?::|\b(?:von|by|de|par|di|por)\s))/iu

/** A byline's names without the picture's credit that follows them in the same field (`Anna Muster   Foto: © X`). */
export const beforeCredit = (names: string): string => names.split(CREDIT_FIELD)[0] ?? names

/** What separates a byline's fields: a bar, a bullet, a slash, a dash (`Von A | 18. Oktober 2023 | Politik`). */
const BYLINE_FIELDS = /\s*(?:[|•·/–—]|\s-\s)\s*/u

/** Class or id words of an element that holds a byline (`author vcard`, `byline`, `autor`, `auteur`, `verfasser`). */
const BYLINE_CLASS =
  /(?:^|[-_\s])(?:author|authors|authorname|authorbox|byline|bylines|autor|autoren|autorin|auteur|auteurs|autore|autori|verfasser|creator|vcard)(?:[-_\s]|$)/i
/** A short text that is a byline by its words: a by of the press's languages or an author label before a capitalised name (`Ein Artikel von X`, `Text: X`); never a picture's credit. */
const TEXT_BYLINE =
  /^(?:(?:[\p{L}-]+\s+){0,3}?(?:[Bb]y|[Vv]on|VON|BY|[Pp]ar|[Pp]or|[Dd]oor|[Pp]rzez|[Оо]т)|(?:(?:[Tt]ext|TEXT)(?:\s*(?:&|\+|und|and|y|et)\s*(?:[Ff]otos?|FOTOS?|[Bb]ilder?|[Pp]hotos?|[Ff]oto))?|[Tt]exte|[Tt]esto|[Tt]exto|[Aa]utor|[Aa]utorin|[Aa]uthor|[Aa]uteur|[Aa]utore|[Aa]utora|[Vv]erfasser|[Ww]ritten by|[Vv]erfasst von)\s*:)\s+\p{Lu}/u
/** A credit that opens with the text's own label (`Text und Fotos:`): a byline, though it names pictures too. */
const TEXT_CREDIT = /^(?:text|texte|testo|texto)\b/i
const CREDIT =
  /^(?:\S+\s+){0,3}?(?:fotos?|photos?|bild(?:er)?|images?|il+ustra\w*|grafik|quelle|source|video|kamera|übersetzung|translation)\b/i
/** A byline that opens with its by-word and a name (`von Anna Muster   Foto: X`): the credit after the names is the picture's, the line the author's. */
const BY_FIRST = /^(?:[Bb]y|BY|[Vv]on|VON|[Pp]ar|[Pp]or|[Dd]oor|[Pp]rzez)\s+\p{Lu}/u
/** Whether a text opens with a picture's or a source's credit (`Foto von X`, `Bild: Y`), which names no author; `Text und Fotos:` and `von X  Foto: Y` are the author's. */
export const isPictureCredit = (text: string): boolean =>
  CREDIT.test(text) && !TEXT_CREDIT.test(text) && !BY_FIRST.test(text)

/**
 * The names part of a line of text that is a byline by its words (`Ein Artikel von X`, `Gepostet von X`,
 * `Posted by X`, `Autor: X`), or undefined. A line of text must open with a capital (a wrapped line of prose,
 * `campaign led by Gov. X`, does not), and what follows the label holds two words at least (`Christoph von
 * Eichhorn` is a name, not a byline of `Eichhorn`); a picture's credit names no author.
 */
export function textBylineNames(line: string): string | undefined {
  if (!/^\p{Lu}/u.test(line) || !TEXT_BYLINE.test(line) || isPictureCredit(line)) return undefined
  const names = unlabelled(line, false).trim()
  return names !== line && /^\p{Lu}\S*\s+\S/u.test(names) ? names : undefined
}

/** The nouns that name an article's author and nothing else (`Autor`, `Autor*in`, `Author`, `Auteur`, `Verfasser`), unlike a by-word, which teasers and captions share. */
export const AUTHOR_NOUN =
  'autor(?:in|\\*in| in|en)?|author|authors|auteure?|auteurs|autore|autori|autora|verfasser(?:in)?'
/** A text that is only an author label, the name standing after it (in the next element, on the next line); `Autor*in` reads as `Autor in` once its marks are gone. */
export const AUTHOR_LABEL = new RegExp(`^(?:by|von|par|por|door|${AUTHOR_NOUN}|written by|geschrieben von)\\s*:?$`, 'i')
/** How many elements after a label on its own its name may stand (the label's inline children, then the name's block). */
const LABEL_REACH = 4
/** How many elements after the headline a line of a date and a name alone may stand. */
const DATED_NAME_REACH = 8

/** The person names of a line that holds a date and a name and nothing else (`11.12.2019 - Amelie Loevenich`, `Jane Roe | May 3, 2024`); none otherwise. */
function datedName(text: string): string[] {
  const fields = text.split(BYLINE_FIELDS).filter((f) => f !== '')
  if (fields.length !== 2) return []
  const isDate = (field: string) =>
    findDates(field).some((d) => d.iso !== null && !/[\p{L}\p{N}]/u.test(field.slice(0, d.start) + field.slice(d.end)))
  const name = isDate(fields[0] as string) ? fields[1] : isDate(fields[1] as string) ? fields[0] : undefined
  return name === undefined ? [] : (parseNames(name, 2) ?? [])
}

/** Class words of a page's categories and tags (`news-list-category`, `tags`, `rubrik`): capitalised words there are topics, not names. */
const CATEGORY_CLASS = /categor|(?:^|[-_\s])tags?(?:[-_\s]|$)|rubri[ck]|ressort|topics?|kategorie|schlagw/i

/** Whether an element or one inside it is named as a category or tag list. */
function namesCategory(el: Element): boolean {
  const stack: Element[] = [el]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (CATEGORY_CLASS.test(`${attr(node, 'className') ?? ''} ${attr(node, 'id') ?? ''}`)) return true
    for (const c of node.children) if (c.type === 'element') stack.push(c)
  }
  return false
}

/** Class words of a picture's licence box (`license-info`): the name in it is the picture's maker. */
const PICTURE_CREDIT_CLASS = /(?:^|[-_\s])licen[cs]es?(?:-info)?(?:[-_\s]|$)/i

/** A byline in words above the headline, until the walk knows its distance from it. */
const ABOVE = -1
/** How many elements above the headline a byline in words may stand (a subline over it: the date's and section's cells between). */
const ABOVE_REACH = 20
/** How many elements after the headline a byline in words may stand. */
const TEXT_BYLINE_REACH = 60
/** The most words of a closing credit paragraph (`Text und Fotos: Anna Maria Muster`). */
const CLOSING_WORDS = 7
/** Elements that hold a line of text on their own. */
const TEXT_BLOCKS = new Set([
  'p',
  'div',
  'span',
  'em',
  'i',
  'strong',
  'b',
  'li',
  'td',
  'h4',
  'h5',
  'h6',
  'small',
  'address',
])
/** A byline element's text is short: a longer one is an author's biography or prose. */
const MAX_BYLINE_TEXT = 100

/** The last segment of an address's path as words (`/author/walter_von_aachen/` is `walter von aachen`); null when it has none. */
function slugWords(href: string): string | null {
  const segment = href
    .replace(/[?#].*$/, '')
    .split('/')
    .filter((p) => p !== '')
    .at(-1)
  if (segment === undefined) return null
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // An address with a stray % keeps its segment as written.
  }
  return decoded
    .replace(/\.[a-z]{2,5}$/i, '')
    .replace(/[-_+.\s]+/g, ' ')
    .trim()
    .toLowerCase()
}

/** Whether an element is, or holds, a link whose address spells the element's whole text. */
function linkSpells(el: Element, text: string): boolean {
  const words = (t: string) =>
    t
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  const wanted = words(text)
  const stack: Element[] = [el]
  for (let seen = 0; stack.length > 0 && seen < 20; seen += 1) {
    const node = stack.pop() as Element
    const href = node.tagName === 'a' ? attr(node, 'href') : null
    const slug = href === null ? null : slugWords(href)
    if (slug !== null && wanted !== '' && words(slug) === wanted) return true
    for (const c of node.children) if (c.type === 'element') stack.push(c)
  }
  return false
}

/**
 * The persons the byline elements of a page's body name (`rel="author"`, `itemprop="author"`, a class or id
 * saying author or byline), the one nearest after the headline first; other regions (comments) are left out.
 */
export function bodyBylines(
  tree: Root,
  title: string | null,
  site: string | null = null,
  { markedOnly = false } = {},
): { names: string[]; organisation: string | null } {
  const found: { names: string[]; at: number; rank: number }[] = []
  // A byline in words counts only by the headline: elsewhere `von X` is a sentence's or a teaser's.
  let headlineAt = -1
  const nearTitle = (at: number) => headlineAt !== -1 && at - headlineAt <= TEXT_BYLINE_REACH
  let organisation: string | null = null
  let labelAt = -1
  const titleAt = walkBody(tree, title, {
    // A name standing as bare text after a label's element (`<h5>Autor:</h5>Peter Maahn/SP-X`).
    text: (value, { at }) => {
      if (labelAt === -1 || at - labelAt > LABEL_REACH || value.length > MAX_BYLINE_TEXT) return
      labelAt = -1
      const names = bylineNames(value).names.filter((n) => n.toLowerCase() !== site?.toLowerCase())
      if (names.length > 0) found.push({ names, at, rank: 0 })
    },
    title: (at) => {
      headlineAt = at
    },
    element: (el, { at, cls }) => {
      // A figure's caption and credit, or a picture's licence box, name the picture's maker, never the article's author.
      if (el.tagName === 'figure' || el.tagName === 'figcaption' || PICTURE_CREDIT_CLASS.test(cls)) return true
      // A link holding more than a byline's text is a teaser card for another page: its byline is that page's.
      if (el.tagName === 'a' && shortText(el, MAX_BYLINE_TEXT + 1).length > MAX_BYLINE_TEXT) return true
      const labelled = labelAt !== -1 && at - labelAt <= LABEL_REACH
      // A label over a list is a widget's heading (a blog's cloud of its authors' labels), not a byline.
      if (labelled && (el.tagName === 'ul' || el.tagName === 'ol')) {
        labelAt = -1
        return false
      }
      const marked =
        labelled ||
        /\bauthor\b/i.test(attr(el, 'rel') ?? '') ||
        /\b(?:author|creator)\b/i.test(attr(el, 'itemProp') ?? '') ||
        BYLINE_CLASS.test(cls)
      // Only the marked bylines, when asked (a page whose metadata names its author: a marked byline may name more).
      if (!marked && (markedOnly || (!TEXT_BLOCKS.has(el.tagName) && !/^h[1-6]$/.test(el.tagName)))) return false
      const text = shortText(el, MAX_BYLINE_TEXT + 1)
      if (text.length > MAX_BYLINE_TEXT) return false
      // A label on its own (`<h4>Autor</h4>` then the name's paragraph) marks the next element with text.
      if (AUTHOR_LABEL.test(text)) {
        labelAt = at
        return true
      }
      if (!marked && !TEXT_BLOCKS.has(el.tagName)) return false
      if (labelled && text !== '') labelAt = -1
      // A line of a date and a name alone just under the headline (`11.12.2019 - Amelie Loevenich`) is its byline without a label.
      const dated = !marked && headlineAt >= 0 && at - headlineAt <= DATED_NAME_REACH ? datedName(text) : []
      if (dated.length > 0 && dated.every((n) => n.toLowerCase() !== site?.toLowerCase()) && !namesCategory(el)) {
        found.push({ names: dated, at, rank: 1 })
        return true
      }
      // An element not marked as a byline is one only when its text says so by its words.
      // A credit for text and pictures together (`Text & Fotos: Ivan Valetny`) names the writer; one for pictures alone does not.
      if (!marked && (!TEXT_BYLINE.test(text) || isPictureCredit(text))) return false
      // Far from the headline, a byline in words is the article's closing credit only as a paragraph of its own (`<p><em>Von Cosima Künzel</em></p>`), trusted last.
      const closing = !marked && !nearTitle(at)
      // Above the headline (a subline set over it), a byline in words is kept for now: the walk's end knows how near it stood.
      const above = !marked && headlineAt === -1
      if (closing && !above && (el.tagName !== 'p' || text.split(/\s+/).length > CLOSING_WORDS)) return false
      // A byline whose link's address spells its whole text (`/author/walter_von_aachen/`) is a name as metadata gives it, particles and all.
      const read = bylineNames(text, 2, { metadata: marked && linkSpells(el, text), labelledOnly: !marked })
      if (marked) organisation ??= read.organisation
      // The site's own name (a blog's title in its header) is the outlet, never a byline.
      const names = read.names.filter((n) => n.toLowerCase() !== site?.toLowerCase())
      if (names.length === 0) return false
      found.push({ names, at, rank: marked ? 0 : above ? ABOVE : closing ? 2 : 1 })
      return true
    },
  })
  // A byline in words just above the headline ranks with one just below it; one further up is the page's, not the article's.
  for (let i = found.length - 1; i >= 0; i -= 1) {
    const f = found[i] as (typeof found)[number]
    if (f.rank !== ABOVE) continue
    if (titleAt !== -1 && titleAt > f.at && titleAt - f.at <= ABOVE_REACH) f.rank = 1
    else found.splice(i, 1)
  }
  // A marked byline first, then a byline in words by the headline, then a closing credit; of each, the nearest after the headline.
  const nearest = found.reduce<(typeof found)[number] | null>(
    (a, f) =>
      a === null || f.rank < a.rank || (f.rank === a.rank && fromTitle(f.at, titleAt) < fromTitle(a.at, titleAt))
        ? f
        : a,
    null,
  )
  return { names: nearest?.names ?? [], organisation }
}

/** A copyright notice's mark, its years and its by-word (`© 2019`, `Copyright (c) 2012-`, `© 1996 - 2022`, `(c) 2010 by`); what follows is its holder. */
const copyrightMark = (years: '' | '?') =>
  new RegExp(
    `(?:©|\\(c\\)|\\bcopyright\\b)(?:\\s*(?:©|\\(c\\)))?\\s*(?:(?:19|20)\\d{2}(?:\\s*[-–—]\\s*(?:(?:19|20)\\d{2})?)?\\s*[,.:]?\\s*)${years}(?:(?:by|von|par|di|por|door|av)\\s+)?`,
    'iu',
  )
/** A notice with a year: a line of text or a page's element anywhere. */
const COPYRIGHT_MARK = copyrightMark('')
/** In a page's footer a notice without a year (`© Samuel Diekmann`) is the site's too. */
const FOOTER_COPYRIGHT_MARK = copyrightMark('?')
/** A theme's site title or tagline (`site-title`, `site-description`, `blog-name`): on a personal site, its owner's name. */
const SITE_NAME_CLASS = /(?:^|[-_\s])(?:site|blog)[-_]?(?:title|name|description|tagline)(?:[-_\s]|$)/i
/** A page's footer, by its tag or the class or id a theme gives it. */
const FOOTER_CLASS = /footer|colophon|copyright/i
/** Where a copyright holder's name ends: a field's separator, a sentence's end (not an initial's or a title's dot: `Dr. Phillip W. Brunst`), a dash between words. */
const HOLDER_END = /\s*(?:[|•·]|(?<!(?:^|\s)\p{Lu}\p{Ll}?)\.(?:\s|$)|\s[-–—]\s)/u
/** Elements whose text credits a picture, whose copyright holder is its photographer: never the site's owner. */
const PICTURE_TAGS = new Set(['figure', 'figcaption', 'picture'])
/** The class or id of a picture's caption or credit; a site's `credits` (its footer's id) is none. */
const PICTURE_CLASS = /caption|credit(?!s)|legend|bildunterschrift|image|photo|foto|bild/i
/** How many copyright notices and licence attributions a page is searched for (a footer holds one or two). */
const MAX_OWNER_NOTICES = 20

/** A text that may hold a copyright notice. */
const NOTICE_CUE = /©|\(c\)|copyright/i

/** The holder's part of a copyright notice in `text` (at its start only, when `anchored`; a year needed but in a footer); null without one. */
function holderOf(text: string, anchored: boolean, inFooter = false): string | null {
  const mark = (inFooter ? FOOTER_COPYRIGHT_MARK : COPYRIGHT_MARK).exec(text)
  if (mark === null || (anchored && /[\p{L}\p{N}]/u.test(text.slice(0, mark.index)))) return null
  return nameAfter(text, mark.index + mark[0].length)
}

/** The text from `at` to where a holder's name ends. */
const nameAfter = (text: string, at: number): string =>
  text
    .slice(at)
    .replace(/^[\s|]+/, '')
    .split(HOLDER_END)[0] ?? ''

/** A Creative Commons licence's address. */
const CC_LICENCE = /creativecommons\.org\/licen[cs]es\//i
/** The by-word of a licence notice in the press's languages (`2006-2008 by Martin Weber`, `Ein Tagebuch von Donald Townsend steht unter einer Lizenz`). */
const LICENSOR = /(?:^|[\s|)])(?:by|von|par|di|por|door|av)\s+/iu

/** The licensor a licence notice names after its by-word; none for a picture's licence (`Foto von X, CC BY 2.0`). */
function licensorOf(text: string): string | null {
  const by = LICENSOR.exec(text)
  if (by === null || isPictureCredit(text.slice(0, by.index + by[0].length))) return null
  return nameAfter(text, by.index + by[0].length)
}

/** An element's text with each child apart (` | `): a notice's holder ends where its link or its next link begins (`© <a>Jane Roe</a> <a>Impressum</a>`). */
function childFields(el: Element): string {
  let out = ''
  for (const c of el.children) {
    if (out.length > 4 * MAX_BYLINE_TEXT) break
    const text = c.type === 'text' ? c.value : c.type === 'element' ? shortText(c, MAX_BYLINE_TEXT) : ''
    if (text.trim() !== '') out += `${out === '' ? '' : ' | '}${text.replace(/\s+/g, ' ').trim()}`
  }
  return out
}

/** The one person a notice's holder names, opening with a given name; null for a firm, a club, a place or several names. */
function ownerName(holder: string): string | null {
  const read = namesOf(holder.trim(), 2)
  const name = read.names?.length === 1 && read.organisation === null ? (read.names[0] as string) : null
  return name !== null && opensWithGivenName(name, false) ? name : null
}

/**
 * The person a text's own copyright line names (`© 2019 Sven Schreivogel` on a line of its own, as a saved
 * page's footer reads as text), when its lines name one such person; none otherwise.
 */
export function noticeOwner(lines: readonly string[]): string[] {
  const owners = new Set<string>()
  let notices = 0
  for (const line of lines) {
    if (notices >= MAX_OWNER_NOTICES) break
    if (line.length > 4 * MAX_BYLINE_TEXT || !NOTICE_CUE.test(line)) continue
    const holder = holderOf(line.replace(/[*_]/g, ''), true)
    if (holder === null) continue
    notices += 1
    const owner = ownerName(holder)
    if (owner !== null) owners.add(owner)
  }
  return owners.size === 1 ? [...owners] : []
}

/** compromise's model, as far as its given names are concerned. */
interface NameModel {
  one: { lexicon: Record<string, unknown> }
  two: { switches: Record<string, unknown> }
}
/**
 * The given names compromise's model knows (about 4,000 of many languages, accents folded): `names`, its
 * lexicon's, and `words`, those it reads as a name or a word by context (`Christian`, `Grace`, `Sky`).
 */
let givenNames: { names: Set<string>; words: Set<string> } | undefined
function isGivenName(word: string, alsoWords: boolean): boolean {
  if (givenNames === undefined) {
    const model = (createRequire(import.meta.url)('compromise') as { model(): NameModel }).model()
    const { lexicon } = model.one
    const { switches } = model.two
    givenNames = {
      names: new Set(Object.keys(lexicon).filter((w) => /^(?:Male|Female|First)Name$/.test(String(lexicon[w])))),
      words: new Set(Object.keys(switches).filter((w) => String(switches[w]).startsWith('Person|'))),
    }
  }
  const { names, words } = givenNames
  const folded = word.toLowerCase()
  const bare = folded.normalize('NFKD').replace(/\p{M}/gu, '')
  return names.has(folded) || names.has(bare) || (alsoWords && (words.has(folded) || words.has(bare)))
}

/**
 * Whether a name opens with a given name (after a title such as `Dr.`): a person, where a firm's or a place's
 * name (`Oberstdorf Resort`) is not. A word that is also a given name (`Christian`, `Sky`) counts only where
 * the text already stands as a name (a byline's, a signature's), not where a brand stands as often (a copyright).
 */
export const opensWithGivenName = (name: string, alsoWords = true): boolean => {
  const first = name.split(/\s+/).find((t) => !t.endsWith('.'))
  return first !== undefined && isGivenName(first, alsoWords)
}

/**
 * The person a page names as its owner: the holder of its copyright notice with a year (`© 2019 Sven Schreivogel`),
 * its Creative Commons attribution (`property="cc:attributionName"`, `rel="cc:attributionURL"`, or the by-word
 * beside a link to the licence: `(CC-Lizenz) 2006-2008 by Martin Weber`) or its theme's
 * site title or tagline (`<span class="site-description">Alexander Lasch</span>`), outside
 * pictures and their credits, and only when the page names one such person (a personal site's author). A name
 * must open with a given name: a copyright is as often a firm's, a club's or a place's.
 */
export function siteOwner(tree: Root): string[] {
  const owners = new Set<string>()
  let notices = 0
  // A stack in reverse document order: the notices are met in the page's order.
  const stack: { el: Element; footer: boolean }[] = tree.children
    .filter((c): c is Element => c.type === 'element')
    .map((el) => ({ el, footer: false }))
    .reverse()
  while (stack.length > 0 && notices < MAX_OWNER_NOTICES) {
    const { el, footer: inFooter } = stack.pop() as (typeof stack)[number]
    if (UNSHOWN.has(el.tagName) || PICTURE_TAGS.has(el.tagName)) continue
    const cls = `${attr(el, 'className') ?? ''} ${attr(el, 'id') ?? ''}`
    if (PICTURE_CLASS.test(cls)) continue
    const footer = inFooter || el.tagName === 'footer' || FOOTER_CLASS.test(cls)
    const attributed =
      /\bcc:attributionName\b/i.test(attr(el, 'property') ?? '') || /\bcc:attributionURL\b/i.test(attr(el, 'rel') ?? '')
    const licensed = el.children.some(
      (c) => c.type === 'element' && c.tagName === 'a' && CC_LICENCE.test(attr(c, 'href') ?? ''),
    )
    const notice =
      attributed || SITE_NAME_CLASS.test(cls)
        ? shortText(el, MAX_BYLINE_TEXT)
        : licensed
          ? licensorOf(childFields(el))
          : el.children.some((c) => c.type === 'text' && NOTICE_CUE.test(c.value))
            ? holderOf(childFields(el), false, footer)
            : null
    if (notice !== null) {
      notices += 1
      const owner = ownerName(notice)
      if (owner !== null) owners.add(owner)
      continue
    }
    for (let i = el.children.length - 1; i >= 0; i -= 1) {
      const c = el.children[i]
      if (c?.type === 'element') stack.push({ el: c, footer })
    }
  }
  return owners.size === 1 ? [...owners] : []
}

/** A closing signature: a paragraph that is a name alone (`**Marina Mucha**`), or a last sentence followed by a name in brackets and perhaps an end mark (`... spannend. (Christian P. Stadtfeld) +++`). */
const SIGNATURE = /(?:^|[.!?"“”»«]\s+)\(([^()]{5,60})\)\s*[^\p{L}\p{N}()]{0,4}$|^([^()]{5,60})$/u

/** The person an article's last paragraph signs it with, opening with a given name; none otherwise. */
export function signatureNames(paragraph: string): string[] {
  const m = SIGNATURE.exec(paragraph.replace(/[*_]/g, '').trim())
  const read = m === null ? null : namesOf((m[1] ?? m[2] ?? '').trim(), 2)
  const names = read?.organisation === null && !read.role ? read.names : null
  return names?.length === 1 && opensWithGivenName(names[0] as string) ? names : []
}
