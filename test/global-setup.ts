import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * One temporary folder per test run, removed at the end: tests and the CLI processes they spawn create
 * their scratch folders under os.tmpdir(), which follows TMPDIR, so a run leaves nothing in /tmp.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-tests-'))
  process.env.TMPDIR = dir
  return () => rmSync(dir, { recursive: true, force: true })
}
