import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { diffTable, renderDiff } from '../pipeline/release/diff.ts'
import { readDatasetInfo } from '../pipeline/release/dataset.ts'

const root = new URL('..', import.meta.url).pathname

describe('make diff', () => {
  test('lists rows added, removed and changed, by primary key, with the columns that changed', () => {
    const before = ['{"doc_id":"a","title":"A"}', '{"doc_id":"b","title":"B"}'].join('\n')
    const after = ['{"doc_id":"b","title":"B2"}', '{"doc_id":"c","title":"C"}'].join('\n')
    const diff = diffTable('documents', 'doc_id', before, after)
    expect(diff).toEqual({
      table: 'documents',
      added: ['c'],
      removed: ['a'],
      changed: [{ key: 'b', columns: ['title'] }],
    })
    expect(renderDiff('v1.0.0', [diff])).toBe(
      'Changes since v1.0.0:\n\n- documents: 1 added, 1 removed, 1 changed\n  - added c\n  - removed a\n  - changed b: title\n',
    )
  })
})

describe('CHANGELOG.md', () => {
  test('has an entry for the current version, dated as the release in dist/manifest.json', () => {
    const released = (JSON.parse(readFileSync(join(root, 'dist', 'manifest.json'), 'utf8')) as { released: string })
      .released
    // Dated as the release the citation and the card give; make release refuses any other date.
    expect(readFileSync(join(root, 'CHANGELOG.md'), 'utf8').split('\n')).toContain(
      `## ${readDatasetInfo().version} — ${released}`,
    )
  })
})

describe('make release', () => {
  test('tags a clean tree once, with a reproducible archive, and refuses a dirty tree or an old version', () => {
    const clone = join(mkdtempSync(join(tmpdir(), 'release-')), 'repo')
    // Without the repository's own tags: the test tags its clone, whatever releases the project has tagged.
    execFileSync('git', ['clone', '-q', '--no-tags', root, clone])
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'))
    writeFileSync(join(clone, '.git', 'info', 'exclude'), 'node_modules\n')
    const env = {
      ...process.env,
      PIPELINE: `${join(root, 'node_modules', '.bin', 'tsx')} pipeline/cli.ts`,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 't@example.org',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 't@example.org',
    }
    const release = () => spawnSync('bash', ['scripts/release.sh'], { cwd: clone, env, encoding: 'utf8' })
    const version = readDatasetInfo().version
    const archive = join(clone, 'release', `crocus-city-hall-press-${version}.tar.gz`)

    const first = release()
    expect(first.status, first.stderr).toBe(0)
    expect(first.stdout).toMatch(new RegExp(`tagged v${version}`))
    expect(execFileSync('git', ['tag', '--list'], { cwd: clone, encoding: 'utf8' }).trim()).toBe(`v${version}`)
    expect(execFileSync('git', ['cat-file', '-t', `v${version}`], { cwd: clone, encoding: 'utf8' }).trim()).toBe('tag')
    const sha = execFileSync('sha256sum', [archive], { encoding: 'utf8' }).split(' ')[0]
    expect(execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' })).toContain(
      `crocus-city-hall-press-${version}/manifest.json`,
    )

    const again = release()
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/is not past the last tag/)

    execFileSync('git', ['tag', '-d', `v${version}`], { cwd: clone })
    expect(release().status).toBe(0)
    expect(execFileSync('sha256sum', [archive], { encoding: 'utf8' }).split(' ')[0]).toBe(sha)

    execFileSync('git', ['tag', '-d', `v${version}`], { cwd: clone })
    const changelog = join(clone, 'CHANGELOG.md')
    writeFileSync(
      changelog,
      readFileSync(changelog, 'utf8').replace(`## ${version} — `, `## ${version} — 1999-01-01 (was `),
    )
    execFileSync('git', ['commit', '-qam', 'misdate the changelog'], { cwd: clone, env })
    const misdated = release()
    expect(misdated.status).toBe(1)
    expect(misdated.stderr).toMatch(/CHANGELOG.md has no entry '## .* — \d{4}-\d{2}-\d{2}'/)

    writeFileSync(join(clone, 'README.md'), 'changed')
    const dirty = release()
    expect(dirty.status).toBe(1)
    expect(dirty.stderr).toMatch(/uncommitted changes/)
    expect(existsSync(join(clone, 'release'))).toBe(true)
  }, 120_000)
})
