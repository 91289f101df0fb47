import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { DigestColumn, DigestMap, HashCounts, NumberColumn, StringColumn } from '../pipeline/corpus/columns.ts'
import { CorpusLearner, hash53, hashSequence, pairHash } from '../pipeline/corpus/profile.ts'
import { sha256 } from '../pipeline/release/manifest.ts'

describe('HashCounts', () => {
  test('counts like a Map of its keys, through every growth of the table', () => {
    // A small key space (a few hundred values) makes repeats, and so real counting, frequent.
    const keys = fc.array(
      fc.integer({ min: 1, max: 300 }).map((n) => hash53(String(n))),
      { maxLength: 3000 },
    )
    fc.assert(
      fc.property(keys, (added) => {
        const table = new HashCounts(4)
        const oracle = new Map<number, number>()
        for (const key of added) {
          table.add(key)
          oracle.set(key, (oracle.get(key) ?? 0) + 1)
        }
        expect(table.size).toBe(oracle.size)
        for (const [key, count] of oracle) expect(table.get(key)).toBe(count)
        expect(table.get(hash53('absent key'))).toBeUndefined()
      }),
      { numRuns: 60 },
    )
  })

  test('keys that collide in their low bits are kept apart', () => {
    const table = new HashCounts(8)
    // Same low 32 bits, different high bits: the same first slot.
    const a = 2 ** 40 + 5
    const b = 2 ** 41 + 5
    table.add(a)
    table.add(b, 3)
    expect([table.get(a), table.get(b), table.size]).toEqual([1, 3, 2])
  })

  test('a copy does not change with the original, and a worker-style clone reads the same memory', () => {
    const table = new HashCounts()
    table.add(hash53('x'), 2)
    const copy = table.copy()
    table.add(hash53('x'))
    expect([copy.get(hash53('x')), table.get(hash53('x'))]).toEqual([2, 3])
    // What postMessage does to the table: fields cloned, typed arrays still over the shared buffers.
    const revived = HashCounts.from(structuredClone({ keys: table.keys, counts: table.counts, size: table.size }))
    expect(revived.keys.buffer).toBeInstanceOf(SharedArrayBuffer)
    expect(revived.get(hash53('x'))).toBe(3)
  })
})

test('NumberColumn keeps every value through growth, at the width of its array', () => {
  const column = new NumberColumn(Uint8Array)
  for (let i = 0; i < 5000; i += 1) column.push(i % 256)
  expect(column.length).toBe(5000)
  expect([column.get(0), column.get(255), column.get(256), column.get(4999)]).toEqual([0, 255, 0, 4999 % 256])
})

