/**
 * Requests/s of a bare Express (Koa) app vs the same app with `vendorToken` on a cache hit.
 *
 * Each framework's app runs in its own child process (one core) and autocannon drives it from
 * this process (the other core), over loopback. The child serves ONE app and switches the
 * `vendorToken` middleware in and out between runs (`Phase`), so both figures come from the same
 * process, the same app objects and the same JIT state; only the middleware differs. Why not two
 * apps: with two Express apps in one process V8's inline caches see both apps' request prototypes
 * and turn polymorphic, and whichever app was built first ran up to 10 % faster (the same
 * middleware read 0.93 or 1.0 of bare Express by build order); and two processes differ from
 * each other by up to ±8 % (JIT and memory layout luck), more than the effect measured here.
 *
 * The three phases (bare, a no-op middleware as a control, `vendorToken`) run in short rounds,
 * each phase taking each position in turn; a ratio is the median of the rounds' ratios, so drift
 * and bursts of background load (which hit a round's runs alike) cancel. The no-op row shows what
 * the framework itself charges for any middleware (Express's router layer, Koa's compose step);
 * `vendorToken vs no-op` is the cost of this package's code. The server's CPU time per request is
 * reported too, as a cross-check: bare / vendorToken CPU per request is the same capacity ratio.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { TokenManager } from '@vendor-token/core'
import { startEmulator } from '@vendor-token/emulator'
import { vendorToken as expressVendorToken } from '@vendor-token/express'
import { vendorToken as koaVendorToken } from '@vendor-token/koa'
import { bridgeft } from '@vendor-token/vendors'
import autocannon from 'autocannon'
import express, { type RequestHandler } from 'express'
import Koa from 'koa'
import type { BenchRow } from './types.js'

const ROLE = '--middleware-bench-server'
const CONNECTIONS = 32
type Framework = 'express' | 'koa'
/**
 * What the server process runs: the bare app, the same app with a no-op middleware first (the
 * cost the framework charges any middleware: Express's router layer, Koa's compose step), or
 * with `vendorToken` first.
 */
type Phase = 'bare' | 'noop' | 'vendorToken'
const PHASES: readonly Phase[] = ['bare', 'noop', 'vendorToken']
interface Sample {
  requests: number
  cpuMicros: number
}

export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const framework of ['express', 'koa'] as const) {
    rows.push(...(await compare(framework, quick ? 8 : 30, 1)))
  }
  return rows
}

/** Rotating bare / no-op / vendorToken runs against one server process; one framework's rows. */
async function compare(framework: Framework, rounds: number, seconds: number): Promise<BenchRow[]> {
  const { child, port } = await startServer(framework)
  try {
    const measure = async (phase: Phase, duration: number): Promise<Sample> => {
      await ask(child, phase)
      const before = (await ask(child, 'cpu')) as number
      const requests = await load(port, duration)
      return { requests, cpuMicros: ((await ask(child, 'cpu')) as number) - before }
    }
    for (const phase of PHASES) await measure(phase, 2) // warm-up: JIT, connection setup
    const sums = { bare: EMPTY, noop: EMPTY, vendorToken: EMPTY }
    const ratios = { noop: [] as number[], vendorToken: [] as number[] }
    for (let round = 0; round < rounds; round++) {
      // Each phase takes each position in turn, so drift favours none.
      const order = PHASES.map((_, i) => PHASES[(i + round) % PHASES.length]!)
      const got = {} as Record<Phase, Sample>
      for (const phase of order) got[phase] = await measure(phase, seconds)
      for (const phase of PHASES) sums[phase] = add(sums[phase], got[phase])
      ratios.noop.push(got.noop.requests / got.bare.requests)
      ratios.vendorToken.push(got.vendorToken.requests / got.bare.requests)
    }
    const rate = (s: Sample) => Math.round(s.requests / (rounds * seconds))
    const cpu = (s: Sample) => Number((s.cpuMicros / s.requests).toFixed(1))
    const bareName = `bare ${framework} app`
    const bare = { name: bareName, value: rate(sums.bare) }
    const spread = (sorted: number[]) =>
      `median of ${rounds} rounds of ${seconds} s runs (bare, no-op, vendorToken rotating), ${CONNECTIONS} connections; round ratios ${sorted[0]!.toFixed(3)}..${sorted.at(-1)!.toFixed(3)}`
    const token = median(ratios.vendorToken)
    const noop = median(ratios.noop)
    return [
      { suite: framework, name: bareName, value: bare.value, unit: 'req/s' },
      {
        suite: framework,
        name: `${framework} app + no-op middleware (control)`,
        value: rate(sums.noop),
        unit: 'req/s',
        baseline: bare,
        ratio: round3(noop.value),
        note: `what the framework charges any middleware; ${spread(noop.sorted)}`,
      },
      {
        suite: framework,
        name: `${framework} app + vendorToken (cache hit)`,
        value: rate(sums.vendorToken),
        unit: 'req/s',
        baseline: bare,
        ratio: round3(token.value),
        target: '>= 0.97',
        pass: token.value >= 0.97,
        note: spread(token.sorted),
      },
      {
        suite: framework,
        name: `${framework} app + vendorToken vs + no-op middleware`,
        value: rate(sums.vendorToken),
        unit: 'req/s',
        baseline: { name: `${framework} app + no-op middleware`, value: rate(sums.noop) },
        ratio: round3(token.value / noop.value),
        note: 'the cost of vendorToken itself, beyond being a middleware',
      },
      {
        suite: framework,
        name: `${framework} app + vendorToken: server CPU per request`,
        value: cpu(sums.vendorToken),
        unit: 'µs',
        baseline: { name: `${bareName}: server CPU per request`, value: cpu(sums.bare) },
        ratio: round3(cpu(sums.bare) / cpu(sums.vendorToken)),
        note: `cross-check: bare / vendorToken CPU per request is the same capacity ratio (no-op: ${cpu(sums.noop)} µs)`,
      },
    ]
  } finally {
    await stopServer(child)
  }
}

