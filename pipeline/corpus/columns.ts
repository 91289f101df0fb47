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

/** A growing column of strings, one after another in a byte array: their UTF-8 bytes and 8 more each, none of it on the JavaScript heap. */
export class StringColumn {
  private bytes = Buffer.alloc(1 << 16)
  private used = 0
  private readonly ends = new NumberColumn(Float64Array)

  get length(): number {
    return this.ends.length
  }

  /** Adds a string; returns its index. */
  push(value: string): number {
    const size = Buffer.byteLength(value)
    if (this.used + size > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + size))
      this.bytes.copy(grown, 0, 0, this.used)
      this.bytes = grown
    }
    this.used += this.bytes.write(value, this.used)
    this.ends.push(this.used)
    return this.ends.length - 1
  }

  get(at: number): string {
    return this.bytes.toString('utf8', at === 0 ? 0 : this.ends.get(at - 1), this.ends.get(at))
  }
}

/** A sha256 in hex as its 32 bytes, or an error for anything else (a truncated key would match the wrong entry). */
function digestBytes(hex: string): Buffer {
  const bytes = Buffer.from(hex, 'hex')
  if (bytes.length !== DIGEST_BYTES || hex.length !== 2 * DIGEST_BYTES)
    throw new Error(`Cannot read ${JSON.stringify(hex)} as a sha256, expected 64 hex digits`)
  return bytes
}

const DIGEST_BYTES = 32

/**
 * A growing column of sha256 digests, given and returned in hex, kept as 33 bytes each outside the
 * JavaScript heap; '' stands for no digest (a file that could not be read has none).
 */
export class DigestColumn {
  private readonly words = new NumberColumn(Uint32Array)
  private readonly known = new NumberColumn(Uint8Array)

  get length(): number {
    return this.known.length
  }

  push(hex: string): void {
    const bytes = hex === '' ? Buffer.alloc(DIGEST_BYTES) : digestBytes(hex)
    for (let at = 0; at < DIGEST_BYTES; at += 4) this.words.push(bytes.readUInt32BE(at))
    this.known.push(hex === '' ? 0 : 1)
  }

  get(at: number): string {
    if (this.known.get(at) === 0) return ''
    const bytes = Buffer.alloc(DIGEST_BYTES)
    for (let i = 0; i < DIGEST_BYTES / 4; i += 1)
      bytes.writeUInt32BE(this.words.get(at * (DIGEST_BYTES / 4) + i), i * 4)
    return bytes.toString('hex')
  }
}

/**
 * Numbers keyed by sha256 digests (in hex): an open-addressing table of 32-byte keys in typed arrays, kept
 * at most half full, where a Map of hex strings takes over 100 bytes of heap an entry.
 */
export class DigestMap {
  private keys = Buffer.alloc(DIGEST_BYTES * 1024)
  /** Each slot's value plus one; 0 is an empty slot. */
  private values = new Uint32Array(1024)
  size = 0

  get(hex: string): number | undefined {
    const value = this.values[this.slot(digestBytes(hex))] ?? 0
    return value === 0 ? undefined : value - 1
  }

  set(hex: string, value: number): void {
    if ((this.size + 1) * 2 > this.values.length) this.grow()
    this.put(digestBytes(hex), value)
  }

  private put(key: Buffer, value: number): void {
    const at = this.slot(key)
    if (this.values[at] === 0) this.size += 1
    key.copy(this.keys, at * DIGEST_BYTES)
    this.values[at] = value + 1
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private slot(key: Buffer): number {
    const mask = this.values.length - 1
    // A sha256's first bytes are uniform: linear probing from them spreads evenly.
    let at = key.readUInt32BE(0) & mask
    while (this.values[at] !== 0 && key.compare(this.keys, at * DIGEST_BYTES, (at + 1) * DIGEST_BYTES) !== 0)
      at = (at + 1) & mask
    return at
  }

  private grow(): void {
    const { keys, values } = this
    this.keys = Buffer.alloc(keys.length * 2)
    this.values = new Uint32Array(values.length * 2)
    this.size = 0
    for (const [at, value] of values.entries())
      if (value !== 0) this.put(keys.subarray(at * DIGEST_BYTES, (at + 1) * DIGEST_BYTES), value - 1)
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
