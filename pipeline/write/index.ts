import { readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { makeFolder } from './folders.ts'

/** The temporary folder a build of `outDir` writes into, beside it so that the final rename stays on one disk. */
export async function openOutput(outDir: string): Promise<string> {
  // Made first, so that an out folder that cannot be made is said in the user's own path.
  makeFolder(dirname(outDir))
  await recoverAbandoned(outDir)
  const tmp = `${outDir}.tmp-${process.pid}`
  await rm(tmp, { recursive: true, force: true })
  makeFolder(tmp)
  return tmp
}

/** Whether a process is running (one of another user counts: signalling it is only refused). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Clears what killed builds left beside `outDir`: a half-written `.tmp-PID` is removed, and a previous
 * release moved aside as `.old-PID` is put back if the build died before its own took the place (or
 * removed if it had). Folders of builds still running are left alone.
 */
async function recoverAbandoned(outDir: string): Promise<void> {
  const parent = dirname(outDir)
  const names = await readdir(parent).catch(() => [])
  for (const name of names.sort()) {
    const m = /^(.*)\.(tmp|old)-(\d+)$/.exec(name)
    if (m === null || m[1] !== basename(outDir) || Number(m[3]) === process.pid || running(Number(m[3]))) continue
    const restore =
      m[2] === 'old' &&
      !(await stat(outDir).then(
        () => true,
        () => false,
      ))
    if (restore) await rename(join(parent, name), outDir)
    else await rm(join(parent, name), { recursive: true, force: true })
  }
}

/**
 * Puts a finished output in place atomically: the temporary folder replaces `outDir` by rename, so a
 * build that dies half-way leaves the previous release whole.
 */
export async function commitOutput(tmp: string, outDir: string): Promise<void> {
  // The folder beside it is there: openOutput made `tmp` in it.
  const old = `${outDir}.old-${process.pid}`
  const hadOld = await rename(outDir, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false
      throw error
    },
  )
  await rename(tmp, outDir)
  if (hadOld) await rm(old, { recursive: true, force: true })
}
