/**
 * `npm run bench`: runs every bench module (`core`, `middleware`, `verify`, `redis`), each in its
 * own child process so that one suite's threads, sockets and heap cannot disturb the next, then
 * prints one table and writes `bench/results/latest.json` and `bench/results/latest.md`.
 *
 * Each suite runs in its own process group (a detached child), so SIGTERM / SIGINT to this
 * process (Ctrl-C included) end the suite and every process it started (the middleware suite's
 * app servers); a suite whose parent disappears without a signal (SIGKILL) ends itself when its
 * IPC channel closes.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { cpus, platform } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import {
  type BenchReport,
  markdownReport,
  type SuiteOutcome,
  summaryLine,
  textTable,
} from './report.js'
import type { BenchModule, BenchRow } from './types.js'

/** The bench modules, in the order they run. Each is `bench/src/<name>.ts`. */
const MODULES = ['core', 'middleware', 'verify', 'redis', 'observability'] as const

const USAGE = `Usage: node bench/dist/run-all.js [--quick] [--suite NAME]... [--strict]
       npm run bench -- [--quick] [--suite NAME]... [--strict]

Runs the benchmark suites (each in its own process), prints one table and, for a run of every
suite, writes bench/results/latest.json and latest.md.
  --quick          short run: the same rows from fewer samples
  --suite NAME     run only this suite (repeatable, or comma separated): ${MODULES.join(', ')}
  --only A,B       same as --suite A,B
  --strict         exit 1 when a row misses its target (a crashed suite always exits 1)
  -h, --help       this text
SIGTERM or Ctrl-C stops the run and every process it started.`

interface CliOptions {
  quick: boolean
  strict: boolean
  /** undefined: every suite. */
  suites: Set<string> | undefined
}

/** Parses argv; throws a TypeError naming the bad argument and the allowed values. */
function parseCli(argv: string[]): CliOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      suite: { type: 'string', multiple: true },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return 'help'
  const names = [...(values.suite ?? []), ...(values.only ? [values.only] : [])].flatMap((v) =>
    v.split(',').filter(Boolean),
  )
  const unknown = names.filter((name) => !(MODULES as readonly string[]).includes(name))
  if (unknown.length)
    throw new TypeError(`unknown suite ${unknown.join(', ')}; suites: ${MODULES.join(', ')}`)
  return {
    quick: values.quick,
    strict: values.strict,
    suites: names.length ? new Set(names) : undefined,
  }
}

/** The suite processes running now (one at a time), so a signal can end them and theirs. */
const running = new Set<ChildProcess>()

/** Ends a suite's whole process group: the suite and whatever it forked. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // the group is already gone
  }
}

function forwardSignals(): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      console.error(`[bench] ${signal}: stopping ${running.size} suite(s) and their processes`)
      for (const child of running) killGroup(child, 'SIGTERM')
      const force = setTimeout(() => {
        for (const child of running) killGroup(child, 'SIGKILL')
        process.exit(signal === 'SIGINT' ? 130 : 143)
      }, 3_000)
      force.unref()
      const done = () => {
        if (running.size === 0) process.exit(signal === 'SIGINT' ? 130 : 143)
      }
      for (const child of running) child.once('exit', done)
      done()
    })
  }
}

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
  // The parent died without signalling us (SIGKILL): end this suite's process group.
  process.once('disconnect', () => process.kill(-process.pid, 'SIGKILL'))
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
      // detached: its own process group, which killGroup ends as a whole.
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true },
    )
    running.add(child)
    let result: { rows: BenchRow[]; error?: string } | undefined
    const timer = setTimeout(() => {
      result ??= { rows: [], error: `timed out after ${timeoutMs / 1000} s` }
      killGroup(child, 'SIGKILL')
    }, timeoutMs)
    child.on('message', (message: ChildMessage) => {
      result ??=
        message.type === 'rows' ? { rows: message.rows } : { rows: [], error: message.message }
    })
    child.on('exit', (code, signal) => {
      running.delete(child)
      clearTimeout(timer)
      resolve(result ?? { rows: [], error: `exited (${signal ?? `code ${code}`}) without rows` })
    })
  })
}

async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parseCli>
  try {
    options = parseCli(argv)
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (options === 'help') {
    console.log(USAGE)
    return 0
  }
  const { quick, strict, suites: only } = options
  forwardSignals()
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
    console.log('[bench] --suite: results/latest.* left as they were (they hold full runs only)')
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
