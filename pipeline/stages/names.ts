import type { Root } from 'hast'
import { attr, fromTitle, shortText, walkBody } from './regions.ts'
import { bylineLabel, bylinePlace, bylineRoles, organisationWords } from '../rules/header.ts'

// Person names as bylines and a page's metadata write them, in any language: a list split on commas and the
// language's `and`, each part a name of capitalised words (particles allowed), never a role, a handle, a
// salutation or an organisation (an organisation is returned apart, for the outlet).

// Name particles written in lower case inside a name (Ludwig van Beethoven, Osama bin Laden).
const PARTICLES = new Set(['van', 'von', 'vom', 'zu', 'de', 'der', 'den', 'da', 'das', 'dos', 'do', 'di', 'du', 'del', 'della', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'ten', 'ter'])
/** `and` in the languages of the press, between two names (lower case but for English: an initial is a capital). */
export const AND = '(?:[Aa][Nn][Dd]|und|et|y|e|en|och|og|i|и|a|ve|és|oraz)'
// Capitalised words that open sentences, headlines, salutations and section labels but are never part of a person's name.
const NOT_NAMES = new Set(
  'the die a an on in at of for from by with to and or but as is was are were this that these those it its he she they we our his her their after before when while what who why how more most new breaking update updated staff dear hi hello other others stories story below above related comments comment share follow read more latest top all home page contact about us you your'.split(
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
      tokens.every((t) => (NAME_TOKEN.test(t) && !NOT_NAMES.has(t.toLowerCase())) || PARTICLES.has(t.toLowerCase()))
    if (!ok) return null
    names.push(tokens.map(fixCase).join(' '))
  }
  return names
}

// A page that prints the name twice in a row (Sean Martin Sean Martin: a link and its text) names one person.
function dedupeName(tokens: string[]): string[] {
  const half = tokens.length / 2
  return Number.isInteger(half) && half > 0 && tokens.slice(0, half).join(' ') === tokens.slice(half).join(' ') ? tokens.slice(0, half) : tokens
}

// An all-capitals name (CHRIS FAGAN) is a typographic choice; researchers match names in title case.
function fixCase(token: string): string {
  if (token.length < 2 || token !== token.toUpperCase() || /^(?:\p{Lu}\.)+$/u.test(token)) return token
  return token.toLowerCase().replace(/(^|['’-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase())
}

/** The head of a newspaper's compound name (Volksblatt, Landeszeitung, Tagesanzeiger): an outlet, never a person. */
const NEWSPAPER_COMPOUND = /\p{L}{3,}(?:zeitung|blatt|kurier|anzeiger|rundschau|bote|presse|nachrichten|news)$/u

/** Splits a name list from what follows it in the same field: a role (`Senior Contributor`) ends the names. */
export function namesOf(text: string, minTokens: number): { names: string[] | null; organisation: string | null; role: boolean } {
  const parts = text.split(new RegExp(`\\s*[,;]\\s*|\\s+${AND}\\s+|\\s*&\\s*`, 'u')).map((p) => p.trim()).filter((p) => p !== '')
  const kept: string[] = []
  let role = false
  let organisation: string | null = null
  for (const part of parts) {
    const tokens = part.split(/\s+/)
    // A role may be a word of a compound (FOCUS-Online-Experte).
    const isRole = (t: string) => t.toLowerCase().split('-').some((w) => bylineRoles.has(w))
    const at = tokens.findIndex(isRole)
    if (tokens.some((t) => t.toLowerCase().split('-').some((w) => organisationWords.has(w) || NEWSPAPER_COMPOUND.test(w))) && at === -1) {
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
        if (after.length > 0) kept.push(after.join(' '))
      }
    }
  }
  const names = kept.length === 0 ? null : parseNames(kept.join(', ').replace(bylinePlace, ''), minTokens)
  return { names, organisation, role }
}


/** A handle, an address or a relative time beside a byline's names (`@catherineshu`, `2 days ago`): never part of one. */
const NOT_NAME_PARTS = /@[\w.]+|https?:\/\/\S+|\b\d+\s*(?:\p{L}+\.?\s*)?(?:ago|read)?$/giu

/**
 * The persons a byline or an author field names, in any language: a label (`Von`, `par`, `Autor:`,
 * `Text von`) dropped, then each field between separators (`|`, ` - `, `/`, a comma before an outlet) read
 * as a name list; a field that names no person (an outlet, a role, a handle) is left out, and an
 * organisation is returned apart. `minTokens` is the fewest words a name has (2 for metadata: a lone first
 * name may be a site's handle).
 */
export function bylineNames(text: string, minTokens = 2): { names: string[]; organisation: string | null } {
  const value = text.replace(/\s+/g, ' ').trim()
  if (value === '' || value.length > 200 || /^https?:\/\//i.test(value)) return { names: [], organisation: null }
  const names: string[] = []
  let organisation: string | null = null
  for (const raw of value.split(/\s*(?:[|•·/–—]|\s-\s)\s*/u)) {
    const field = raw.replace(NOT_NAME_PARTS, ' ').replace(bylineLabel, '').replace(/[\s,;:.]+$/u, '').trim()
    if (!/\p{L}/u.test(field)) continue
    // Each comma-separated part alone: `Rob Picheta, CNN` names a person and an outlet.
    const read = namesOf(field, minTokens)
    if (read.names !== null) names.push(...read.names)
    else {
      const parts = field.split(/\s*[,;]\s*/).map((p) => namesOf(p.replace(bylineLabel, ''), minTokens))
      for (const part of parts) if (part.names !== null) names.push(...part.names)
      organisation ??= parts.find((p) => p.organisation !== null)?.organisation ?? null
    }
    organisation ??= read.organisation
  }
  return { names: [...new Set(names)], organisation }
}

/** Class or id words of an element that holds a byline (`author vcard`, `byline`, `autor`, `auteur`, `verfasser`). */
const BYLINE_CLASS = /(?:^|[-_\s])(?:author|authors|authorname|byline|bylines|autor|autoren|autorin|auteur|auteurs|autore|autori|verfasser|creator|vcard)(?:[-_\s]|$)/i
/** A byline element's text is short: a longer one is an author's biography or prose. */
const MAX_BYLINE_TEXT = 100

/**
 * The persons the byline elements of a page's body name (`rel="author"`, `itemprop="author"`, a class or id
 * saying author or byline), the one nearest after the headline first; other regions (comments) are left out.
 */
export function bodyBylines(tree: Root, title: string | null): { names: string[]; organisation: string | null } {
  const found: { names: string[]; at: number }[] = []
  let organisation: string | null = null
  const titleAt = walkBody(tree, title, {
    element: (el, { at, cls }) => {
      const marked = /\bauthor\b/i.test(attr(el, 'rel') ?? '') || /\b(?:author|creator)\b/i.test(attr(el, 'itemProp') ?? '') || BYLINE_CLASS.test(cls)
      if (!marked) return false
      const text = shortText(el, MAX_BYLINE_TEXT + 1)
      if (text.length > MAX_BYLINE_TEXT) return false
      const read = bylineNames(text)
      organisation ??= read.organisation
      if (read.names.length === 0) return false
      found.push({ names: read.names, at })
      return true
    },
  })
  const nearest = found.reduce<{ names: string[]; at: number } | null>((a, f) => (a === null || fromTitle(f.at, titleAt) < fromTitle(a.at, titleAt) ? f : a), null)
  return { names: nearest?.names ?? [], organisation }
}
