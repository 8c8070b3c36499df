import {
  InvalidParamsError,
  ManualClock,
  TokenManager,
  TokenRequestRejectedError,
} from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { apiture } from '../src/index.js'
import { waitFor } from './helpers/settle.js'

// The Apiture preset against the emulator's Apiture: a real oidc-provider (panva) with
// discovery, client_credentials and the banking scopes. The provider issues on the real clock;
// the manager and the resource's expiry check run on the ManualClock, which starts at real time.
const clock = new ManualClock()
let emulator: Emulator
let manager: TokenManager

beforeAll(async () => {
  emulator = await startEmulator({ now: () => clock.now() })
})
afterAll(() => emulator.close())

beforeEach(() => {
  emulator.resetStats()
  emulator.clearFaults()
  manager = new TokenManager({ clock })
  manager.register('apiture', apiture(emulator.vendors.apiture))
})
afterEach(() => manager.close())

const stats = () => emulator.stats('apiture')
const accountsUrl = () => `${emulator.vendors.apiture.baseUrl}/banking/accounts`

describe('apiture against oidc-provider (the emulator)', () => {
  it('discovers the token_endpoint and gets a token carrying the requested scopes', async () => {
    const token = await manager.getToken('apiture')
    expect(token.tokenType).toBe('Bearer')
    expect(token.scope?.split(' ').sort()).toEqual(['banking/read', 'banking/write'])
    expect(token.expiresAt).toBeGreaterThan(token.issuedAt)
    expect(stats().discoveryRequests).toBeGreaterThanOrEqual(1)
    expect(stats().tokenRequests).toBe(1)
  })

  it('calls the protected resource with the token', async () => {
    const response = await manager.fetch('apiture', accountsUrl())
    expect(response.status).toBe(200)
    expect(((await response.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0)
  })

  it('caches the token and the discovery document', async () => {
    await manager.getToken('apiture')
    // Discovery is cached per issuer for the process: an earlier test may already have done it.
    const discoveries = stats().discoveryRequests
    await manager.getToken('apiture')
    await manager.getToken('apiture', { scopes: ['banking/read'] })
    expect(stats().tokenRequests).toBe(2)
    expect(stats().discoveryRequests).toBe(discoveries)
  })

  it('per-call scopes: a banking/write-only token is refused by a banking/read resource', async () => {
    const token = await manager.getToken('apiture', { scopes: ['banking/write'] })
    expect(token.scope).toBe('banking/write')
    const response = await manager.fetch(
      'apiture',
      accountsUrl(),
      {},
      { scopes: ['banking/write'] },
    )
    expect(response.status).toBe(403)
  })

  it('refreshes at 80% of the lifetime the provider gives (expires_in)', async () => {
    const first = await manager.getToken('apiture')
    const lifetime = first.expiresAt - first.issuedAt
    clock.advance(Math.ceil(lifetime * 0.8) + 1_000)
    expect((await manager.getToken('apiture')).accessToken).toBe(first.accessToken)
    await waitFor(() => stats().tokenRequests === 2 && manager.status()[0]?.state === 'valid')
    expect((await manager.getToken('apiture')).accessToken).not.toBe(first.accessToken)
  })

  it('honours a shortened lifetime', async () => {
    emulator.fault('apiture', { tokenTtlSeconds: 40 })
    const token = await manager.getToken('apiture')
    expect(token.expiresAt - token.issuedAt).toBeLessThanOrEqual(40_000)
  })

  it('wrong credentials: TokenRequestRejectedError naming the vendor and invalid_client, no retry', async () => {
    const { issuer, clientId, scopes } = emulator.vendors.apiture
    const wrong = new TokenManager({ clock, retry: { retries: 3, minDelayMs: 0 } })
    wrong.register('apiture', apiture({ clientId, clientSecret: 'not-the-secret', issuer, scopes }))
    try {
      const error = await wrong.getToken('apiture').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TokenRequestRejectedError)
      expect(error).toMatchObject({
        vendor: 'apiture',
        oauthError: 'invalid_client',
        httpStatus: 401,
      })
      expect(JSON.stringify(error)).not.toContain('not-the-secret')
      expect(stats().tokenRequests).toBe(1)
    } finally {
      await wrong.close()
    }
  })

  it('a scope the client may not ask for: invalid_scope from the provider, no retry', async () => {
    const error = await manager.getToken('apiture', { scopes: ['openid'] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TokenRequestRejectedError)
    expect(error).toMatchObject({ vendor: 'apiture', oauthError: 'invalid_scope', httpStatus: 400 })
    expect(stats().tokenRequests).toBe(1)
  })

  it('a token granted fewer scopes than asked (RFC 6749 5.1) is handed out with a warning', async () => {
    const warnings: unknown[] = []
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (message: string, fields?: object) => warnings.push({ message, ...fields }),
    }
    const watched = new TokenManager({ clock, logger })
    try {
      watched.register('apiture', apiture(emulator.vendors.apiture))
      const token = await watched.getToken('apiture', {
        scopes: ['banking/read', 'banking/unknown'],
      })
      expect(token.scope).toBe('banking/read')
      expect(warnings).toEqual([
        expect.objectContaining({
          vendor: 'apiture',
          missing: ['banking/unknown'],
          granted: 'banking/read',
        }),
      ])
    } finally {
      await watched.close()
    }
  })

  it('an empty scope list fails before any request', async () => {
    await expect(manager.getToken('apiture', { scopes: [] })).rejects.toBeInstanceOf(
      InvalidParamsError,
    )
    expect(stats().tokenRequests).toBe(0)
  })
})
