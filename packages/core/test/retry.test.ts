import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  clientCredentials,
  ManualClock,
  TokenEndpointUnavailableError,
  TokenManager,
  TokenRequestTimeoutError,
} from '../src/index.js'
import { recordingLogger } from './support/helpers.js'
import { startTokenServer, type TokenServer } from './support/token-server.js'

const RETRYING = 'token request failed; retrying'

describe('retries of transient failures', () => {
  let server: TokenServer
  let clock: ManualClock
  let logger: ReturnType<typeof recordingLogger>
  let manager: TokenManager

  beforeEach(async () => {
    server = await startTokenServer()
    clock = new ManualClock()
    logger = recordingLogger()
    manager = new TokenManager({
      clock,
      logger,
      random: () => 0.5,
      timeoutMs: 5_000,
      retry: { retries: 3, minDelayMs: 200, maxDelayMs: 10_000 },
    })
    manager.register(
      'acme',
      clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'id', clientSecret: 'secret' }),
    )
  })
  afterEach(async () => {
    await manager.close()
    await server.close()
  })

  it('succeeds after 503, 503, 200 with exponential backoff between the requests', async () => {
    server.script({ status: 503 }, { status: 503 })
    let retry = logger.next(RETRYING)
    const pending = manager.getToken('acme')
    const first = await retry
    expect(first.fields).toMatchObject({ attempt: 1, delayMs: 100 }) // 0.5 * 200
    clock.advance(99)
    expect(server.requests).toHaveLength(1) // still waiting
    retry = logger.next(RETRYING)
    clock.advance(1)
    const second = await retry
    expect(second.fields).toMatchObject({ attempt: 2, delayMs: 200 }) // 0.5 * 400
    expect(server.requests).toHaveLength(2)
    clock.advance(200)
    const token = await pending
    expect(token.accessToken).toBe(server.issued[0])
    expect(server.requests).toHaveLength(3)
  })

  it('waits at least Retry-After (2 s) after a 429', async () => {
    server.script({ status: 429, headers: { 'retry-after': '2' } })
    const retry = logger.next(RETRYING)
    const pending = manager.getToken('acme')
    expect((await retry).fields).toMatchObject({ delayMs: 2_000 })
    clock.advance(1_999)
    expect(clock.pendingTimers).toBe(1) // the sleep has not ended: no second request
    expect(server.requests).toHaveLength(1)
    clock.advance(1)
    await expect(pending).resolves.toMatchObject({ tokenType: 'Bearer' })
    expect(server.requests).toHaveLength(2)
  })

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(Math.ceil((clock.now() + 3_000) / 1000) * 1000)
    server.script({ status: 503, headers: { 'retry-after': at.toUTCString() } })
    const retry = logger.next(RETRYING)
    const pending = manager.getToken('acme')
    expect((await retry).fields!.delayMs).toBe(at.getTime() - clock.now())
    clock.advance(at.getTime() - clock.now())
    await expect(pending).resolves.toBeDefined()
  })

  it('gives up after the retries with a typed, transient error', async () => {
    server.setDefault({ status: 502 })
    const pending = manager.getToken('acme')
    pending.catch(() => {})
    for (let i = 0; i < 3; i++) {
      const retry = logger.next(RETRYING)
      await retry
      clock.advance(10_000)
    }
    const error = await pending.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TokenEndpointUnavailableError)
    expect(error).toMatchObject({
      vendor: 'acme',
      httpStatus: 502,
      status: 503,
      code: 'endpoint_unavailable',
    })
    expect(server.requests).toHaveLength(4)
  })

  it('turns a hanging endpoint into a timeout error', async () => {
    const quick = new TokenManager({ clock, timeoutMs: 5_000, retry: { retries: 0 } })
    quick.register(
      'acme',
      clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'id', clientSecret: 'secret' }),
    )
    server.script({ hang: true })
    try {
      const pending = quick.getToken('acme')
      await server.waitForRequests(1)
      clock.advance(5_000)
      const error = await pending.catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TokenRequestTimeoutError)
      expect(error).toMatchObject({ code: 'timeout', vendor: 'acme', status: 503 })
    } finally {
      await quick.close()
    }
  })

  it('retries after a timeout', async () => {
    server.script({ hang: true })
    const retry = logger.next(RETRYING)
    const pending = manager.getToken('acme')
    await server.waitForRequests(1)
    clock.advance(5_000)
    expect((await retry).fields).toMatchObject({ code: 'timeout' })
    clock.advance(100)
    const token = await pending
    expect(token.accessToken).toBe(server.issued[0])
    expect(server.issued).toHaveLength(1)
  })

  it('retries a connection reset', async () => {
    server.script({ reset: true })
    const retry = logger.next(RETRYING)
    const pending = manager.getToken('acme')
    expect((await retry).fields).toMatchObject({ code: 'endpoint_unavailable' })
    clock.advance(100)
    await expect(pending).resolves.toBeDefined()
  })
})
