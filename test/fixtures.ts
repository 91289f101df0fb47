import { newContext } from '../pipeline/runner/context.ts'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { decodeDoc } from '../pipeline/stages/read.ts'
import { emptyProfile } from '../pipeline/corpus/profile.ts'
import type { Context, Doc } from '../pipeline/types.ts'

/** The context of a document processed on its own: one job, no other documents to compare with. */
export const ctx: Context = newContext({ corpus: emptyProfile })

/** Where each stage keeps its fixture folders. */
export const fixturesRoot = new URL('./fixtures/', import.meta.url).pathname

/** Decodes a fixture's input the way the read stage decodes a raw file. */
export function fixtureDoc(text: string, name = 'fixture.txt'): Doc {
  return decodeDoc(new TextEncoder().encode(text), `raw/${name}`)
}

/**
 * Runs one test per folder of `fixtures/<stage>/`: `input.txt` goes through `run`, and the result must
 * equal `expected.<ext>`. With UPDATE=1 the expected files are rewritten, to be reviewed in the diff.
 */
export function fixtureSuite(stage: string, ext: 'json' | 'jsonl', run: (input: string) => unknown): void {
  fixtureSuiteOf(stage, ext, 'input.txt', (bytes) => run(bytes.toString('utf8')))
}

/** The same over another input file (`input.html`), handed over as its bytes (a page declares its own charset). */
export function fixtureSuiteOf(
  stage: string,
  ext: 'json' | 'jsonl',
  inputName: string,
  run: (input: Buffer) => unknown,
): void {
  const dir = join(fixturesRoot, stage)
  for (const name of readdirSync(dir).sort()) {
    test(name.replaceAll('-', ' '), () => {
      const input = readFileSync(join(dir, name, inputName))
      const actual = run(input)
      const rendered =
        ext === 'jsonl'
          ? `${(actual as unknown[]).map((row) => JSON.stringify(row)).join('\n')}\n`
          : `${JSON.stringify(actual, null, 2)}\n`
      const expectedFile = join(dir, name, `expected.${ext}`)
      if (process.env.UPDATE === '1') writeFileSync(expectedFile, rendered)
      if (!existsSync(expectedFile))
        throw new Error(`Missing ${expectedFile}, expected one per fixture (run with UPDATE=1 and review)`)
      expect(rendered).toBe(readFileSync(expectedFile, 'utf8'))
    })
  }
}

/** `n` sentences of prose, each its own: article text for the classifier's tests. */
export const prose = (n: number): string =>
  Array.from(
    { length: n },
    (_, i) =>
      `The council met for the ${i + 1}th time on Tuesday, and the mayor spoke about the river wall for an hour before the vote.`,
  ).join(' ')
