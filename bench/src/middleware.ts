/**
 * Requests/s of a bare Express (Koa) app vs the same app with `vendorToken` on a cache hit.
 *
 * The apps run in a child process (one core) and autocannon drives them from this process (the
 * other core), over loopback. Bare and middleware runs alternate in short back-to-back pairs whose
 * order flips every pair; the ratio is the median of the pairs' ratios, so drift and bursts of
 * background load (which hit both runs of a pair alike) cancel. The server's CPU time per request
 * is reported too, as a cross-check: bare / vendorToken CPU per request is the same capacity ratio.
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
import express from 'express'
import Koa from 'koa'
import type { BenchRow } from './types.js'

const ROLE = '--middleware-bench-servers'
const CONNECTIONS = 32
type Ports = Record<'express' | 'express+vendorToken' | 'koa' | 'koa+vendorToken', number>
interface Sample {
  requests: number
  cpuMicros: number
}

export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const pairs = quick ? 10 : 24
  const seconds = quick ? 1 : 2
  const child = fork(fileURLToPath(import.meta.url), [ROLE], { stdio: 'inherit' })
  try {
    const { ports } = (await new Promise((resolve, reject) => {
      child.once('message', resolve) // sent once the apps listen
      child.once('error', reject)
    })) as { ports: Ports }
    const measure = async (port: number, duration: number): Promise<Sample> => {
      const before = (await ask(child, 'cpu')) as number
      const requests = await load(port, duration)
      return { requests, cpuMicros: ((await ask(child, 'cpu')) as number) - before }
    }
    const rows: BenchRow[] = []
    for (const framework of ['express', 'koa'] as const) {
      const [bare, withToken] = [ports[framework], ports[`${framework}+vendorToken`]]
      await measure(bare, 2) // warm-up: JIT, connection setup
      await measure(withToken, 2)
      const ratios: number[] = []
      const sum = { bare: { requests: 0, cpuMicros: 0 }, withToken: { requests: 0, cpuMicros: 0 } }
      for (let pair = 0; pair < pairs; pair++) {
        const bareFirst = pair % 2 === 0 // the order flips every pair
        const first = await measure(bareFirst ? bare : withToken, seconds)
        const second = await measure(bareFirst ? withToken : bare, seconds)
        const [b, w] = bareFirst ? [first, second] : [second, first]
        ratios.push(w.requests / b.requests)
        sum.bare = add(sum.bare, b)
        sum.withToken = add(sum.withToken, w)
      }
      ratios.sort((x, y) => x - y)
      const median = ratios[Math.floor(ratios.length / 2)]!
      const rate = (s: Sample) => Math.round(s.requests / (pairs * seconds))
      const cpu = (s: Sample) => Number((s.cpuMicros / s.requests).toFixed(1))
      const bareName = `bare ${framework} app`
      rows.push(
        { suite: framework, name: bareName, value: rate(sum.bare), unit: 'req/s' },
        {
          suite: framework,
          name: `${framework} app + vendorToken (cache hit)`,
          value: rate(sum.withToken),
          unit: 'req/s',
          baseline: { name: bareName, value: rate(sum.bare) },
          ratio: Number(median.toFixed(3)),
          target: '>= 0.97',
          pass: median >= 0.97,
          note: `median of ${pairs} back-to-back pairs of ${seconds} s runs, ${CONNECTIONS} connections; pair ratios ${ratios[0]!.toFixed(3)}..${ratios.at(-1)!.toFixed(3)}`,
        },
        {
          suite: framework,
          name: `${framework} app + vendorToken: server CPU per request`,
          value: cpu(sum.withToken),
          unit: 'µs',
          baseline: { name: `${bareName}: server CPU per request`, value: cpu(sum.bare) },
          ratio: Number((cpu(sum.bare) / cpu(sum.withToken)).toFixed(3)),
          note: 'cross-check: bare / vendorToken CPU per request is the same capacity ratio',
        },
      )
    }
    return rows
  } finally {
    child.send('close')
    await new Promise((resolve) => child.once('exit', resolve))
  }
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

/** Drives one app for `seconds`; returns the number of 2xx answers. */
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

/** Server process: the emulator, one manager with a warm token, and the four apps. */
async function serve(): Promise<void> {
  const emulator = await startEmulator()
  const manager = new TokenManager()
  manager.register('bridgeft', bridgeft(emulator.vendors.bridgeft))
  await manager.getToken('bridgeft') // every measured request is a cache hit

  const expressApp = (withToken: boolean): RequestListener => {
    const app = express()
    if (withToken) app.use(expressVendorToken(manager, 'bridgeft'))
    return app.get('/', (_req, res) => void res.json({ ok: true }))
  }
  const koaApp = (withToken: boolean): RequestListener => {
    const app = new Koa()
    if (withToken) app.use(koaVendorToken(manager, 'bridgeft'))
    return app
      .use((ctx) => {
        ctx.body = { ok: true }
      })
      .callback()
  }
  const apps: Record<keyof Ports, RequestListener> = {
    express: expressApp(false),
    'express+vendorToken': expressApp(true),
    koa: koaApp(false),
    'koa+vendorToken': koaApp(true),
  }
  const ports = {} as Ports
  const servers = await Promise.all(
    Object.entries(apps).map(async ([name, app]) => {
      const server = createServer(app)
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      ports[name as keyof Ports] = (server.address() as AddressInfo).port
      return server
    }),
  )
  process.on('message', async (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage()
      process.send?.(user + system)
    }
    if (message === 'close') {
      for (const server of servers) {
        server.closeAllConnections()
        server.close()
      }
      await manager.close()
      await emulator.close()
      process.disconnect()
    }
  })
  process.send?.({ ports })
}

if (process.argv[2] === ROLE && process.argv[1] === fileURLToPath(import.meta.url)) await serve()
