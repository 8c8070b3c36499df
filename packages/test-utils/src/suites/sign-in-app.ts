import type { RequestListener } from 'node:http'
import { type Logger, silentLogger, TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { wealthcom } from '@vendor-token/vendors'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { listen, type RunningApp } from '../listen.js'

/** What the sign-in tests work against; read inside tests (the hooks fill it in). */
export interface SignInHarness {
  emulator: Emulator
  manager: TokenManager
  app: RunningApp
}

/**
 * Registers hooks that start the emulator once and, per test, the adapter's sign-in app with a
 * Wealth.com user-token vendor whose redirect URI is that app's callback. The server listens
 * first (the redirect URI needs its port), the vendor is registered, and only then is the app
 * built: middleware checks at mount that its vendor is registered.
 */
export function useSignInApp(
  adapter: AdapterUnderTest,
  logger: () => Logger = () => silentLogger,
): SignInHarness {
  const harness = {} as SignInHarness

  beforeAll(async () => {
    harness.emulator = await startEmulator()
  })
  afterAll(() => harness.emulator.close())

  beforeEach(async () => {
    const { emulator } = harness
    emulator.resetStats()
    harness.manager = new TokenManager({ logger: logger() })
    let listener: RequestListener = (_req, res) => res.writeHead(503).end()
    harness.app = await listen((req, res) => listener(req, res))
    const { issuer, clientId, clientSecret } = emulator.vendors.wealthcom
    harness.manager.register(
      'wealthcom',
      wealthcom.user({
        issuer,
        clientId,
        clientSecret,
        redirectUri: `${harness.app.url}/auth/callback`,
        scopes: ['openid', 'offline_access'],
      }),
    )
    listener = adapter.signInApp(harness.manager, 'wealthcom', {
      clients: async (token) => {
        const upstream = await fetch(`${emulator.vendors.wealthcom.baseUrl}/v1/clients`, {
          headers: { authorization: token.authorization },
        })
        return { status: upstream.status, body: { advisor: token.claims?.sub } }
      },
      me: (token) => ({ advisor: token.claims?.sub }),
    })
  })
  afterEach(async () => {
    await harness.app.close()
    await harness.manager.close()
  })

  return harness
}
