import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clientCredentials, ManualClock, TokenManager } from '../src/index.js'
import { recordingLogger } from './support/helpers.js'
import { gate, startTokenServer, type TokenServer } from './support/token-server.js'

describe('events and status()', () => {
  let server: TokenServer
  let clock: ManualClock
  let manager: TokenManager
  let logger: ReturnType<typeof recordingLogger>
  const events: Array<[string, unknown]> = []

  beforeEach(async () => {
    events.length = 0
    server = await startTokenServer()
    clock = new ManualClock()
    logger = recordingLogger()
    manager = new TokenManager({ clock, retry: { retries: 0 }, logger })
    manager.register(
      'acme',
      clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'id', clientSecret: 'secret' }),
    )
    for (const name of ['fetched', 'refreshed', 'failed', 'invalidated', 'warning'] as const) {
      manager.on(name, (event: unknown) => events.push([name, event]))
    }
  })
  afterEach(async () => {
    await manager.close()
    await server.close()
  })

  it('reports each state of a key, and never a token', async () => {
    const answer = gate()
    server.script({ gate: answer.promise })
    const pending = manager.getToken('acme', { scopes: ['b', 'a'] })
    expect(manager.status()).toEqual([
      {
        vendor: 'acme',
        key: 'acme:{"scopes":["a","b"]}',
        state: 'fetching',
        expiresAt: undefined,
        expiresInSeconds: undefined,
        fetchCount: 1,
        lastErrorCode: undefined,
        lastErrorAt: undefined,
      },
    ])
    answer.open()
    const token = await pending
    expect(manager.status()[0]).toMatchObject({
      state: 'valid',
      expiresAt: token.expiresAt,
      expiresInSeconds: 3600,
    })
    clock.advance(3_600_000)
    expect(manager.status()[0]!.state).toBe('expired')
    await manager.invalidate('acme', { scopes: ['a', 'b'] })
    expect(manager.status()[0]!.state).toBe('empty')
    server.script({ status: 500 })
    await manager.getToken('acme', { scopes: ['a', 'b'] }).catch(() => {})
    expect(manager.status()[0]).toMatchObject({
      state: 'failed',
      lastErrorCode: 'endpoint_unavailable',
      lastErrorAt: clock.now(),
      fetchCount: 2,
    })
  })

  it('emits fetched, refreshed, failed and invalidated with their payloads', async () => {
    const first = await manager.getToken('acme')
    clock.advance(2_880_000)
    const refreshed = new Promise((resolve) => manager.once('refreshed', resolve))
    await manager.getToken('acme')
    await refreshed
    await manager.invalidate('acme')
    server.script({ status: 503 })
    await manager.getToken('acme').catch(() => {})
    expect(events.map(([name]) => name)).toEqual(['fetched', 'refreshed', 'invalidated', 'failed'])
    expect(events[0]![1]).toEqual({
      vendor: 'acme',
      key: 'acme',
      expiresAt: first.expiresAt,
      durationMs: 0,
    })
    expect(events[1]![1]).toMatchObject({
      vendor: 'acme',
      key: 'acme',
      expiresAt: clock.now() + 3_600_000,
    })
    expect(events[3]![1]).toMatchObject({
      vendor: 'acme',
      background: false,
      error: { code: 'endpoint_unavailable' },
    })
  })

  it('keeps working when a listener throws', async () => {
    manager.on('fetched', () => {
      throw new Error('listener bug')
    })
    await expect(manager.getToken('acme')).resolves.toMatchObject({ tokenType: 'Bearer' })
    expect(logger.lines).toContainEqual({
      level: 'error',
      message: 'token event listener threw',
      fields: { event: 'fetched', error: 'Error: listener bug' },
    })
  })

  it('answers a cache hit with the same promise and Token object every time', async () => {
    const token = await manager.getToken('acme')
    const a = manager.getToken('acme')
    const b = manager.getToken('acme')
    expect(a).toBe(b)
    expect(await a).toBe(token)
  })
})
