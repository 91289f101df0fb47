import { execFile, spawnSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, test } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { differences, rawDir } from './helpers.ts'

/**
 * The README's two array jobs, run as written: every shard command of examples/cluster/ on the real
 * command line, then the merge, in a project of their own; the release must be the single build's.
 */
const root = new URL('..', import.meta.url).pathname
const run = promisify(execFile)
let project: string
let env: NodeJS.ProcessEnv

/** What a Kubernetes Job of the example runs: its container's command line, how many indices, what it requests. */
interface JobSpec {
  step: string
  completions: number
  command: string[]
  cpu: string | undefined
}

/** The fields of a Kubernetes Job manifest the test reads. */
interface KubernetesJob {
  metadata: { labels: { step: string } }
  spec: {
    completions?: number
    template: {
      spec: { containers: { command: string[]; args: string[]; resources?: { requests?: { cpu?: string } } }[] }
    }
  }
}

function kubernetesJobs(): JobSpec[] {
  const docs = parseAllDocuments(readFileSync(join(root, 'examples', 'cluster', 'kubernetes.yaml'), 'utf8')).map(
    (d) => d.toJS() as KubernetesJob,
  )
  return docs.map((job) => {
    const container = job.spec.template.spec
      .containers[0] as KubernetesJob['spec']['template']['spec']['containers'][number]
    return {
      step: job.metadata.labels.step,
      completions: job.spec.completions ?? 1,
      command: [...container.command, ...container.args],
      cpu: container.resources?.requests?.cpu,
    }
  })
}

beforeAll(async () => {
  // The project as a clone on shared storage holds it: the code copied (the default cache lives beside it), packages linked.
  project = mkdtempSync(join(tmpdir(), 'cluster-'))
  for (const name of ['pipeline', 'schemas', 'package.json', 'package-lock.json', 'tsconfig.json', 'dataset.json'])
    cpSync(join(root, name), join(project, name), { recursive: true })
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'))
  cpSync(rawDir, join(project, 'raw'), { recursive: true })
  // Stand-ins for what the cluster provides: sbatch runs each job at once, and make finds the packages installed.
  const bin = join(project, '.bin')
  mkdirSync(bin)
  cpSync(join(root, 'test', 'fixtures', 'cluster', 'sbatch'), join(bin, 'sbatch'))
  writeFileSync(
    join(bin, 'make'),
    '#!/bin/sh\n# The packages are installed: the examples may only ask for that.\n[ "$*" = install ] || { echo "make: unexpected $*" >&2; exit 2; }\n',
  )
  for (const tool of ['sbatch', 'make']) chmodSync(join(bin, tool), 0o755)
  writeFileSync(join(project, '.slurm-jobs'), '')
  env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    SOURCE_DATE_EPOCH: '1767225600',
    FAKE_SLURM_JOBS: join(project, '.slurm-jobs'),
  }
  await run(
    'npm',
    ['run', '--silent', 'pipeline', '--', 'build', '--raw', 'raw', '--out', 'single', '--no-cache', '--jobs', '1'],
    { cwd: project, env },
  )
}, 120_000)

describe('the cluster examples', () => {
  test('the Kubernetes Indexed Job and its merge Job give the single build byte for byte, with one thread per requested core', async () => {
    const [shards, merge] = kubernetesJobs()
    expect(shards?.step).toBe('build')
    expect(merge?.step).toBe('merge')
    if (shards === undefined || merge === undefined) return
    // Node counts the node's cores, not the pod's: each pod must ask for as many threads as it requested.
    expect(shards.command.join(' ').match(/--jobs (\d+)/)?.[1]).toBe(shards.cpu)
    const [command, ...args] = shards.command
    await Promise.all(
      Array.from({ length: shards.completions }, (_, index) =>
        run(command ?? '', args, { cwd: project, env: { ...env, JOB_COMPLETION_INDEX: String(index) } }),
      ),
    )
    expect(readdirSync(join(project, 'parts')).sort()).toEqual(
      Array.from({ length: shards.completions }, (_, i) => `part-${i + 1}`).sort(),
    )
    const [mergeCommand, ...mergeArgs] = merge.command
    await run(mergeCommand ?? '', mergeArgs, { cwd: project, env })
    expect(differences(join(project, 'single'), join(project, 'dist'))).toEqual([])
  }, 180_000)

  test('the Slurm script submits an array and a merge that waits for it, and gives the single build byte for byte', () => {
    // The Kubernetes test's release goes first: the script's merge must write its own.
    rmSync(join(project, 'dist'), { recursive: true, force: true })
    const script = spawnSync('bash', [join(root, 'examples', 'cluster', 'slurm.sh')], {
      cwd: project,
      env: { ...env, SHARDS: '3', PARTS: 'slurm/parts' },
      encoding: 'utf8',
    })
    const logs = existsSync(join(project, 'logs'))
      ? readdirSync(join(project, 'logs')).map((f) => `${f}:\n${readFileSync(join(project, 'logs', f), 'utf8')}`)
      : []
    expect(script.status, `${script.stderr}\n${logs.join('\n')}`).toBe(0)
    // Two jobs: the array of three tasks, and the merge, submitted to start only after the array succeeded.
    expect(readFileSync(join(project, '.slurm-jobs'), 'utf8').trim().split('\n')).toEqual([
      '1 tasks=3 after=none ok',
      '2 tasks=1 after=afterok:1 ok',
    ])
    expect(readdirSync(join(project, 'logs')).sort()).toEqual([
      'merge.log',
      'shard-1.log',
      'shard-2.log',
      'shard-3.log',
    ])
    expect(differences(join(project, 'single'), join(project, 'dist'))).toEqual([])
  }, 180_000)
})
