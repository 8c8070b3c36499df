import { describe, expect, test } from 'vitest'
import { createBearerAuthenticator } from '../../src/adapter/authenticate-bearer.js'
import { createTokenLookup } from '../../src/adapter/resolve-token.js'
import { ConfigurationError, NotSignedInError } from '../../src/errors.js'

const provider = { getToken: async () => 'token' }

describe('adapters check their arguments when mounted, not on the first request', () => {
  test.each([
    ['no manager', () => createTokenLookup(undefined as never, 'bridgeft')],
    ['no vendor name', () => createTokenLookup(provider, '')],
    ['params that is no function', () => createTokenLookup(provider, 'v', { params: {} as never })],
    ['user that is no function', () => createTokenLookup(provider, 'v', { user: 'u1' as never })],
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
    const lookup = createTokenLookup(
      { getToken: async (_vendor, params) => void seen.push(params) },
      'wealthcom',
      { params: () => ({ scopes: ['clients:read'] }), user: (id: string) => id || undefined },
    )
    await lookup.get(lookup.params('u1'))
    expect(seen).toEqual([{ scopes: ['clients:read'], user: 'u1' }])
    expect(() => lookup.params('')).toThrow(NotSignedInError) // before the manager is asked
    expect(seen).toHaveLength(1)
  })

  test('peek asks the manager with the same params', () => {
    const peeked: unknown[] = []
    const lookup = createTokenLookup(
      {
        getToken: async () => 'fetched',
        peekToken: (_vendor, params) => {
          peeked.push(params)
          return 'cached'
        },
      },
      'bridgeft',
      { params: (firm: string) => ({ firmIds: [firm] }) },
    )
    expect(lookup.peek(lookup.params('39'))).toBe('cached')
    expect(peeked).toEqual([{ firmIds: ['39'] }])
  })
})
