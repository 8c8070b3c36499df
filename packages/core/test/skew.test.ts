import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clientCredentials, type ManualClock, TokenManager } from '../src/index.js'
import { type Acme, startAcme } from './support/acme.js'
import { type TokenServer, tokenBody } from './support/token-server.js'

describe('skew and minValiditySeconds', () => {
  let server: TokenServer
  let clock: ManualClock
  let manager: TokenManager
  let acme: Acme

  beforeEach(async () => {
    // refreshAheadRatio 1: no background refresh, so only the skew decides.
    acme = await startAcme({ refreshAheadRatio: 1 })
    ;({ server, clock, manager } = acme)
  })
  afterEach(() => acme.close())

  it('serves the cached token until 60 s before expiry, then fetches a new one', async () => {
    const first = await manager.getToken('acme')
    clock.advance(3_540_000 - 1)
    expect(await manager.getToken('acme')).toBe(first)
    expect(server.requests).toHaveLength(1)
    clock.advance(1) // now inside the 60 s skew: never handed out
    const second = await manager.getToken('acme')
    expect(second.accessToken).not.toBe(first.accessToken)
    expect(server.requests).toHaveLength(2)
  })

  it('honours a configured skew', async () => {
    const custom = new TokenManager({ clock, refreshAheadRatio: 1, skewSeconds: 300 })
    custom.register(
      'acme',
      clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'id', clientSecret: 'secret' }),
    )
    try {
      const first = await custom.getToken('acme')
      clock.advance(3_300_000 - 1)
      expect(await custom.getToken('acme')).toBe(first)
      clock.advance(1)
      expect((await custom.getToken('acme')).accessToken).not.toBe(first.accessToken)
    } finally {
      await custom.close()
    }
  })

  it('fetches a new token when the cached one is not valid for minValiditySeconds more', async () => {
    const first = await manager.getToken('acme')
    clock.advance(600_000) // 3000 s left, 2940 s outside the skew
    expect(await manager.getToken('acme', undefined, { minValiditySeconds: 2_900 })).toBe(first)
    expect(server.requests).toHaveLength(1)
    const longer = await manager.getToken('acme', undefined, { minValiditySeconds: 2_950 })
    expect(longer.accessToken).not.toBe(first.accessToken)
    expect(server.requests).toHaveLength(2)
  })

  it('hands a token shorter than the skew to its waiters and reuses it with skew min(skew, lifetime/4)', async () => {
    server.setDefault(() => ({ json: tokenBody({ expires_in: 30 }) }))
    const first = await manager.getToken('acme')
    expect(first.expiresAt - clock.now()).toBe(30_000)
    clock.advance(22_500 - 1) // effective skew 7.5 s
    expect(await manager.getToken('acme')).toBe(first)
    clock.advance(1)
    expect((await manager.getToken('acme')).accessToken).not.toBe(first.accessToken)
    expect(server.requests).toHaveLength(2)
  })
})
