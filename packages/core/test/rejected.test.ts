import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  clientCredentials,
  ManualClock,
  TokenManager,
  TokenRequestRejectedError,
} from '../src/index.js'
import { startTokenServer, type TokenServer } from './support/token-server.js'

describe('rejected token requests', () => {
  let server: TokenServer
  let manager: TokenManager

  beforeEach(async () => {
    server = await startTokenServer()
    manager = new TokenManager({ clock: new ManualClock(), retry: { retries: 5 } })
    manager.register(
      'acme',
      clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'id', clientSecret: 'secret' }),
    )
  })
  afterEach(async () => {
    await manager.close()
    await server.close()
  })

  for (const [status, oauthError] of [
    [401, 'invalid_client'],
    [400, 'invalid_client'],
    [400, 'invalid_grant'],
    [400, 'invalid_scope'],
  ] as const) {
    it(`fails fast on ${status} ${oauthError}: one request, typed error`, async () => {
      server.setDefault({
        status,
        json: { error: oauthError, error_description: 'Client authentication failed' },
      })
      const error = await manager.getToken('acme').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TokenRequestRejectedError)
      expect(error).toMatchObject({
        vendor: 'acme',
        httpStatus: status,
        oauthError,
        code: 'token_rejected',
        status: 502,
      })
      expect(server.requests).toHaveLength(1)
    })
  }

  it('reports a rejection without an OAuth body', async () => {
    server.setDefault({ status: 403, body: 'Forbidden' })
    const error = await manager.getToken('acme').catch((e: unknown) => e)
    expect(error).toMatchObject({ httpStatus: 403, oauthError: undefined })
    expect(server.requests).toHaveLength(1)
  })
})
