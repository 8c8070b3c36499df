import type { TokenManager } from '@vendor-token/core'
import type { BearerVerifier } from '@vendor-token/express'
import type { Express } from 'express'
import type { WealthcomSettings } from '../config.js'
import type { Sessions } from '../session.js'
import { advisorRouter } from './advisor.js'
import { apiRouter } from './api.js'
import { clientsRouter } from './clients.js'
import { errorHandler, notFound } from './errors.js'
import { mountSignIn } from './sign-in.js'

/** The advisor sign-in part of the app (when `settings.signIn` is set). */
export interface SignInContext {
  /** Name the user (sign-in) source is registered under. */
  userVendor: string
  sessions: Sessions
  /** Verifies advisor access tokens for the app's own `/api` routes. */
  verifier?: BearerVerifier | undefined
}

/** Everything a router of this app may need. */
export interface RouteContext {
  manager: TokenManager
  /** Vendor name of the Basic credential source. */
  vendor: string
  settings: WealthcomSettings
  signIn?: SignInContext | undefined
}

/**
 * Mounts one router per concern: `/clients` (Basic credential), and with sign-in `/`, `/auth/*`
 * (advisor sign-in), `/me` (the advisor's own token) and `/api` (bearer-protected).
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
  const { signIn } = context
  if (signIn !== undefined) {
    const { manager } = context
    const { userVendor, sessions, verifier } = signIn
    app.use(sessions.read)
    mountSignIn(app, { manager, userVendor, sessions })
    app.use(
      '/me',
      advisorRouter({ manager, userVendor, sessions, baseUrl: context.settings.baseUrl }),
    )
    if (verifier !== undefined) app.use('/api', apiRouter(verifier))
  }
  app.use(notFound)
  app.use(errorHandler)
}
