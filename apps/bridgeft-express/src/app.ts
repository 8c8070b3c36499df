import { type RunningApp, serve } from '@vendor-token/app-kit'
import { TokenManager } from '@vendor-token/core'
import { bridgeft } from '@vendor-token/vendors'
import express, { type Express } from 'express'
import type { BridgeftSettings } from './config.js'
import { accountsRouter } from './routes/accounts.js'
import { errorHandler, notFound } from './routes/errors.js'

export type { RunningApp } from '@vendor-token/app-kit'

/** Options of {@link createApp}. */
export interface BridgeftAppOptions {
  /** Where BridgeFT is and the app's credentials (see config.ts). */
  settings: BridgeftSettings
  /**
   * A manager to share (the demo shares one between all apps). The app registers BridgeFT on it
   * under `vendor` unless something is registered there already. Default: a new manager.
   */
  manager?: TokenManager
  /** Vendor name the source is registered under. Default `bridgeft`. */
  vendor?: string
}

/**
 * The BridgeFT sample: a firm-scoped accounts proxy.
 * `GET /accounts` (header `x-firm-ids: 39,792` or `?firm_ids=39,792`) and `GET /health`.
 * @example
 * const app = createApp({ settings: { baseUrl, clientId, clientSecret }, manager })
 * app.listen(3000, '127.0.0.1')
 */
export function createApp(options: BridgeftAppOptions): Express {
  const manager = options.manager ?? new TokenManager()
  const vendor = options.vendor ?? 'bridgeft'
  if (!manager.sources.has(vendor)) manager.register(vendor, bridgeft(options.settings))
  const app = express()
  app.disable('x-powered-by')
  app.get('/health', (_req, res) => {
    res.json({ ok: true })
  })
  const { baseUrl, allowedFirmIds } = options.settings
  app.use('/accounts', accountsRouter({ manager, vendor, baseUrl, allowedFirmIds }))
  app.use(notFound)
  app.use(errorHandler)
  return app
}

/** Creates the app and listens on 127.0.0.1:`port` (default 0: any free port). */
export function start(options: BridgeftAppOptions & { port?: number }): Promise<RunningApp> {
  return serve(options, ({ manager }) => createApp({ ...options, manager }))
}
