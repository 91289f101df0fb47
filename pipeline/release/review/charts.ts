// The index's charts: horizontal bars as SVG, drawn at build time (deterministic bytes), their numbers as text.
import type { Element } from 'hast'
import { h, s } from 'hastscript'

/** The chart's geometry in SVG units: a bar's height with its gap, where the bars start, their longest length, the labels' font size and length. */
const CHART = { bar: 22, barsFrom: 190, longest: 180, width: 420, font: 12, label: 28 } as const

/** A horizontal bar chart of counts, with its title as the figure's caption. */
export function barChart(title: string, rows: readonly [string, number][]): Element {
  const max = Math.max(1, ...rows.map(([, n]) => n))
  const { bar, barsFrom, longest, width, font, label } = CHART
  const bars = rows.flatMap(([name, n], i) => {
    const y = i * bar + 4
    const w = Math.round((n / max) * longest)
    return [
      s('text', { x: 0, y: y + 15, fontSize: font }, name.length > label ? `${name.slice(0, label - 1)}…` : name),
      s('rect', { x: barsFrom, y: y + 3, width: w, height: bar - 8, fill: '#4a6fa5' }, [s('title', `${name}: ${n}`)]),
      s('text', { x: barsFrom + 6 + w, y: y + 15, fontSize: font }, String(n)),
    ]
  })
  return h('figure', [
    h('figcaption', [h('strong', title)]),
    s(
      'svg',
      {
        role: 'img',
        ariaLabel: title,
        viewBox: `0 0 ${width} ${rows.length * bar + 8}`,
        width: '100%',
        xmlns: 'http://www.w3.org/2000/svg',
      },
      bars,
    ),
  ])
}
