import { spawnSync } from 'node:child_process'

/** Where a build comes from: the commit of the inputs and pipeline, and the release date. */
export interface Provenance {
  /** The last commit that changed what the release is built from (raw/, the pipeline, its dependencies); null outside git. */
  commit: string | null
  /** SOURCE_DATE_EPOCH's date when set, else that commit's date: never the clock. */
  released: string
}

function git(args: string[], cwd: string): string | null {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8' })
  return run.status === 0 && run.stdout.trim() !== '' ? run.stdout.trim() : null
}

/** What the release is built from: a commit that changes none of these leaves the release as it was. */
export const RELEASE_SOURCES = ['raw', 'pipeline', 'schemas', 'dataset.json', 'package.json', 'package-lock.json']

/**
 * Reads the provenance of a build in `cwd`: the last commit that changed one of RELEASE_SOURCES, so that
 * committing the rebuilt dist/ (or tests, or documentation) does not change what it records. Commit the
 * code first, then the rebuilt release.
 */
export function readProvenance(cwd = process.cwd()): Provenance {
  const commit = git(['log', '-1', '--format=%H', '--', ...RELEASE_SOURCES], cwd)
  const epoch = process.env.SOURCE_DATE_EPOCH
  if (epoch !== undefined && /^\d+$/.test(epoch))
    return { commit, released: new Date(Number(epoch) * 1000).toISOString().slice(0, 10) }
  const day = commit === null ? null : git(['show', '-s', '--format=%cs', commit], cwd)
  if (day === null)
    throw new Error('Cannot date the release without git history or SOURCE_DATE_EPOCH, expected one of them')
  return { commit, released: day }
}