describe('the corpus profile', () => {
  test('counts every `word Capitalised` pair the plain definition finds, on random text', () => {
    // The definition, tried at every position: the learner's faster pattern must count exactly these.
    const plain = /([\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*) (?=(\p{Lu}[\p{L}\p{N}]*(?:[-'’][\p{L}\p{N}]+)*))/gu
    const text = fc
      .array(fc.constantFrom('a', 'b', 'É', 'Z', '7', '-', "'", '’', ' ', ' ', '\n', '.'), { maxLength: 200 })
      .map((cs) => cs.join(''))
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (docs) => {
        const learner = new CorpusLearner()
        const expected = new Map<number, number>()
        for (const doc of docs) {
          learner.add(doc)
          for (const line of doc.split('\n')) {
            for (const [, left, right] of line.matchAll(plain)) {
              const h = pairHash(left ?? '', right ?? '')
              expected.set(h, (expected.get(h) ?? 0) + 1)
            }
          }
        }
        const { pairs } = learner.profile()
        expect(pairs.size).toBe(expected.size)
        for (const [h, n] of expected) expect(pairs.get(h)).toBe(n)
      }),
      { numRuns: 300 },
    )
  })
})

describe('hashSequence', () => {
  // Few distinct words, so random runs often repeat and equal runs are really compared.
  const runs = fc.array(fc.constantFrom('the', 'attack', 'crocus', 'hall', 'city', 'a', 'the attack'), {
    minLength: 1,
    maxLength: 10,
  })

  test('two runs of words hash alike exactly when they are the same words in the same order', () => {
    fc.assert(
      fc.property(runs, runs, (a, b) => {
        const hashOf = (words: string[]) => hashSequence(Float64Array.from(words, hash53), 0, words.length)
        // Joined with a character no word has: equal strings mean equal runs.
        expect(hashOf(a) === hashOf(b)).toBe(a.join('\u0000') === b.join('\u0000'))
      }),
      { numRuns: 500 },
    )
  })

  test('hashes the run it is given, wherever it stands, as a non-zero number below 2^53', () => {
    const hashes = Float64Array.from(['x', 'the', 'attack', 'y'], hash53)
    const inner = hashSequence(hashes, 1, 2)
    expect(inner).toBe(hashSequence(Float64Array.from(['the', 'attack'], hash53), 0, 2))
    expect(inner).not.toBe(hashSequence(hashes, 0, 2))
    expect(Number.isSafeInteger(inner) && inner > 0).toBe(true)
  })
})

describe('columns of strings and digests', () => {
  test('StringColumn gives back every string as pushed, through growth, whatever its characters', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 4000 }), (strings) => {
        const column = new StringColumn()
        const at = strings.map((x) => column.push(x))
        expect(at).toEqual(strings.map((_, i) => i))
        expect(column.length).toBe(strings.length)
        expect(strings.map((_, i) => column.get(i))).toEqual(strings)
      }),
      { numRuns: 40 },
    )
    // One string longer than the column's first buffer.
    const column = new StringColumn()
    column.push('a')
    column.push('é'.repeat(50_000))
    expect([column.get(0), column.get(1)]).toEqual(['a', 'é'.repeat(50_000)])
  })

  const digest = (n: number) => sha256(String(n))

  test('DigestColumn gives back every sha256 in hex, and no digest as none', () => {
    const column = new DigestColumn()
    // Every seventh has none, as an unreadable file has none.
    const hexes = Array.from({ length: 3000 }, (_, i) => (i % 7 === 3 ? '' : digest(i)))
    for (const hex of hexes) column.push(hex)
    expect(column.length).toBe(3000)
    expect(hexes.map((_, i) => column.get(i))).toEqual(hexes)
    expect(() => column.push('0'.repeat(63))).toThrow('expected 64 hex digits')
  })

  test('DigestMap maps like a Map of its keys, through every growth of the table', () => {
    // Keys from a small space, so that a key is often set again and often looked up absent.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.nat({ max: 2 ** 32 - 2 })), { maxLength: 5000 }),
        (sets) => {
          const table = new DigestMap()
          const oracle = new Map<string, number>()
          for (const [n, value] of sets) {
            table.set(digest(n), value)
            oracle.set(digest(n), value)
          }
          expect(table.size).toBe(oracle.size)
          for (let n = 0; n <= 2000; n += 1) expect(table.get(digest(n))).toBe(oracle.get(digest(n)))
        },
      ),
      { numRuns: 20 },
    )
  })

  test('DigestMap keeps keys with the same first bytes apart, and refuses what is not a sha256', () => {
    const table = new DigestMap()
    const a = `${'ab'.repeat(4)}${'0'.repeat(56)}`
    const b = `${'ab'.repeat(4)}${'1'.repeat(56)}`
    table.set(a, 1)
    table.set(b, 2)
    expect([table.get(a), table.get(b), table.size]).toEqual([1, 2, 2])
    expect(() => table.get('abc')).toThrow('Cannot read "abc" as a sha256, expected 64 hex digits')
    expect(() => table.set(`${a.slice(0, 62)}zz`, 3)).toThrow('expected 64 hex digits')
  })
})
