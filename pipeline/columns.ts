/**
 * Compact structures for what a build keeps per document or per word of a whole corpus: typed arrays
 * instead of one JavaScript object or map entry per value, so that 100,000 documents fit in a few MB.
 */

/** A growing column of numbers in a typed array: 1, 4 or 8 bytes a value, where an array of numbers takes 8 and more. */
export class NumberColumn<T extends Uint8Array | Uint32Array | Float64Array> {
  private values: T
  length = 0

  constructor(private readonly make: new (size: number) => T) {
    this.values = new make(1024)
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new this.make(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length] = value
    this.length += 1
  }

  set(at: number, value: number): void {
    this.values[at] = value
  }

  get(at: number): number {
    return this.values[at] ?? 0
  }
}

/** What structured clone makes of a `HashCounts`: its own fields, the arrays still over the same shared memory. */
export interface HashCountsData {
  keys: Float64Array
  counts: Uint32Array
  size: number
}

/**
 * Counts keyed by 53-bit hashes (`hash53`, never 0): an open-addressing table in two typed arrays, 12 bytes
 * a slot, kept at most half full. The arrays live in shared memory, so worker threads read the table the
 * main thread learned without a copy of their own.
 */
export class HashCounts implements HashCountsData {
  keys: Float64Array
  counts: Uint32Array
  size = 0

  constructor(capacity = 1024) {
    this.keys = new Float64Array(new SharedArrayBuffer(capacity * 8))
    this.counts = new Uint32Array(new SharedArrayBuffer(capacity * 4))
  }

  /** The table behind data that crossed to a worker thread (structured clone keeps fields, not methods). */
  static from(data: HashCountsData): HashCounts {
    const table = Object.create(HashCounts.prototype) as HashCounts
    return Object.assign(table, { keys: data.keys, counts: data.counts, size: data.size })
  }

  /** The slot holding `hash`, or the empty slot where it would go. */
  private slot(hash: number): number {
    const mask = this.keys.length - 1
    // The low 32 bits of a cyrb53 hash are already well mixed: linear probing from them spreads evenly.
    let at = (hash >>> 0) & mask
    while (this.keys[at] !== 0 && this.keys[at] !== hash) at = (at + 1) & mask
    return at
  }

  add(hash: number, by = 1): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow()
    const at = this.slot(hash)
    if (this.keys[at] === 0) {
      this.keys[at] = hash
      this.size += 1
    }
    this.counts[at] = (this.counts[at] ?? 0) + by
  }

  get(hash: number): number | undefined {
    const at = this.slot(hash)
    return this.keys[at] === 0 ? undefined : this.counts[at]
  }

  /** A copy that later `add`s to this table do not change. */
  copy(): HashCounts {
    const copy = new HashCounts(this.keys.length)
    copy.keys.set(this.keys)
    copy.counts.set(this.counts)
    copy.size = this.size
    return copy
  }

  private grow(): void {
    const { keys, counts } = this
    this.keys = new Float64Array(new SharedArrayBuffer(keys.length * 16))
    this.counts = new Uint32Array(new SharedArrayBuffer(keys.length * 8))
    this.size = 0
    for (const [i, key] of keys.entries()) if (key !== 0) this.add(key, counts[i])
  }
}
