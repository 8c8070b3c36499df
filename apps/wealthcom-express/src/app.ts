import { createServer } from 'node:http'
import { TokenManager } from '@vendor-token/core'
import { wealthcom } from '@vendor-token/vendors'
import express, { type Express } from 'express'
import type { WealthcomSettings } from './config.js'
import { listen } from './listen.js'
import { mountRoutes } from './routes/index.js'

/** Options of {@link createApp}. */
export interface WealthcomAppOptions {
  /** Where the Advisor API is and the app's credentials (see config.ts). */
  settings: WealthcomSettings
  /**
   * A manager to share (the demo shares one between all apps). The app registers the Basic
   * credential on it under `vendor` unless something is registered there already.
   * Default: a new manager.
   */
  manager?: TokenManager
  /** Vendor name of the Basic credential source. Default `wealthcom`. */
  vendor?: string
}

/** A started app; `close` stops the server, and the manager if `start` created it. */
export interface RunningApp {
  url: string
  manager: TokenManager
  close(): Promise<void>
}

/**
 * The Wealth.com sample: Advisor API endpoints with a Basic credential,
 * `GET /clients` (listClients), `POST /clients` (createClient), `GET /health`.
 * @example
 * const app = createApp({ settings: { baseUrl, username, password }, manager })
 * app.listen(3000, '127.0.0.1')
 */
export function createApp(options: WealthcomAppOptions): Express {
  const manager = options.manager ?? new TokenManager()
  const vendor = options.vendor ?? 'wealthcom'
  const { username, password } = options.settings
  if (!manager.sources.has(vendor))
    manager.register(vendor, wealthcom.basic({ username, password }))
  const app = express()
  app.disable('x-powered-by')
  mountRoutes(app, { manager, vendor, settings: options.settings })
  return app
}

/** Creates the app and listens on 127.0.0.1:`port` (default 0: any free port). */
export async function start(options: WealthcomAppOptions & { port?: number }): Promise<RunningApp> {
  const manager = options.manager ?? new TokenManager()
  const server = createServer(createApp({ ...options, manager }))
  const listening = await listen(server, options.port ?? 0)
  return {
    url: listening.url,
    manager,
    close: async () => {
      await listening.close()
      if (!options.manager) await manager.close()
    },
  }
}
