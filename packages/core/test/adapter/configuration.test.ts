import { describe, expect, test } from 'vitest'
import { createBearerAuthenticator } from '../../src/adapter/authenticate-bearer.js'
import { createTokenResolver } from '../../src/adapter/resolve-token.js'
import { ConfigurationError } from '../../src/errors.js'

const provider = { getToken: async () => 'token' }

describe('adapters check their arguments when mounted, not on the first request', () => {
  test.each([
    ['no manager', () => createTokenResolver(undefined as never, 'bridgeft')],
    ['no vendor name', () => createTokenResolver(provider, '')],
    [
      'params that is no function',
      () => createTokenResolver(provider, 'v', { params: {} as never }),
    ],
    ['user that is no function', () => createTokenResolver(provider, 'v', { user: 'u1' as never })],
    ['no verifier', () => createBearerAuthenticator({} as never)],
    [
      'a scope with a space',
      () =>
        createBearerAuthenticator({ verify: async () => ({ payload: {} }) }, { scopes: ['a b'] }),
    ],
  ])('%s -> ConfigurationError', (_case, mount) => {
    expect(mount).toThrow(ConfigurationError)
  })

  test('params and user are combined into the token params', async () => {
    const seen: unknown[] = []
    const resolve = createTokenResolver(
      { getToken: async (_vendor, params) => void seen.push(params) },
      'wealthcom',
      { params: () => ({ scopes: ['clients:read'] }), user: (id: string) => id },
    )
    await resolve('u1')
    expect(seen).toEqual([{ scopes: ['clients:read'], user: 'u1' }])
  })
})
