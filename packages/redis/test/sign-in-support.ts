import { ManualClock, type StoredToken, TokenManager } from '@vendor-token/core'
import { completeTestLogin, type Emulator } from '@vendor-token/emulator'
import { wealthcom } from '@vendor-token/vendors'
import type { RedisTokenStore } from '../src/index.js'

/** A fleet member: a manager on its own clock with the emulator's Wealth.com sign-in registered. */
export function userManager(
  emulator: Emulator,
  store: RedisTokenStore,
  issued: StoredToken[] = [],
): { manager: TokenManager; clock: ManualClock } {
  const clock = new ManualClock()
  const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
  const manager = new TokenManager({ store, clock, retry: { retries: 0 } })
  manager.register(
    'wealthcomUser',
    wealthcom.user({
      issuer,
      clientId,
      clientSecret,
      redirectUri: 'http://127.0.0.1:39999/auth/callback',
      scopes: ['openid', 'offline_access'],
      onTokens: (_user, tokens) => void issued.push(tokens),
    }),
  )
  return { manager, clock }
}

/** The provider's callback query for a sign-in started on `manager`. */
export async function providerCallback(
  manager: TokenManager,
  user: string,
): Promise<URLSearchParams> {
  const { url } = await manager.authorizationUrl('wealthcomUser', { user })
  return new URL(await completeTestLogin(url)).searchParams
}
