import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/**
 * Makes a folder and its missing parents, or fails naming the folder it could not make. Not Node's
 * `mkdir(..., { recursive: true })`: where a parent exists but refuses children with ENOENT (any path in
 * /proc), Node steps back to make the parent, finds it there, and retries forever (nodejs/node, Node 18-22).
 */
export function makeFolder(dir: string): void {
  const missing: string[] = []
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.push(at)
    if (dirname(at) === at) break
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // Made meanwhile by another build sharing the folder (shards, a cache): what was wanted.
      if (code === 'EEXIST' && statSync(folder, { throwIfNoEntry: false })?.isDirectory() === true) continue
      throw new Error(`Cannot make the folder ${folder} (${code ?? String(error)}): ${reasonOf(code, folder)}`)
    }
  }
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true)
    throw new Error(`Cannot make the folder ${dir}: a file of that name is in the way`)
}

function reasonOf(code: string | undefined, folder: string): string {
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return `${dirname(folder)} does not let this user write in it`
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return `a file, or a link that leads nowhere, is in the way in ${dirname(folder)}`
  if (code === 'ENOENT')
    return `${dirname(folder)} does not take new folders (a system folder such as /proc, or a link that leads nowhere)`
  return 'the file system refused it'
}
