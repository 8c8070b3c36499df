import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clientCredentials, ManualClock, TokenManager } from '../src/index.js'
import {
  fakeJwt,
  gate,
  startTokenServer,
  type TokenServer,
  tokenBody,
} from './support/token-server.js'

describe('expiresAt', () => {
  let server: TokenServer
  let clock: ManualClock
  let manager: TokenManager
  const start = Date.UTC(2030, 0, 1)

  beforeEach(async () => {
    server = await startTokenServer()
    clock = new ManualClock(start)
    manager = new TokenManager({ clock, defaultLifetimeSeconds: 120 })
    manager.register(
      'acme',
      clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'id', clientSecret: 'secret' }),
    )
  })
  afterEach(async () => {
    await manager.close()
    await server.close()
  })

  it('counts expires_in from the moment the request was sent, not from the answer', async () => {
    const answer = gate()
    server.script({ gate: answer.promise, json: tokenBody({ expires_in: 3600 }) })
    const pending = manager.getToken('acme')
    await server.waitForRequests(1)
    clock.advance(7_000) // the answer is slow
    answer.open()
    const token = await pending
    expect(token.issuedAt).toBe(start)
    expect(token.expiresAt).toBe(start + 3_600_000)
  })

  it('lets a JWT exp earlier than expires_in win', async () => {
    const exp = start / 1000 + 1800
    server.script({
      json: tokenBody({ access_token: fakeJwt({ exp, sub: 'x' }), expires_in: 3600 }),
    })
    const token = await manager.getToken('acme')
    expect(token.expiresAt).toBe(exp * 1000)
    expect(token.claims).toMatchObject({ exp, sub: 'x' })
  })

  it('keeps expires_in when the JWT exp is later', async () => {
    const exp = start / 1000 + 7200
    server.script({ json: tokenBody({ access_token: fakeJwt({ exp }), expires_in: 3600 }) })
    const token = await manager.getToken('acme')
    expect(token.expiresAt).toBe(start + 3_600_000)
  })

  it('uses the JWT exp when expires_in is missing', async () => {
    const exp = start / 1000 + 900
    server.script({ json: { access_token: fakeJwt({ exp }), token_type: 'Bearer' } })
    const warnings: unknown[] = []
    manager.on('warning', (w) => warnings.push(w))
    const token = await manager.getToken('acme')
    expect(token.expiresAt).toBe(exp * 1000)
    expect(warnings).toEqual([])
  })

  it('uses the configured default lifetime and warns when there is neither', async () => {
    server.script({ json: { access_token: 'opaque-token-without-lifetime', token_type: 'Bearer' } })
    const warnings: Array<{ code: string; vendor: string }> = []
    manager.on('warning', (w) => warnings.push(w))
    const token = await manager.getToken('acme')
    expect(token.expiresAt).toBe(start + 120_000)
    expect(warnings).toEqual([
      expect.objectContaining({ vendor: 'acme', code: 'default_lifetime' }),
    ])
  })

  it('prefers a source default lifetime over the manager default', async () => {
    const inner = clientCredentials({
      tokenUrl: server.tokenUrl,
      clientId: 'id',
      clientSecret: 'secret',
    })
    manager.register('static', {
      kind: inner.kind,
      defaultLifetimeSeconds: 86_400,
      requestToken: (context) => inner.requestToken(context),
    })
    server.script({ json: { access_token: 'opaque-token-without-lifetime' } })
    const token = await manager.getToken('static')
    expect(token.expiresAt).toBe(start + 86_400_000)
  })

  it('accepts expires_in as a numeric string', async () => {
    server.script({ json: tokenBody({ expires_in: '3599' }) })
    const token = await manager.getToken('acme')
    expect(token.expiresAt).toBe(start + 3_599_000)
  })
})
