import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ManualClock, TokenManager } from '../src/index.js'
import { type Acme, startAcme } from './support/acme.js'
import type { TokenServer } from './support/token-server.js'

describe('failure cool-down', () => {
  let server: TokenServer
  let clock: ManualClock
  let manager: TokenManager
  let acme: Acme

  beforeEach(async () => {
    acme = await startAcme({ retry: { retries: 0 }, failureCooldownMs: 5_000 })
    ;({ server, clock, manager } = acme)
  })
  afterEach(() => acme.close())

  it('lets callers within the cool-down share the final failure instead of asking again', async () => {
    server.setDefault({ status: 503 })
    const first = await manager.getToken('acme').catch((e: unknown) => e)
    const herd = await Promise.all(
      Array.from({ length: 500 }, () => manager.getToken('acme').catch((e: unknown) => e)),
    )
    expect(herd.every((error) => error === first)).toBe(true)
    clock.advance(4_999)
    expect(await manager.getToken('acme').catch((e: unknown) => e)).toBe(first)
    expect(server.requests).toHaveLength(1)
    expect(manager.status()[0]).toMatchObject({
      state: 'failed',
      lastErrorCode: 'endpoint_unavailable',
    })

    clock.advance(1)
    server.setDefault(() => ({}))
    await expect(manager.getToken('acme')).resolves.toMatchObject({ tokenType: 'Bearer' })
    expect(server.requests).toHaveLength(2)
    expect(manager.status()[0]!.state).toBe('valid')
  })

  it('shares a rejection (invalid_client) the same way', async () => {
    server.setDefault({ status: 401, json: { error: 'invalid_client' } })
    const first = await manager.getToken('acme').catch((e: unknown) => e)
    expect(await manager.getToken('acme').catch((e: unknown) => e)).toBe(first)
    expect(server.requests).toHaveLength(1)
  })
})
