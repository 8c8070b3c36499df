import { completeTestLogin, type Emulator, startEmulator } from '@vendor-token/emulator'
import {
  type AuthorizationCodeOptions,
  authorizationCode,
  type Clock,
  type Logger,
  type SignedInToken,
  type StoredToken,
  TokenManager,
  type TokenManagerOptions,
  type TokenStore,
} from '../../src/index.js'

/** The redirect URI the tests register; the emulator accepts any loopback one, and none is called. */
export const REDIRECT_URI = 'http://127.0.0.1:39999/auth/callback'
export const SCOPES = ['openid', 'offline_access', 'clients:read']

/** The emulator with Wealth.com access tokens living `ttlSeconds` (default 300). */
export function startWealthcom(ttlSeconds = 300): Promise<Emulator> {
  return startEmulator({ tokenTtlSeconds: { wealthcom: ttlSeconds } })
}

export interface TestManagerOptions {
  clock?: Clock
  store?: TokenStore
  logger?: Logger
  source?: Partial<AuthorizationCodeOptions>
  /** Every token set the source's onTokens hook received. */
  issued?: Array<{ user: string; tokens: StoredToken }>
  /** Further manager options (bounds, ...). */
  manager?: Omit<TokenManagerOptions, 'clock' | 'store' | 'logger'>
}

/** A manager with the emulator's Wealth.com provider registered as `wealthcom` (a user source). */
export function userManager(emulator: Emulator, options: TestManagerOptions = {}): TokenManager {
  const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
  const manager = new TokenManager({
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.store ? { store: options.store } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    retry: { retries: 0 },
    ...options.manager,
  })
  const issued = options.issued
  manager.register(
    'wealthcom',
    authorizationCode({
      issuer,
      clientId,
      clientSecret,
      redirectUri: REDIRECT_URI,
      scopes: SCOPES,
      ...(issued ? { onTokens: (user, tokens) => void issued.push({ user, tokens }) } : {}),
      ...options.source,
    }),
  )
  return manager
}

/** Runs the provider's test login for an authorization URL; returns the callback's query. */
export async function loginAt(url: string, cancel = false): Promise<URLSearchParams> {
  return new URL(await completeTestLogin(url, { cancel })).searchParams
}

/** A whole sign-in of `user`: authorization URL, the provider's test login, the callback. */
export async function signIn(
  manager: TokenManager,
  user: string,
  returnTo?: string,
): Promise<SignedInToken> {
  const { url } = await manager.authorizationUrl('wealthcom', { user, returnTo })
  return manager.handleCallback('wealthcom', await loginAt(url), { user })
}

/** POSTs a form to the provider's token endpoint directly (as an attacker holding a token would). */
export async function tokenEndpoint(
  emulator: Emulator,
  fields: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams(fields),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** Token requests the emulator's Wealth.com provider received, by grant type. */
export function grants(emulator: Emulator): Record<string, number> {
  return emulator.stats('wealthcom').tokenRequestsByGrantType
}
