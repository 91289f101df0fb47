import { changeRows } from './stages/audit.ts'
import type { Doc } from './types.ts'

const WIDTH = 70

// Long text is cut in the middle so both ends, where joins and footers show, stay visible.
function clip(text: string): string {
  const flat = text.replace(/\n+/g, ' ⏎ ')
  return flat.length <= WIDTH ? flat : `${flat.slice(0, WIDTH / 2 - 1)} … ${flat.slice(-(WIDTH / 2 - 2))}`
}

// White-space rewrites are invisible unless spelled out: JSON shows \u00a0, trailing spaces and tabs.
function show(action: string, text: string): string {
  return action === 'normalise' ? JSON.stringify(text.length > WIDTH ? `…${text.slice(-WIDTH / 2)}` : text) : clip(text)
}

// A join is read at its seam: the end of the first part and the start of the second.
function seam(before: string): string {
  const cut = before.search(/\n+/)
  if (cut === -1) return clip(before)
  const left = before.slice(0, cut)
  const right = before.slice(cut).replace(/^\n+/, '').replace(/\n+/g, ' ')
  return `${left.length > WIDTH / 2 ? '…' : ''}${left.slice(-WIDTH / 2)} ⏎ ${right.slice(0, WIDTH / 2)}${right.length > WIDTH / 2 ? '…' : ''}`
}

/** Renders a document's changes in raw-line order, one line each: lines, action, rule, before → after. */
export function explainChanges(doc: Doc): string {
  const rows = doc.changeRows ?? changeRows(doc)
  const out = [
    `${doc.source_path}${doc.exported === undefined ? '' : ` (${doc.doc_id}, article ${doc.exported.position})`}: ${rows.length} changes, ${doc.blocks.length} paragraphs and headings kept${doc.layout ? `, layout ${doc.layout.layout}` : ''}`,
  ]
  for (const row of rows) {
    const lines = row.line_start === row.line_end ? `${row.line_start}` : `${row.line_start}-${row.line_end}`
    const before = row.action === 'join' ? seam(row.before) : show(row.action, row.before)
    const after = row.after === null || row.action === 'join' ? '' : `  →  ${show(row.action, row.after)}`
    const evidence = row.evidence === null ? '' : `  [${row.evidence}]`
    out.push(`${lines.padStart(9)}  ${row.action.padEnd(9)}  ${row.rule.padEnd(24)}  ${before}${after}${evidence}`)
  }
  return `${out.join('\n')}\n`
}
