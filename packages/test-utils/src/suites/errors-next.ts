import {
  AuthorizationCallbackError,
  TokenEndpointUnavailableError,
  TokenManager,
  TokenRequestRejectedError,
} from '@vendor-token/core'
import { BearerTokenMissingError } from '@vendor-token/core/adapter'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { bridgeft, wealthcom } from '@vendor-token/vendors'
import { createVerifier, type Verifier } from '@vendor-token/verify'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { type CapturingLogger, capturingLogger } from '../capturing-logger.js'
import { listen, type RunningApp } from '../listen.js'

/**
 * `errors: 'next'`: the middleware does not answer; the app's own error handling (an Express
 * error handler, Koa's `app.on('error')`) receives the typed error, shaped like http-errors'.
 */
export function describeErrorsNext(adapter: AdapterUnderTest): void {
  describe(`errors: 'next' (${adapter.name})`, () => {
    let emulator: Emulator
    let logger: CapturingLogger
    let manager: TokenManager
    let app: RunningApp | undefined
    let verifier: Verifier | undefined
    let received: unknown[]

    beforeEach(async () => {
      emulator = await startEmulator()
      logger = capturingLogger()
      received = []
      manager = new TokenManager({ logger, retry: { retries: 0 } })
    })
    afterEach(async () => {
      await app?.close()
      await verifier?.close()
      await manager.close()
      await emulator.close()
    })

    async function tokenApp(clientSecret: string): Promise<RunningApp> {
      const { baseUrl, clientId } = emulator.vendors.bridgeft
      manager.register('bridgeft', bridgeft({ baseUrl, clientId, clientSecret }))
      app = await listen(
        adapter.tokenApp({
          manager,
          mounts: [{ vendor: 'bridgeft', options: { errors: 'next' } }],
          path: '/',
          answer: () => ({ ok: true }),
          onAppError: (error) => received.push(error),
        }),
      )
      return app
    }

    test('rejected credentials reach the app as TokenRequestRejectedError (502, not exposed)', async () => {
      const { url } = await tokenApp(`${emulator.vendors.bridgeft.clientSecret}-wrong`)

      const response = await fetch(`${url}/`)

      expect(response.status).toBe(502)
      expect(received).toHaveLength(1)
      const [error] = received
      expect(error).toBeInstanceOf(TokenRequestRejectedError)
      expect(error).toMatchObject({
        code: 'token_rejected',
        vendor: 'bridgeft',
        status: 502,
        statusCode: 502,
        expose: false,
      })
      // The app's handler answers and logs: the middleware logs nothing itself.
      expect(logger.heard()).toEqual([])
    })

    test('a token endpoint that is down reaches the app with its Retry-After header', async () => {
      emulator.fault('bridgeft', { on: 'token', status: 503, retryAfterSeconds: 7 })
      const { url } = await tokenApp(emulator.vendors.bridgeft.clientSecret)

      const response = await fetch(`${url}/`)

      expect(response.status).toBe(503)
      expect(received).toHaveLength(1)
      const [error] = received
      expect(error).toBeInstanceOf(TokenEndpointUnavailableError)
      expect(error).toMatchObject({ status: 503, statusCode: 503, expose: false })
      expect((error as TokenEndpointUnavailableError).headers['retry-after']).toBe('7')
      expect(response.headers.get('retry-after')).toBe('7')
      expect(logger.heard()).toEqual([])
    })

    test('requireBearer hands over a missing token as a 401 with its challenge, exposed', async () => {
      const { jwksUri, issuer, audience } = emulator.vendors.wealthcom
      verifier = createVerifier({ jwksUri, issuer, audience, threads: 1 })
      app = await listen(
        adapter.bearerApp({
          verifier,
          errors: 'next',
          logger,
          routes: [{ method: 'GET', path: '/me' }],
          answer: ({ payload }) => ({ sub: payload.sub }),
          onAppError: (error) => received.push(error),
        }),
      )

      const response = await fetch(`${app.url}/me`)

      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
      expect(received).toHaveLength(1)
      expect(received[0]).toBeInstanceOf(BearerTokenMissingError)
      expect(received[0]).toMatchObject({ status: 401, statusCode: 401, expose: true })
      expect(logger.heard()).toEqual([])
    })

    test('signIn hands over a refused callback as AuthorizationCallbackError (400, exposed)', async () => {
      const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
      manager.register(
        'wealthcom',
        wealthcom.user({
          issuer,
          clientId,
          clientSecret,
          redirectUri: 'http://127.0.0.1/auth/callback', // never reached: no sign-in starts
          scopes: ['openid'],
        }),
      )
      const routes = { clients: async () => ({ status: 200, body: {} }), me: () => ({}) }
      app = await listen(
        adapter.signInApp(manager, 'wealthcom', routes, {
          errors: 'next',
          onAppError: (error) => received.push(error),
        }),
      )

      const response = await fetch(`${app.url}/auth/callback?code=abc`)

      expect(response.status).toBe(400)
      expect(received).toHaveLength(1)
      expect(received[0]).toBeInstanceOf(AuthorizationCallbackError)
      expect(received[0]).toMatchObject({
        reason: 'state_missing',
        status: 400,
        statusCode: 400,
        expose: true,
      })
      expect(logger.heard()).toEqual([])
    })
  })
}
