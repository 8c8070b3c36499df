import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ManualClock, Token, TokenManager } from '../src/index.js'
import { type Acme, startAcme } from './support/acme.js'
import { gate, type TokenServer, tokenBody } from './support/token-server.js'

describe('refresh-ahead', () => {
  let server: TokenServer
  let clock: ManualClock
  let manager: TokenManager
  let acme: Acme

  beforeEach(async () => {
    acme = await startAcme({ retry: { retries: 0 }, failureCooldownMs: 5_000 })
    ;({ server, clock, manager } = acme)
  })
  afterEach(() => acme.close())

  it('starts no refresh before 80% of the lifetime', async () => {
    const first = await manager.getToken('acme')
    clock.advance(2_880_000 - 1)
    expect(await manager.getToken('acme')).toBe(first)
    expect(manager.status()[0]!.state).toBe('valid')
    expect(server.requests).toHaveLength(1)
  })

  it('refreshes once in the background while callers keep the current token at cache-hit speed', async () => {
    const first = await manager.getToken('acme')
    const refreshed = new Promise<unknown>((resolve) => manager.once('refreshed', resolve))
    const answer = gate()
    server.script({ gate: answer.promise })
    clock.advance(2_880_000) // 80% of 3600 s
    const during: Promise<Token>[] = []
    for (let i = 0; i < 100; i++) during.push(manager.getToken('acme'))
    // Hits return the one shared, already resolved promise: no wait for the refresh.
    expect(new Set(during).size).toBe(1)
    expect(await during[0]).toBe(first)
    await server.waitForRequests(2)
    expect(manager.status()[0]!.state).toBe('refreshing')
    answer.open()
    expect(await refreshed).toMatchObject({ vendor: 'acme', key: 'acme' })
    const next = await manager.getToken('acme')
    expect(next.accessToken).not.toBe(first.accessToken)
    expect(next.accessToken).toBe(server.issued[1])
    expect(server.requests).toHaveLength(2)
  })

  it('keeps serving the current token until the skew when the refresh fails', async () => {
    const first = await manager.getToken('acme')
    server.setDefault({ status: 503 }) // every refresh fails from now on
    const nextFailure = () =>
      new Promise<{ background: boolean }>((resolve) => manager.once('failed', resolve))

    let failed = nextFailure()
    clock.advance(2_880_000)
    expect(await manager.getToken('acme')).toBe(first)
    expect((await failed).background).toBe(true)
    // Within the cool-down the failed refresh is not retried on every hit.
    clock.advance(4_999)
    expect(await manager.getToken('acme')).toBe(first)
    expect(server.requests).toHaveLength(2)
    // After it, the next hit tries again, and still gets the current token.
    failed = nextFailure()
    clock.advance(1)
    expect(await manager.getToken('acme')).toBe(first)
    await failed
    expect(server.requests).toHaveLength(3)
    // Valid until 60 s before expiry...
    failed = nextFailure()
    clock.advance(3_540_000 - 2_885_000 - 1)
    expect(await manager.getToken('acme')).toBe(first)
    await failed
    // ...then never handed out again: callers share the failure.
    clock.advance(1)
    await expect(manager.getToken('acme')).rejects.toMatchObject({ code: 'endpoint_unavailable' })
    expect(manager.status()[0]!.state).toBe('failed')
  })

  it('refreshes a token shorter than 4x the skew ahead of its (shortened) expiry', async () => {
    server.setDefault(() => ({ json: tokenBody({ expires_in: 2 }) }))
    const first = await manager.getToken('acme')
    // Handed out until 2 s - min(60 s, 2 s / 4) = 1.5 s; refreshed in the background from 80% of that.
    clock.advance(1_199)
    expect(await manager.getToken('acme')).toBe(first)
    expect(server.requests).toHaveLength(1)
    const refreshed = new Promise<unknown>((resolve) => manager.once('refreshed', resolve))
    clock.advance(1)
    expect(await manager.getToken('acme')).toBe(first)
    await refreshed
    expect(server.requests).toHaveLength(2)
    expect((await manager.getToken('acme')).accessToken).toBe(server.issued[1])
  })
})
