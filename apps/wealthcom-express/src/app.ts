import { type RunningApp, type ServeContext, serve } from '@vendor-token/app-kit'
import { ConfigurationError, TokenManager } from '@vendor-token/core'
import type { BearerVerifier } from '@vendor-token/express'
import { wealthcom } from '@vendor-token/vendors'
import { createVerifier, type Verifier } from '@vendor-token/verify'
import express, { type Express } from 'express'
import type { WealthcomSettings } from './config.js'
import { mountRoutes, type SignInContext } from './routes/index.js'
import { createSessions } from './session.js'

export type { RunningApp } from '@vendor-token/app-kit'

/** Options of {@link createApp}. */
export interface WealthcomAppOptions {
  /** Where the Advisor API is, the app's credentials, and advisor sign-in (see config.ts). */
  settings: WealthcomSettings
  /**
   * A manager to share (the demo shares one between all apps). The app registers the Basic
   * credential on it under `vendor` (and the sign-in source under `userVendor`) unless something
   * is registered there already. Default: a new manager.
   */
  manager?: TokenManager
  /** Vendor name of the Basic credential source. Default `wealthcom`. */
  vendor?: string
  /** Vendor name of the advisor sign-in source. Default `<vendor>User`. */
  userVendor?: string
  /** The app's own URL, for the default redirect URI `<publicUrl>/auth/callback`. */
  publicUrl?: string
  /** Verifies advisor access tokens for `/api` (`start` makes one from `settings.signIn`). */
  verifier?: BearerVerifier
}

/**
 * The Wealth.com sample: Advisor API endpoints with a Basic credential (`GET /clients`
 * listClients, `POST /clients` createClient, `GET /health`) and, with `settings.signIn`, advisor
 * sign-in (`/auth/login`, `/auth/callback`, `/auth/logout`), the signed-in advisor's pages
 * (`/me`, `/me/clients` with the advisor's own token) and a bearer-protected `/api/advisor`.
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
  const signIn = signInContext(options, manager, vendor)
  mountRoutes(app, { manager, vendor, settings: options.settings, signIn })
  return app
}

function signInContext(
  options: WealthcomAppOptions,
  manager: TokenManager,
  vendor: string,
): SignInContext | undefined {
  const settings = options.settings.signIn
  if (settings === undefined) return undefined
  const userVendor = options.userVendor ?? `${vendor}User`
  const redirectUri =
    settings.redirectUri ?? (options.publicUrl && `${options.publicUrl}/auth/callback`)
  if (!redirectUri) {
    throw new ConfigurationError('advisor sign-in needs signIn.redirectUri or publicUrl')
  }
  if (!manager.sources.has(userVendor)) {
    const {
      issuer,
      clientId,
      clientSecret,
      scopes = ['openid', 'email', 'offline_access'],
    } = settings
    manager.register(
      userVendor,
      wealthcom.user({
        issuer,
        clientId,
        redirectUri,
        scopes,
        ...(clientSecret === undefined ? {} : { clientSecret }),
      }),
    )
  }
  return { userVendor, sessions: createSessions(), verifier: options.verifier }
}

/**
 * Creates the app and listens on 127.0.0.1:`port` (default 0: any free port). Listens first so
 * the default redirect URI can use the app's own URL; `close` also stops the verifier it made.
 */
export function start(options: WealthcomAppOptions & { port?: number }): Promise<RunningApp> {
  let verifier: Verifier | undefined
  const app = ({ manager, url }: ServeContext) => {
    const signIn = options.settings.signIn
    if (signIn !== undefined && options.verifier === undefined) {
      const { jwksUri, issuer, audience, clientId } = signIn
      verifier = createVerifier({ jwksUri, issuer, audience, clientId, threads: 1 })
    }
    return createApp({
      ...options,
      manager,
      publicUrl: options.publicUrl ?? url,
      ...(verifier === undefined ? {} : { verifier }),
    })
  }
  return serve(options, app, async () => {
    await verifier?.close()
  })
}
