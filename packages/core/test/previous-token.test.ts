import { afterEach, describe, expect, it } from 'vitest'
import {
  ManualClock,
  NotSignedInError,
  type StoredToken,
  TokenManager,
  type TokenRequestContext,
  type TokenSource,
} from '../src/index.js'

/** A user-token source the way the sign-in issue will write one: it refreshes with previous.refreshToken. */
function refreshingSource(seen: Array<StoredToken | undefined>): TokenSource {
  let n = 0
  return {
    kind: 'test_refresh',
    async requestToken({ previous }: TokenRequestContext) {
      seen.push(previous)
      if (previous?.refreshToken === undefined) throw new NotSignedInError('sign in first')
      n++
      return { accessToken: `access-${n}`, expiresIn: 3600, refreshToken: `refresh-${n}` }
    },
  }
}

describe('the token a source is given as previous', () => {
  const clock = new ManualClock()
  const manager = new TokenManager({ clock })
  afterEach(async () => {
    await manager.close()
  })

  it('is the held token (from setToken, a fetch, or before an invalidation)', async () => {
    const seen: Array<StoredToken | undefined> = []
    manager.register('user', refreshingSource(seen))
    const params = { user: 'u1' }

    const notSignedIn = await manager.getToken('user', params).catch((e: unknown) => e)
    expect(notSignedIn).toBeInstanceOf(NotSignedInError)
    expect(notSignedIn).toMatchObject({ code: 'not_signed_in', status: 401 })
    expect(seen).toEqual([undefined])

    const signedIn = {
      accessToken: 'access-0',
      tokenType: 'Bearer',
      issuedAt: clock.now(),
      expiresAt: clock.now() + 60_000,
      refreshToken: 'refresh-0',
    }
    await manager.setToken('user', params, signedIn) // clears the failure
    expect((await manager.getToken('user', params)).accessToken).toBe('access-0')

    clock.advance(60_000)
    expect((await manager.getToken('user', params)).accessToken).toBe('access-1')
    expect(seen[1]).toMatchObject({ refreshToken: 'refresh-0' })

    await manager.invalidate('user', params)
    expect((await manager.getToken('user', params)).accessToken).toBe('access-2')
    expect(seen[2]).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' })
  })
})
