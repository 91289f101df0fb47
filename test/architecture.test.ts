import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, expect, test } from 'vitest'

// The folders show the architecture (docs/architecture.md); these tests keep the code from drifting away from it.
const root = new URL('..', import.meta.url).pathname

function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(folder, e.name)) : e.name.endsWith('.ts') ? [join(folder, e.name)] : [],
  )
}

/** Each source file of pipeline/ and schemas/ with the project files it imports (static, type-only and dynamic). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of [...sources('pipeline'), ...sources('schemas')]) {
    const text = readFileSync(join(root, file), 'utf8')
    const targets = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/gu)].map((m) =>
      normalize(join(dirname(file), m[1] ?? '')),
    )
    graph.set(file, targets)
  }
  return graph
}

/** The import cycles of a graph, each as the files on it (Tarjan's strongly connected components of more than one file). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const found: string[][] = []
  const visit = (v: string) => {
    index.set(v, index.size)
    low.set(v, index.get(v) ?? 0)
    stack.push(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0))
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) component.push(w)
      if (component.length > 1) found.push(component.sort())
    }
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return found
}

describe('the folders show the architecture', () => {
  const graph = importGraph()

  test('no module imports itself through others', () => {
    expect(cycles(graph)).toEqual([])
  })

  test('the cycle finder finds a cycle (the check above can fail)', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']])
  })

  test('stages use the corpus profile and its columns, never the runner (workers, cache, shards, assembly), the writers or the release', () => {
    const reaching = [...graph].flatMap(([file, targets]) =>
      file.startsWith('pipeline/stages/')
        ? targets.filter((t) => /^pipeline\/(?:runner|write|release)\//.test(t)).map((t) => `${file} → ${t}`)
        : [],
    )
    expect(reaching).toEqual([])
    expect(
      [...graph].some(
        ([file, targets]) =>
          file.startsWith('pipeline/stages/') && targets.some((t) => t.startsWith('pipeline/corpus/')),
      ),
    ).toBe(true)
  })

  test('data flows one way, runner → write → release: the writers import nothing of the release or the runner, the release nothing of the runner', () => {
    const against = (from: string, to: RegExp) =>
      [...graph].flatMap(([file, targets]) =>
        file.startsWith(from) ? targets.filter((t) => to.test(t)).map((t) => `${file} → ${t}`) : [],
      )
    expect(against('pipeline/write/', /^pipeline\/(?:release|runner)\//)).toEqual([])
    expect(against('pipeline/release/', /^pipeline\/runner\//)).toEqual([])
    expect(against('pipeline/corpus/', /^pipeline\/(?:runner|write|release)\//)).toEqual([])
  })

  test('index.ts lists the stages and nothing imports a stage module around it but the runner, the commands and other stages', () => {
    const stageModules = ['clean', 'split', 'metadata', 'annotate', 'validate'].map((s) => `pipeline/stages/${s}.ts`)
    const index = graph.get('pipeline/index.ts') ?? []
    for (const stage of stageModules) expect(index, stage).toContain(stage)
    const outside = [...graph].flatMap(([file, targets]) =>
      file.startsWith('pipeline/stages/') || file === 'pipeline/index.ts'
        ? []
        : targets.filter((t) => stageModules.includes(t)).map((t) => `${relative('pipeline', file)} → ${t}`),
    )
    expect(outside).toEqual([])
  })
})
