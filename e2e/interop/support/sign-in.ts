import type { SignedInToken, TokenManager } from '@vendor-token/core'
import { completeProviderLogin, type ProviderLoginOptions } from './provider-login.js'

/**
 * A whole sign-in of `user` through a manager and a stock oidc-provider: the manager's
 * authorization URL, the provider's login and consent pages, then the manager's callback.
 *
 * @example
 * const token = await signInThroughProvider(manager, 'wealthcomUser', 'advisor-1')
 */
export async function signInThroughProvider(
  manager: TokenManager,
  vendor: string,
  user: string,
  options: ProviderLoginOptions = {},
): Promise<SignedInToken> {
  const { url } = await manager.authorizationUrl(vendor, { user })
  const callback = new URL(await completeProviderLogin(url, { login: user, ...options }))
  return manager.handleCallback(vendor, callback.searchParams, { user })
}
