// The bench CLI (bench/src/run-all.ts) leaves no process behind: started for real with the
// middleware suite (the suite process forks an app server, so the tree is three deep), then the
// CLI is stopped with SIGTERM, SIGINT or SIGKILL, and every process that descended from it must be
// gone. Builds the bench package first (it is not a dependency of this package).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const cli = join(root, 'bench/dist/run-all.js')

/** Every live descendant of `pid`, from `ps`. */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number])
  const found: number[] = []
  const visit = (parent: number) => {
    for (const [child, ppid] of rows) {
      if (ppid === parent) {
        found.push(child)
        visit(child)
      }
    }
  }
  visit(pid)
  return found
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Starts the CLI and waits until the suite and its app server run (three generations). */
async function startBench(): Promise<{ cli: ChildProcess; tree: number[] }> {
  const child = spawn(process.execPath, [cli, '--suite', 'middleware', '--quick'], {
    cwd: root,
    stdio: 'ignore',
  })
  const tree = await waitFor(
    'the suite process and its app server',
    () => {
      const found = descendants(child.pid!)
      return found.length >= 2 ? found : undefined
    },
    60_000,
  )
  return { cli: child, tree }
}

beforeAll(() => {
  execFileSync('npm', ['run', 'build', '-w', '@vendor-token/bench'], { cwd: root, stdio: 'pipe' })
}, 120_000)

describe('bench CLI: children end with the parent', () => {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
    it(`${signal} to the CLI ends the suite and the app server it forked`, async () => {
      const { cli: child, tree } = await startBench()
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill(signal)
      await exited
      const remaining = await waitFor(
        'the descendants to exit',
        () => {
          const left = tree.filter(alive)
          return left.length === 0 ? left : undefined
        },
        15_000,
      ).catch(() => tree.filter(alive))
      expect(remaining).toEqual([])
    }, 120_000)
  }

  it('--help prints the usage and exits 0; an unknown suite exits 2 naming the suites', () => {
    expect(execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' })).toContain(
      '--suite NAME',
    )
    let failure: { status?: number; stderr?: string } = {}
    try {
      execFileSync(process.execPath, [cli, '--suite', 'nope'], { encoding: 'utf8', stdio: 'pipe' })
    } catch (error) {
      failure = error as typeof failure
    }
    expect(failure.status).toBe(2)
    expect(failure.stderr).toContain('unknown suite nope; suites: core, middleware, verify, redis')
  })
})
