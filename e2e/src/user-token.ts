import { clientCredentials, TokenManager } from '@vendor-token/core'
import type { Emulator } from '@vendor-token/emulator'

/**
 * An RS256 JWT access token from the emulator's Wealth.com OpenID provider (its confidential
 * client's client-credentials grant), for callers of an API protected by `requireBearer`.
 */
export async function userAccessToken(emulator: Emulator): Promise<string> {
  const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
  const manager = new TokenManager()
  try {
    manager.register('wealthcom-caller', clientCredentials({ issuer, clientId, clientSecret }))
    return (await manager.getToken('wealthcom-caller')).accessToken
  } finally {
    await manager.close()
  }
}
