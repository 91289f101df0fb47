import { closeSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { MessageRow } from '../../schemas/index.ts'
import type { Message } from '../types.ts'
import { columnsOf } from './columns.ts'
import { toJsonl } from './jsonl.ts'

/** Every message of a release, one JSON line each: dist/messages.jsonl. */
export const MESSAGES = 'messages.jsonl'
const columns = columnsOf({ schema: MessageRow })

/** Appends each message of a build to messages.jsonl as it is told, in the order told (corpus order): none is kept in memory. */
export class MessageLog {
  private readonly fd: number
  count = 0
  constructor(dir: string) {
    this.fd = openSync(join(dir, MESSAGES), 'w')
  }

  add(m: Message): void {
    const row: MessageRow = {
      source_path: m.file,
      line: m.line ?? null,
      rule: m.rule,
      severity: m.severity,
      reason: m.reason,
    }
    writeSync(this.fd, toJsonl(columns, [row as unknown as Record<string, unknown>]))
    this.count += 1
  }

  close(): number {
    closeSync(this.fd)
    return this.count
  }
}
