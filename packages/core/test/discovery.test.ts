import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clientCredentials, DiscoveryError, ManualClock, TokenManager } from '../src/index.js'
import { recordingLogger } from './support/helpers.js'
import { DiscoveryCache, discover } from './support/internal.js'
import { startTokenServer, type TokenServer } from './support/token-server.js'

describe('discovery', () => {
  let server: TokenServer
  let clock: ManualClock

  beforeEach(async () => {
    server = await startTokenServer()
    clock = new ManualClock()
  })
  afterEach(async () => {
    await server.close()
  })

  it('finds the token endpoint through OIDC discovery and caches it per issuer', async () => {
    const manager = new TokenManager({ clock })
    manager.register(
      'acme',
      clientCredentials({ issuer: server.issuer, clientId: 'id', clientSecret: 'secret' }),
    )
    await manager.getToken('acme', { scopes: ['a'] })
    await manager.getToken('acme', { scopes: ['b'] })
    await manager.close()
    expect(server.discoveryRequests).toHaveLength(1)
    expect(server.discoveryRequests[0]!.path).toBe('/issuer/.well-known/openid-configuration')
    expect(server.requests).toHaveLength(2)
  })

  it('falls back to RFC 8414 when there is no OIDC document', async () => {
    server.scriptDiscovery({ status: 404, json: {} })
    const cache = new DiscoveryCache()
    const metadata = await discover(server.issuer, { clock, cache })
    expect(metadata.token_endpoint).toBe(server.tokenUrl)
    expect(server.discoveryRequests.map((r) => r.path)).toEqual([
      '/issuer/.well-known/openid-configuration',
      '/.well-known/oauth-authorization-server/issuer',
    ])
  })

  it('refuses a document that names another issuer', async () => {
    server.scriptDiscovery({
      json: { issuer: 'https://evil.example.com', token_endpoint: 'https://evil.example.com/t' },
    })
    const error = await discover(server.issuer, { clock, cache: new DiscoveryCache() }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(DiscoveryError)
  })

  it('does not cache a failure for good: later calls retry with growing backoff', async () => {
    const cache = new DiscoveryCache()
    server.scriptDiscovery({ status: 503 }, { status: 500 })
    const first = await discover(server.issuer, { clock, cache }).catch((e: unknown) => e)
    expect(first).toMatchObject({ code: 'discovery_failed', httpStatus: 503, retryAfterMs: 1_000 })
    // Within the backoff the failure is shared, with the time left to wait.
    clock.advance(400)
    const shared = await discover(server.issuer, { clock, cache }).catch((e: unknown) => e)
    expect(shared).toMatchObject({ code: 'discovery_failed', retryAfterMs: 600 })
    expect(server.discoveryRequests).toHaveLength(1)
    clock.advance(600)
    const second = await discover(server.issuer, { clock, cache }).catch((e: unknown) => e)
    expect(second).toMatchObject({ httpStatus: 500, retryAfterMs: 2_000 }) // doubled
    expect(server.discoveryRequests).toHaveLength(2)
    clock.advance(2_000)
    await expect(discover(server.issuer, { clock, cache })).resolves.toMatchObject({
      token_endpoint: server.tokenUrl,
    })
    expect(server.discoveryRequests).toHaveLength(3)
  })

  it('lets the manager retry a failed discovery and then get a token', async () => {
    const logger = recordingLogger()
    const manager = new TokenManager({ clock, logger, retry: { retries: 2 } })
    manager.register(
      'acme',
      clientCredentials({ issuer: server.issuer, clientId: 'id', clientSecret: 'secret' }),
    )
    server.scriptDiscovery({ status: 503 })
    const retrying = logger.next('token request failed; retrying')
    const pending = manager.getToken('acme')
    const line = await retrying
    expect(line.fields).toMatchObject({ code: 'discovery_failed', delayMs: 1_000 })
    clock.advance(1_000)
    await expect(pending).resolves.toMatchObject({ tokenType: 'Bearer' })
    expect(server.discoveryRequests).toHaveLength(2)
    expect(server.requests).toHaveLength(1)
    await manager.close()
  })

  it('refuses a discovered token endpoint that is not https (unless loopback)', async () => {
    server.scriptDiscovery({
      json: { issuer: server.issuer, token_endpoint: 'http://auth.example.com/token' },
    })
    const manager = new TokenManager({ clock, retry: { retries: 0 } })
    manager.register(
      'acme',
      clientCredentials({ issuer: server.issuer, clientId: 'id', clientSecret: 'secret' }),
    )
    await expect(manager.getToken('acme')).rejects.toMatchObject({
      code: 'configuration',
      vendor: 'acme',
    })
    expect(server.requests).toHaveLength(0)
    await manager.close()
  })
})
