import { type RunningApp, serve } from '@vendor-token/app-kit'
import { TokenManager } from '@vendor-token/core'
import { vendorToken } from '@vendor-token/koa'
import { modelPortfolios } from '@vendor-token/vendors'
import Koa from 'koa'
import type { ModelPortfoliosSettings } from './config.js'
import { errorHandler, notFound } from './routes/errors.js'
import { listModelPortfolios } from './routes/model-portfolios.js'

export type { RunningApp } from '@vendor-token/app-kit'

/** Options of {@link createApp}. */
export interface ModelPortfoliosAppOptions {
  /** Where the vendor is and the app's credentials (see config.ts). */
  settings: ModelPortfoliosSettings
  /**
   * A manager to share (the demo shares one between all apps). The app registers the vendor on
   * it under `vendor` unless something is registered there already. Default: a new manager.
   */
  manager?: TokenManager
  /** Vendor name the source is registered under. Default `modelPortfolios`. */
  vendor?: string
}

/**
 * The model-portfolio sample: `GET /model-portfolios` with the vendor's 24 h token (JSON
 * credentials, versioned Accept header), and `GET /health`.
 * @example
 * const app = createApp({ settings: { baseUrl, clientId, clientSecret }, manager })
 * app.listen(3000, '127.0.0.1')
 */
export function createApp(options: ModelPortfoliosAppOptions): Koa {
  const manager = options.manager ?? new TokenManager()
  const vendor = options.vendor ?? 'modelPortfolios'
  const apiVersion = options.settings.apiVersion ?? '1.0.0'
  if (!manager.sources.has(vendor)) {
    manager.register(vendor, modelPortfolios({ ...options.settings, apiVersion }))
  }
  const withToken = vendorToken(manager, vendor)
  const route = { manager, vendor, baseUrl: options.settings.baseUrl, apiVersion }
  const app = new Koa()
  app.use(errorHandler)
  // A small switch instead of a router package: the app has two routes.
  app.use(async (ctx) => {
    switch (`${ctx.method} ${ctx.path}`) {
      case 'GET /health':
        ctx.body = { ok: true }
        return
      case 'GET /model-portfolios':
        await withToken(ctx, () => listModelPortfolios(ctx, route))
        return
      default:
        notFound(ctx)
    }
  })
  return app
}

/** Creates the app and listens on 127.0.0.1:`port` (default 0: any free port). */
export function start(options: ModelPortfoliosAppOptions & { port?: number }): Promise<RunningApp> {
  return serve(options, ({ manager }) => createApp({ ...options, manager }).callback())
}
