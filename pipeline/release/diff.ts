/** A table's rows by primary key, from its JSON Lines text. */
function byKey(jsonl: string, key: string): Map<string, Record<string, unknown>> {
  const rows = jsonl
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
  return new Map(rows.map((r) => [String(r[key]), r]))
}

/** What changed in one table between two releases: keys added, removed, and changed (with the columns that differ). */
export interface TableDiff {
  table: string
  added: string[]
  removed: string[]
  changed: { key: string; columns: string[] }[]
}

/** Compares two versions of a table (JSON Lines) by primary key. */
export function diffTable(table: string, key: string, before: string, after: string): TableDiff {
  const [a, b] = [byKey(before, key), byKey(after, key)]
  const changed: TableDiff['changed'] = []
  for (const [k, row] of b) {
    const old = a.get(k)
    if (old === undefined) continue
    const columns = Object.keys({ ...old, ...row }).filter((c) => JSON.stringify(old[c]) !== JSON.stringify(row[c]))
    if (columns.length > 0) changed.push({ key: k, columns })
  }
  return {
    table,
    added: [...b.keys()].filter((k) => !a.has(k)),
    removed: [...a.keys()].filter((k) => !b.has(k)),
    changed,
  }
}

/** Renders diffs as the Markdown a CHANGELOG entry starts from. */
export function renderDiff(from: string, diffs: readonly TableDiff[]): string {
  const lines = [`Changes since ${from}:`, '']
  for (const d of diffs) {
    lines.push(`- ${d.table}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`)
    for (const k of d.added) lines.push(`  - added ${k}`)
    for (const k of d.removed) lines.push(`  - removed ${k}`)
    for (const c of d.changed) lines.push(`  - changed ${c.key}: ${c.columns.join(', ')}`)
  }
  return `${lines.join('\n')}\n`
}
