import type { TokenManager } from '@vendor-token/core'
import type { Express } from 'express'
import type { WealthcomSettings } from '../config.js'
import { clientsRouter } from './clients.js'
import { errorHandler, notFound } from './errors.js'

/** Everything a router of this app may need. */
export interface RouteContext {
  manager: TokenManager
  /** Vendor name of the Basic credential source. */
  vendor: string
  settings: WealthcomSettings
}

/**
 * Mounts one router per concern. Sign-in (`/auth/...`) and bearer-protected routes are added
 * here by their own issues: a new file in routes/ and one line below.
 */
export function mountRoutes(app: Express, context: RouteContext): void {
  app.get('/health', (_req, res) => {
    res.json({ ok: true })
  })
  app.use(
    '/clients',
    clientsRouter({
      manager: context.manager,
      vendor: context.vendor,
      baseUrl: context.settings.baseUrl,
    }),
  )
  app.use(notFound)
  app.use(errorHandler)
}
