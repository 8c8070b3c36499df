import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ManualClock, TokenManager } from '../src/index.js'
import { type Acme, startAcme } from './support/acme.js'
import type { TokenServer } from './support/token-server.js'

describe('peekToken (the synchronous cache hit adapters try first)', () => {
  let server: TokenServer
  let clock: ManualClock
  let manager: TokenManager
  let acme: Acme

  beforeEach(async () => {
    acme = await startAcme({ retry: { retries: 0 } })
    ;({ server, clock, manager } = acme)
  })
  afterEach(() => acme.close())

  it('is undefined on a cold key and sends no request', () => {
    expect(manager.peekToken('acme')).toBeUndefined()
    expect(manager.peekToken('acme', { scopes: ['b', 'a'] })).toBeUndefined()
    expect(server.requests).toHaveLength(0)
  })

  it('returns the cached token itself, per key, until the skew', async () => {
    const token = await manager.getToken('acme')
    const scoped = await manager.getToken('acme', { scopes: ['a', 'b'] })
    expect(manager.peekToken('acme')).toBe(token)
    expect(manager.peekToken('acme', { scopes: ['b', 'a'] })).toBe(scoped)
    clock.advance(3_540_000 - 1)
    expect(manager.peekToken('acme')).toBe(token)
    clock.advance(1) // inside the 60 s skew: never handed out
    expect(manager.peekToken('acme')).toBeUndefined()
  })

  it('starts the background refresh at the refresh point, like a getToken hit', async () => {
    const token = await manager.getToken('acme')
    const refreshed = new Promise((resolve) => manager.once('refreshed', resolve))
    clock.advance(2_880_000)
    expect(manager.peekToken('acme')).toBe(token)
    await refreshed
    expect(server.requests).toHaveLength(2)
  })

  it('is undefined for params the source refuses and after close (getToken reports those)', async () => {
    await manager.getToken('acme')
    expect(manager.peekToken('nope')).toBeUndefined()
    await manager.close()
    expect(manager.peekToken('acme')).toBeUndefined()
  })
})
