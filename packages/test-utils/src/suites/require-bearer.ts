import { type Emulator, signInTestAdvisor, startEmulator } from '@vendor-token/emulator'
import { createVerifier, type Verifier } from '@vendor-token/verify'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { listen, type RunningApp } from '../listen.js'

/** `requireBearer` with the emulator's Wealth.com tokens and `createVerifier`. */
export function describeRequireBearer(adapter: AdapterUnderTest): void {
  describe(`requireBearer with the emulator’s Wealth.com tokens and createVerifier (${adapter.name})`, () => {
    let emulator: Emulator
    let verifier: Verifier
    let app: RunningApp
    let advisor: { accessToken: string; idToken: string }

    beforeAll(async () => {
      emulator = await startEmulator()
      const { jwksUri, issuer, audience, clientId } = emulator.vendors.wealthcom
      verifier = createVerifier({ jwksUri, issuer, audience, clientId, threads: 1 })
      const listener = adapter.bearerApp({
        verifier,
        routes: [
          { method: 'GET', path: '/me' },
          { method: 'GET', path: '/clients', scopes: ['clients:read'] },
          { method: 'POST', path: '/clients', scopes: 'clients:read clients:write' },
        ],
        answer: ({ payload, scopes }) => ({ sub: payload.sub, scopes }),
      })
      app = await listen(listener)
      advisor = await signInTestAdvisor(emulator, 'openid profile clients:read')
    })

    afterAll(async () => {
      await app.close()
      await verifier.close()
      await emulator.close()
    })

    const call = (path: string, authorization?: string, method = 'GET') =>
      fetch(`${app.url}${path}`, { method, headers: authorization ? { authorization } : {} })

    test('a valid access token passes and its claims are on the request', async () => {
      const response = await call('/me', `Bearer ${advisor.accessToken}`)

      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({
        sub: emulator.vendors.wealthcom.testLogin.username,
        scopes: ['clients:read'],
      })
      expect((await call('/clients', `bearer ${advisor.accessToken}`)).status).toBe(200)
    })

    test.each([
      ['no Authorization header', undefined],
      ['another scheme', 'Basic ZW11OnB3'],
    ])('%s -> 401 with a bare Bearer challenge (RFC 6750 3.1)', async (_case, authorization) => {
      const response = await call('/me', authorization)

      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
      expect(await response.json()).toMatchObject({ error: 'missing_token' })
    })

    test.each([
      ['a malformed header', () => 'Bearer not a token'],
      ['a token that is no JWT', () => 'Bearer abc.def.ghi'],
      ['a tampered signature', () => `Bearer ${advisor.accessToken.slice(0, -4)}AAAA`],
      ['an ID token', () => `Bearer ${advisor.idToken}`],
    ])('%s -> 401 invalid_token, with no reason given', async (_case, authorization) => {
      const response = await call('/me', authorization())

      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
      expect(await response.json()).toEqual({
        error: 'invalid_token',
        message: 'The access token is invalid',
      })
    })

    test('a missing scope -> 403 insufficient_scope naming the scopes the route needs', async () => {
      const response = await call('/clients', `Bearer ${advisor.accessToken}`, 'POST')

      expect(response.status).toBe(403)
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer error="insufficient_scope", scope="clients:read clients:write"',
      )
      expect(await response.json()).toMatchObject({ error: 'insufficient_scope' })
    })
  })
}