const EMPTY: Sample = { requests: 0, cpuMicros: 0 }
const round3 = (x: number) => Number(x.toFixed(3))

function median(values: number[]): { value: number; sorted: number[] } {
  const sorted = [...values].sort((x, y) => x - y)
  return { value: sorted[Math.floor(sorted.length / 2)]!, sorted }
}

const add = (a: Sample, b: Sample): Sample => ({
  requests: a.requests + b.requests,
  cpuMicros: a.cpuMicros + b.cpuMicros,
})

/** Sends one message to the server process and waits for its answer. */
function ask(child: ChildProcess, message: string): Promise<unknown> {
  return new Promise((resolve) => {
    child.once('message', resolve)
    child.send(message)
  })
}

/** Drives the app for `seconds`; returns the number of 2xx answers. */
async function load(port: number, seconds: number): Promise<number> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/`,
    connections: CONNECTIONS,
    duration: seconds,
  })
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`port ${port}: ${result.errors} errors, ${result.non2xx} non-2xx answers`)
  }
  return result['2xx']
}

interface AppServer {
  child: ChildProcess
  port: number
}

/** Forks the process serving one framework's app; resolves once it listens. */
async function startServer(framework: Framework): Promise<AppServer> {
  const child = fork(fileURLToPath(import.meta.url), [ROLE, framework], { stdio: 'inherit' })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${framework} server exited with code ${code}`)))
  })
  return { child, port }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.send('close')
  await exited
}

/** Server process: the emulator, a manager holding a warm token, and one app with a phase switch. */
async function serve(framework: Framework): Promise<void> {
  const emulator = await startEmulator()
  const manager = new TokenManager()
  manager.register('bridgeft', bridgeft(emulator.vendors.bridgeft))
  await manager.getToken('bridgeft') // every measured request is a cache hit
  const { listener, setPhase } = framework === 'express' ? expressApp(manager) : koaApp(manager)
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  process.on('message', async (message) => {
    if (PHASES.includes(message as Phase)) {
      setPhase(message as Phase)
      process.send?.('ok')
    }
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage()
      process.send?.(user + system)
    }
    if (message === 'close') {
      server.closeAllConnections()
      server.close()
      await manager.close()
      await emulator.close()
      process.disconnect()
    }
  })
  process.send?.({ port: (server.address() as AddressInfo).port })
}

interface SwitchableApp {
  listener: RequestListener
  setPhase(phase: Phase): void
}

/** One Express app; each phase runs its router with a different first layer (or none). */
function expressApp(manager: TokenManager): SwitchableApp {
  const app = express()
  app.get('/', (_req, res) => void res.json({ ok: true }))
  const bare = app.router.stack
  // Router layers built by app.use on the same app, then moved in front of the route.
  const layerOf = (middleware: RequestHandler) => {
    app.use(middleware)
    return app.router.stack.pop()!
  }
  const stacks: Record<Phase, typeof bare> = {
    bare,
    noop: [layerOf((_req, _res, next) => next()), ...bare],
    vendorToken: [layerOf(expressVendorToken(manager, 'bridgeft')), ...bare],
  }
  return {
    listener: app,
    setPhase: (phase) => {
      app.router.stack = stacks[phase]
    },
  }
}

/** One Koa app composed three times: bare, with a no-op and with `vendorToken` in front. */
function koaApp(manager: TokenManager): SwitchableApp {
  const app = new Koa()
  app.use((ctx) => {
    ctx.body = { ok: true }
  })
  const composed = (first?: Koa.Middleware) => {
    const middleware = [...app.middleware]
    if (first !== undefined) app.middleware.unshift(first)
    const listener = app.callback()
    app.middleware = middleware
    return listener
  }
  const listeners: Record<Phase, RequestListener> = {
    bare: composed(),
    noop: composed((_ctx, next) => next()),
    vendorToken: composed(koaVendorToken(manager, 'bridgeft')),
  }
  let current = listeners.bare
  return {
    listener: (req, res) => current(req, res),
    setPhase: (phase) => {
      current = listeners[phase]
    },
  }
}

if (process.argv[2] === ROLE && process.argv[1] === fileURLToPath(import.meta.url)) {
  await serve(process.argv[3] as Framework)
}
