/**
 * The server process of the middleware bench (`middleware.ts` forks it): one Express or Koa app
 * whose first middleware is switched between phases over IPC, the emulator, and a manager holding
 * a warm token (every measured request is a cache hit). The `timed-*` phases wrap the no-op and
 * `vendorToken` in a timer that stops when the middleware calls `next`, so their own time per
 * request is measured under the same load, without the rest of the request.
 */
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { TokenManager } from '@vendor-token/core'
import { startEmulator } from '@vendor-token/emulator'
import { vendorToken as expressVendorToken } from '@vendor-token/express'
import { vendorToken as koaVendorToken } from '@vendor-token/koa'
import { bridgeft } from '@vendor-token/vendors'
import express, { type RequestHandler } from 'express'
import Koa from 'koa'

export type Framework = 'express' | 'koa'
/**
 * What the server runs: the bare app, the same app with a no-op middleware first (the cost the
 * framework charges any middleware: Express's router layer, Koa's compose step), or with
 * `vendorToken` first; `timed-*`: the same two, timed.
 */
export type Phase = 'bare' | 'noop' | 'vendorToken' | 'timed-noop' | 'timed-vendorToken'
export const PHASES: readonly Phase[] = [
  'bare',
  'noop',
  'vendorToken',
  'timed-noop',
  'timed-vendorToken',
]
/** Time spent inside the timed middleware, from entry to its call of `next`. */
export interface OwnTime {
  calls: number
  nanos: number
}

let own = { calls: 0, nanos: 0n }
const now = process.hrtime.bigint

function record(start: bigint): void {
  own.nanos += now() - start
  own.calls++
}

const timedExpress =
  (middleware: RequestHandler): RequestHandler =>
  (req, res, next) => {
    const start = now()
    middleware(req, res, (error?: unknown) => {
      record(start)
      next(error)
    })
  }

const timedKoa =
  (middleware: Koa.Middleware): Koa.Middleware =>
  (ctx, next) => {
    const start = now()
    return middleware(ctx, () => {
      record(start)
      return next()
    })
  }

/** Server process: the emulator, a manager holding a warm token, and one app with a phase switch. */
export async function serve(framework: Framework): Promise<void> {
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
      own = { calls: 0, nanos: 0n }
      process.send?.('ok')
    }
    if (message === 'own-time') {
      process.send?.({ calls: own.calls, nanos: Number(own.nanos) } satisfies OwnTime)
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
  const noop: RequestHandler = (_req, _res, next) => next()
  const withToken = expressVendorToken(manager, 'bridgeft')
  const stacks: Record<Phase, typeof bare> = {
    bare,
    noop: [layerOf(noop), ...bare],
    vendorToken: [layerOf(withToken), ...bare],
    'timed-noop': [layerOf(timedExpress(noop)), ...bare],
    'timed-vendorToken': [layerOf(timedExpress(withToken)), ...bare],
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
  const noop: Koa.Middleware = (_ctx, next) => next()
  const withToken = koaVendorToken(manager, 'bridgeft')
  const listeners: Record<Phase, RequestListener> = {
    bare: composed(),
    noop: composed(noop),
    vendorToken: composed(withToken),
    'timed-noop': composed(timedKoa(noop)),
    'timed-vendorToken': composed(timedKoa(withToken)),
  }
  let current = listeners.bare
  return {
    listener: (req, res) => current(req, res),
    setPhase: (phase) => {
      current = listeners[phase]
    },
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serve(process.argv[2] as Framework)
