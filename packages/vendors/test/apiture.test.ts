import {
  InvalidParamsError,
  ManualClock,
  TokenManager,
  TokenRequestRejectedError,
} from '@vendor-token/core'
import { describe, expect, it } from 'vitest'
import { apiture } from '../src/index.js'
import { usePresetEmulator } from './helpers/preset-emulator.js'
import { waitFor } from './helpers/settle.js'

// The Apiture preset against the emulator's Apiture: a real oidc-provider (panva) with
// discovery, client_credentials and the banking scopes. The provider issues on the real clock;
// the manager and the resource's expiry check run on the ManualClock, which starts at real time.
const clock = new ManualClock()
const preset = usePresetEmulator(clock, (manager, emulator) =>
  manager.register('apiture', apiture(emulator.vendors.apiture)),
)

const stats = () => preset.emulator.stats('apiture')
const accountsUrl = () => `${preset.emulator.vendors.apiture.baseUrl}/banking/accounts`

describe('apiture against oidc-provider (the emulator)', () => {
  it('discovers the token_endpoint and gets a token carrying the requested scopes', async () => {
    const token = await preset.manager.getToken('apiture')
    expect(token.tokenType).toBe('Bearer')
    expect(token.scope?.split(' ').sort()).toEqual(['banking/read', 'banking/write'])
    expect(token.expiresAt).toBeGreaterThan(token.issuedAt)
    expect(stats().discoveryRequests).toBeGreaterThanOrEqual(1)
    expect(stats().tokenRequests).toBe(1)
  })

  it('calls the protected resource with the token', async () => {
    const response = await preset.manager.fetch('apiture', accountsUrl())
    expect(response.status).toBe(200)
    expect(((await response.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0)
  })

  it('caches the token and the discovery document', async () => {
    await preset.manager.getToken('apiture')
    // Discovery is cached per issuer for the process: an earlier test may already have done it.
    const discoveries = stats().discoveryRequests
    await preset.manager.getToken('apiture')
    await preset.manager.getToken('apiture', { scopes: ['banking/read'] })
    expect(stats().tokenRequests).toBe(2)
    expect(stats().discoveryRequests).toBe(discoveries)
  })

  it('per-call scopes: a banking/write-only token is refused by a banking/read resource', async () => {
    const token = await preset.manager.getToken('apiture', { scopes: ['banking/write'] })
    expect(token.scope).toBe('banking/write')
    const response = await preset.manager.fetch(
      'apiture',
      accountsUrl(),
      {},
      { scopes: ['banking/write'] },
    )
    expect(response.status).toBe(403)
  })

  it('refreshes at 80% of the lifetime the provider gives (expires_in)', async () => {
    const first = await preset.manager.getToken('apiture')
    const lifetime = first.expiresAt - first.issuedAt
    clock.advance(Math.ceil(lifetime * 0.8) + 1_000)
    expect((await preset.manager.getToken('apiture')).accessToken).toBe(first.accessToken)
    await waitFor(
      () => stats().tokenRequests === 2 && preset.manager.status()[0]?.state === 'valid',
    )
    expect((await preset.manager.getToken('apiture')).accessToken).not.toBe(first.accessToken)
  })

  it('honours a shortened lifetime', async () => {
    preset.emulator.fault('apiture', { tokenTtlSeconds: 40 })
    const token = await preset.manager.getToken('apiture')
    expect(token.expiresAt - token.issuedAt).toBeLessThanOrEqual(40_000)
  })

  it('wrong credentials: TokenRequestRejectedError naming the vendor and invalid_client, no retry', async () => {
    const { issuer, clientId, scopes } = preset.emulator.vendors.apiture
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
    const error = await preset.manager
      .getToken('apiture', { scopes: ['openid'] })
      .catch((e: unknown) => e)
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
      watched.register('apiture', apiture(preset.emulator.vendors.apiture))
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
    await expect(preset.manager.getToken('apiture', { scopes: [] })).rejects.toBeInstanceOf(
      InvalidParamsError,
    )
    expect(stats().tokenRequests).toBe(0)
  })
})
