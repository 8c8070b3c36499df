import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clientCredentials, ManualClock, TokenManager } from '../src/index.js'
import { gate, startTokenServer, type TokenServer } from './support/token-server.js'

describe('single-flight', () => {
  let server: TokenServer
  let manager: TokenManager

  beforeEach(async () => {
    server = await startTokenServer()
    manager = new TokenManager({ clock: new ManualClock() })
    const source = clientCredentials({
      tokenUrl: server.tokenUrl,
      clientId: 'id',
      clientSecret: 'secret',
    })
    manager.register('acme', source)
  })
  afterEach(async () => {
    await manager.close()
    await server.close()
  })

  it('makes exactly one token request for 10,000 concurrent callers of a cold key', async () => {
    const calls = Array.from({ length: 10_000 }, () => manager.getToken('acme'))
    const tokens = await Promise.all(calls)
    expect(server.requests).toHaveLength(1)
    expect(new Set(tokens).size).toBe(1)
    expect(tokens[0]!.accessToken).toBe(server.issued[0])
  })

  it('shares one request between callers with params while it is in flight', async () => {
    const answer = gate()
    server.script({ gate: answer.promise })
    const calls = Array.from({ length: 1_000 }, () =>
      manager.getToken('acme', { scopes: ['b', 'a'] }),
    )
    await server.waitForRequests(1)
    answer.open()
    const tokens = await Promise.all(calls)
    expect(server.requests).toHaveLength(1)
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1)
  })

  it('fetches different keys independently', async () => {
    const [a, b, c] = await Promise.all([
      manager.getToken('acme', { scopes: ['read'] }),
      manager.getToken('acme', { scopes: ['write'] }),
      manager.getToken('acme'),
    ])
    expect(server.requests).toHaveLength(3)
    expect(new Set([a.accessToken, b.accessToken, c.accessToken]).size).toBe(3)
    const scopes = server.requests.map((r) => r.form.get('scope'))
    expect(scopes).toHaveLength(3)
    expect(scopes).toEqual(expect.arrayContaining(['read', 'write', null]))
  })

  it('gives { scopes: [b, a] } and { scopes: [a, b] } one key and one request', async () => {
    const [a, b] = await Promise.all([
      manager.getToken('acme', { scopes: ['b', 'a'] }),
      manager.getToken('acme', { scopes: ['a', 'b'] }),
    ])
    const c = await manager.getToken('acme', { scopes: ['a', 'b', 'a'] })
    expect(server.requests).toHaveLength(1)
    expect(b).toBe(a)
    expect(c).toBe(a)
    expect(manager.status()).toHaveLength(1)
  })

  it("orders a vendor's own params with its normalizeParams: one key and one request", async () => {
    const sorted = (ids: unknown) => [...(ids as number[])].sort((x, y) => x - y)
    manager.register(
      'firms',
      clientCredentials({
        tokenUrl: server.tokenUrl,
        clientId: 'id',
        clientSecret: 'secret',
        normalizeParams: (params) => ({ ...params, firmIds: sorted(params.firmIds) }),
      }),
    )
    const [a, b] = await Promise.all([
      manager.getToken('firms', { firmIds: [792, 39] }),
      manager.getToken('firms', { firmIds: [39, 792] }),
    ])
    expect(server.requests).toHaveLength(1)
    expect(b).toBe(a)
    // Core leaves a param it does not know as given: without the source's ordering, two keys.
    await manager.getToken('acme', { firmIds: [792, 39] })
    await manager.getToken('acme', { firmIds: [39, 792] })
    expect(server.requests).toHaveLength(3)
  })

  it('never serves a token of one scope to another scope', async () => {
    const read = await manager.getToken('acme', { scopes: ['read'] })
    const write = await manager.getToken('acme', { scopes: ['write'] })
    expect(write.accessToken).not.toBe(read.accessToken)
    expect(server.requests).toHaveLength(2)
  })
})
