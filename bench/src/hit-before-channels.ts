/**
 * Builds core as it was just before the lifecycle published its diagnostics channels (commit
 * BEFORE_CHANNELS, the parent of the commit that added them) in a temporary git worktree, so a
 * cache hit of that build and of today's can be measured in the same run (hit-child.ts).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** core before the channels (6fe8367), the parent of a59f5e1 "the lifecycle publishes ...". */
export const BEFORE_CHANNELS = '6fe8367'

export interface OldCoreBuild {
  /** dist/index.js of the old build */
  entry: string
  remove(): void
}

export function buildCoreBeforeChannels(repoRoot: string): OldCoreBuild {
  const dir = join(mkdtempSync(join(tmpdir(), 'vt-bench-core-')), 'tree')
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, stdio: 'pipe' })
  git('worktree', 'add', '--detach', dir, BEFORE_CHANNELS)
  const remove = () => {
    try {
      git('worktree', 'remove', '--force', dir)
    } catch {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  try {
    // The old sources compile against today's installed modules (types, undici).
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir')
    execFileSync(
      join(repoRoot, 'node_modules/.bin/tsc'),
      ['-p', 'packages/core/tsconfig.build.json'],
      {
        cwd: dir,
        stdio: 'pipe',
      },
    )
  } catch (error) {
    remove()
    throw error
  }
  return { entry: join(dir, 'packages/core/dist/index.js'), remove }
}
