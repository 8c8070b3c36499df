import { TokenManager } from '@vendor-token/core'
import type { Emulator } from '@vendor-token/emulator'
import { createLogger, type LogLevel, type TextSink } from './logger.js'
import { MANAGER_OPTIONS } from './manager-options.js'
import { type DemoMetrics, startMetrics } from './metrics.js'
import { createPrinter, type Printer } from './printer.js'
import { type DemoServices, startServices } from './services.js'
import { startStatusServer } from './status/server.js'
import type { StepResult } from './tour/context.js'
import { runTour } from './tour/index.js'
import { printSummary } from './tour/summary.js'

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /** Status page port; 0 (default) = any free port; a taken port falls back to any free one. */
  port?: number
  /** Run the tour only: no status page. Default false. */
  once?: boolean
  /** Logs of the manager, the emulator and the demo. Default `error`. */
  logLevel?: LogLevel
  /** Where the tour is printed. Default process.stdout. */
  out?: TextSink
  /** Where logs go. Default process.stderr. */
  err?: TextSink
  /** ANSI colours in the tour. Default false. */
  color?: boolean
}

/** A demo whose tour has run; the status page (unless `once`) keeps serving until `close`. */
export interface RunningDemo {
  /** True when every tour step passed. */
  ok: boolean
  results: StepResult[]
  /** `http://127.0.0.1:<port>/`, unless `once`. */
  statusUrl: string | undefined
  emulator: Emulator
  manager: TokenManager
  /** What `/metrics` serves (recording from the start, also with `once`). */
  metrics: DemoMetrics
  apps: DemoServices['apps']
  close(): Promise<void>
}

/**
 * Starts the emulator and the four sample apps on one shared manager, runs the tour, prints the
 * summary, then (unless `once`) serves the status page and /metrics.
 * @example
 * const demo = await startDemo({ port: 0 })
 * console.log(demo.statusUrl)
 * await demo.close()
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const logger = createLogger(options.logLevel ?? 'error', options.err ?? process.stderr)
  const print = createPrinter(options.out ?? process.stdout, options.color ?? false)
  const manager = new TokenManager({ ...MANAGER_OPTIONS, logger })
  const metrics = startMetrics(manager)
  let services: DemoServices
  try {
    services = await startServices(manager, logger)
  } catch (error) {
    await metrics.close()
    await manager.close()
    throw error
  }
  const { emulator, apps } = services
  printIntro(print, emulator, apps)
  const started = performance.now()
  const results = await runTour({ emulator, manager, apps, print })
  printSummary(print, results, emulator, manager, performance.now() - started)
  const appLinks = Object.values(apps).map((app) => ({ name: app.name, url: app.url + app.path }))
  const status = options.once
    ? undefined
    : await startStatusServer({
        manager,
        serveMetrics: metrics.serve,
        apps: appLinks,
        port: options.port ?? 0,
      })
  if (status) {
    print.heading('Still running')
    if (status.fellBack) print.note(`port ${options.port} was taken; using another one`)
    print.fact(`Status page: ${status.url}  (reloads every 2 s)`)
    print.fact(`Metrics:     ${status.url}metrics`)
    print.fact('The apps keep serving too. Press Ctrl-C to stop.')
  }
  return {
    ok: results.every((result) => result.ok),
    results,
    statusUrl: status?.url,
    emulator,
    manager,
    metrics,
    apps,
    close: async () => {
      await status?.close()
      await services.closeApps()
      await manager.close()
      await metrics.close()
      await emulator.close()
    },
  }
}

function printIntro(print: Printer, emulator: Emulator, apps: DemoServices['apps']): void {
  print.heading('vendor-token demo')
  print.note('Four sample apps share one TokenManager; the vendors are the local emulator.')
  print.note('Every figure below is counted by the emulator: what really reached the "vendor".')
  print.line()
  print.fact(`${'emulator'.padEnd(21)} ${emulator.url}`)
  for (const app of Object.values(apps)) print.fact(`${app.name.padEnd(21)} ${app.url}${app.path}`)
}
