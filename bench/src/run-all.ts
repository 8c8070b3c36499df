/**
 * `npm run bench`: runs every bench module (`core`, `middleware`, `verify`, `redis`), each in its
 * own child process so that one suite's threads, sockets and heap cannot disturb the next, then
 * prints one table and writes `bench/results/latest.json` and `bench/results/latest.md`.
 *
 * Usage: `node dist/run-all.js [--quick] [--only core,verify] [--strict]`
 * (`--strict` exits 1 when a target is missed; a suite that crashes always exits 1).
 */
import { fork } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { cpus, platform } from 'node:os'
import { fileURLToPath } from 'node:url'
import {
  type BenchReport,
  markdownReport,
  type SuiteOutcome,
  summaryLine,
  textTable,
} from './report.js'
import type { BenchModule, BenchRow } from './types.js'

/** The bench modules, in the order they run. Each is `bench/src/<name>.ts`. */
const MODULES = ['core', 'middleware', 'verify', 'redis'] as const

type ChildMessage = { type: 'rows'; rows: BenchRow[] } | { type: 'error'; message: string }

function isBenchRow(value: unknown): value is BenchRow {
  const row = value as BenchRow
  return (
    typeof row === 'object' &&
    row !== null &&
    typeof row.suite === 'string' &&
    typeof row.name === 'string' &&
    typeof row.value === 'number' &&
    typeof row.unit === 'string'
  )
}

/** Child side: import one module, run it, send its rows to the parent, exit (threads or not). */
async function runChild(name: string, quick: boolean): Promise<void> {
  const send = (message: ChildMessage) => process.send!(message, () => process.exit(0))
  try {
    const mod = (await import(`./${name}.js`)) as Partial<BenchModule>
    if (typeof mod.run !== 'function') throw new Error(`bench/src/${name}.ts exports no run()`)
    const rows = await mod.run({ quick })
    const bad = Array.isArray(rows) ? rows.find((row) => !isBenchRow(row)) : rows
    if (bad !== undefined) throw new Error(`run() returned a malformed row: ${JSON.stringify(bad)}`)
    send({ type: 'rows', rows })
  } catch (error) {
    send({
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    })
  }
}

/** Parent side: fork this file in child mode for one module and collect its rows. */
function runSuite(
  name: string,
  quick: boolean,
  timeoutMs: number,
): Promise<{ rows: BenchRow[]; error?: string }> {
  return new Promise((resolve) => {
    const child = fork(
      fileURLToPath(import.meta.url),
      ['--child', name, ...(quick ? ['--quick'] : [])],
      {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    )
    let result: { rows: BenchRow[]; error?: string } | undefined
    const timer = setTimeout(() => {
      result ??= { rows: [], error: `timed out after ${timeoutMs / 1000} s` }
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('message', (message: ChildMessage) => {
      result ??=
        message.type === 'rows' ? { rows: message.rows } : { rows: [], error: message.message }
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      resolve(result ?? { rows: [], error: `exited (${signal ?? `code ${code}`}) without rows` })
    })
  })
}

async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick')
  const strict = argv.includes('--strict')
  const onlyIndex = argv.indexOf('--only')
  const only = onlyIndex >= 0 ? new Set(argv[onlyIndex + 1]?.split(',')) : undefined
  const timeoutMs = Number(process.env.BENCH_SUITE_TIMEOUT_MS) || (quick ? 5 : 20) * 60_000

  const suites: SuiteOutcome[] = []
  const rows: BenchRow[] = []
  for (const name of MODULES) {
    if (only && !only.has(name)) continue
    const started = Date.now()
    if (!existsSync(new URL(`./${name}.js`, import.meta.url))) {
      const note = `bench/src/${name}.ts is missing (or not built): skipped`
      console.log(`[bench] ${name}: ${note}`)
      suites.push({ module: name, status: 'skipped', note, durationMs: 0 })
      continue
    }
    console.log(`[bench] ${name}: running${quick ? ' (quick)' : ''}...`)
    const result = await runSuite(name, quick, timeoutMs)
    const durationMs = Date.now() - started
    rows.push(...result.rows)
    if (result.error) {
      console.error(`[bench] ${name}: FAILED: ${result.error}`)
      suites.push({
        module: name,
        status: 'failed',
        note: result.error.split('\n')[0]!,
        durationMs,
      })
    } else {
      console.log(
        `[bench] ${name}: ${result.rows.length} row(s) in ${(durationMs / 1000).toFixed(1)} s`,
      )
      suites.push({ module: name, status: 'ok', durationMs })
    }
  }

  const cpu = cpus()
  const report: BenchReport = {
    date: new Date().toISOString(),
    quick,
    machine: {
      node: process.version,
      platform: platform(),
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? '?',
    },
    suites,
    rows,
  }
  console.log(`\n${textTable(rows)}\n`)
  console.log(`[bench] ${summaryLine(report)}`)
  if (only) {
    console.log('[bench] --only: results/latest.* left as they were (they hold full runs only)')
  } else {
    const resultsDir = new URL('../results/', import.meta.url)
    mkdirSync(resultsDir, { recursive: true })
    writeFileSync(new URL('latest.json', resultsDir), `${JSON.stringify(report, null, 2)}\n`)
    writeFileSync(new URL('latest.md', resultsDir), markdownReport(report))
    console.log(`[bench] wrote ${fileURLToPath(new URL('latest.json', resultsDir))} and latest.md`)
  }
  const failed = suites.some((s) => s.status === 'failed')
  const missed = rows.some((r) => r.pass === false)
  return failed || (strict && missed) ? 1 : 0
}

if (process.argv[2] === '--child') {
  await runChild(process.argv[3]!, process.argv.includes('--quick'))
} else {
  process.exitCode = await main(process.argv.slice(2))
}
