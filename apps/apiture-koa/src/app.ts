import { type RunningApp, serve } from '@vendor-token/app-kit'
import { TokenManager } from '@vendor-token/core'
import { apiture } from '@vendor-token/vendors'
import Koa from 'koa'
import type { ApitureSettings } from './config.js'
import { listAccounts } from './routes/accounts.js'
import { errorHandler, notFound } from './routes/errors.js'

export type { RunningApp } from '@vendor-token/app-kit'

/** Options of {@link createApp}. */
export interface ApitureAppOptions {
  /** Where Apiture is and the app's credentials (see config.ts). */
  settings: ApitureSettings
  /**
   * A manager to share (the demo shares one between all apps). The app registers Apiture on it
   * under `vendor` unless something is registered there already. Default: a new manager.
   */
  manager?: TokenManager
  /** Vendor name the source is registered under. Default `apiture`. */
  vendor?: string
}

/**
 * The Apiture sample: `GET /accounts[?scope=...]` (OIDC discovery, scoped client-credentials
 * tokens, the banking accounts resource through `manager.fetch`) and `GET /health`.
 * @example
 * const app = createApp({ settings: { issuer, baseUrl, clientId, clientSecret }, manager })
 * app.listen(3000, '127.0.0.1')
 */
export function createApp(options: ApitureAppOptions): Koa {
  const manager = options.manager ?? new TokenManager()
  const vendor = options.vendor ?? 'apiture'
  const defaultScopes = options.settings.scopes ?? ['banking/read']
  if (!manager.sources.has(vendor)) {
    manager.register(vendor, apiture({ ...options.settings, scopes: defaultScopes }))
  }
  const route = { manager, vendor, baseUrl: options.settings.baseUrl, defaultScopes }
  const app = new Koa()
  app.use(errorHandler(manager.logger, vendor))
  // A small switch instead of a router package: the app has two routes.
  app.use(async (ctx) => {
    switch (`${ctx.method} ${ctx.path}`) {
      case 'GET /health':
        ctx.body = { ok: true }
        return
      case 'GET /accounts':
        await listAccounts(ctx, route)
        return
      default:
        notFound(ctx)
    }
  })
  return app
}

/** Creates the app and listens on 127.0.0.1:`port` (default 0: any free port). */
export function start(options: ApitureAppOptions & { port?: number }): Promise<RunningApp> {
  return serve(options, ({ manager }) => createApp({ ...options, manager }).callback())
}
