import { data } from 'franc-min/data.js'
import { expressions } from 'franc-min/expressions.js'
import { clean } from 'trigram-utils'

/**
 * franc-min's guess, `franc(text)`, from franc's own models, script expressions and cleaning, scored in
 * one pass over the text's trigrams instead of one pass per language: franc looks each trigram up in
 * each of a script's 44 models (two object lookups each), here once in a table that holds its rank in
 * every model. The sums are integers, so the order and the winner are franc's (the first of equal
 * languages, as its stable sort keeps them); `test/language.test.ts` checks the two agree.
 */
export function francLanguage(text: string): string {
  if (text.length < MIN_LENGTH) return 'und'
  const value = text.slice(0, MAX_LENGTH)
  const [script, share] = topScript(value)
  if (script === undefined || !(script in data)) return script === undefined || share === 0 ? 'und' : script
  const { languages, ranks } = scoringTable(script)
  const distances = new Float64Array(languages.length)
  for (const [trigram, count] of trigramCounts(value)) {
    const row = ranks.get(trigram)
    // A trigram in no model adds the same to every language, so it cannot change which is nearest.
    if (row === undefined) continue
    for (let l = 0; l < row.length; l += 1) {
      const rank = row[l] ?? -1
      distances[l] = (distances[l] ?? 0) + (rank < 0 ? MAX_DIFFERENCE : Math.abs(count - rank - 1))
    }
  }
  let best = 0
  for (let l = 1; l < distances.length; l += 1) if ((distances[l] ?? 0) < (distances[best] ?? 0)) best = l
  return languages[best] ?? 'und'
}

/** franc's limits: texts shorter than this are `und`, and only the first MAX_LENGTH characters are read. */
const MIN_LENGTH = 10
const MAX_LENGTH = 2048
/** What franc adds for a trigram a language's model lacks. */
const MAX_DIFFERENCE = 300

/** The script whose characters are most of the text (the first of equal ones), and its share, as franc finds it. */
function topScript(value: string): [string | undefined, number] {
  let top: string | undefined
  let topShare = -1
  for (const [script, expression] of Object.entries(expressions)) {
    const share = (value.match(expression)?.length ?? 0) / value.length || 0
    if (share > topShare) [top, topShare] = [script, share]
  }
  return [top, topShare]
}

/** How often each trigram occurs in the text, cleaned and padded with a space as franc's trigram-utils does. */
function trigramCounts(value: string): Map<string, number> {
  const padded = ` ${clean(value)} `
  const counts = new Map<string, number>()
  for (let i = 0; i + 3 <= padded.length; i += 1) {
    const trigram = padded.slice(i, i + 3)
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1)
  }
  return counts
}

interface ScoringTable {
  /** The script's languages in franc's order. */
  languages: string[]
  /** Each trigram of any model, with its rank in each language's model (-1 where the model lacks it). */
  ranks: Map<string, Int16Array>
}

const tables = new Map<string, ScoringTable>()

/** A script's table, built on first use from franc's models (`a|b|c`, most frequent first; a repeated trigram keeps its first rank). */
function scoringTable(script: string): ScoringTable {
  const known = tables.get(script)
  if (known !== undefined) return known
  const models = data[script] ?? {}
  const languages = Object.keys(models)
  const ranks = new Map<string, Int16Array>()
  for (const [l, language] of languages.entries()) {
    const model = (models[language] ?? '').split('|')
    for (let rank = model.length - 1; rank >= 0; rank -= 1) {
      const trigram = model[rank] ?? ''
      const row = ranks.get(trigram) ?? new Int16Array(languages.length).fill(-1)
      row[l] = rank
      ranks.set(trigram, row)
    }
  }
  const table = { languages, ranks }
  tables.set(script, table)
  return table
}
