import type { GetTokenOptions, Token, TokenParams } from '@vendor-token/core'
import { describe, expect, test } from 'vitest'
import type { AdapterUnderTest } from '../adapter.js'
import { bridgeftManager, useTokenApp } from './token-app.js'

/** A client that goes away aborts its own wait for a token, not the shared fetch. */
export function describeClientDisconnect(adapter: AdapterUnderTest): void {
  describe(`client disconnect (${adapter.name})`, () => {
    let asked: Promise<AbortSignal | undefined>
    const harness = useTokenApp(adapter, (emulator) => {
      const manager = bridgeftManager(emulator)
      let tell: (signal: AbortSignal | undefined) => void = () => {}
      asked = new Promise((resolve) => {
        tell = resolve
      })
      // The real manager, seen through a window that shows which signal the middleware passed.
      const watched = {
        getToken(vendor: string, params?: TokenParams, options?: GetTokenOptions): Promise<Token> {
          const signal = options?.signal
          tell(signal)
          return manager.getToken(vendor, params, options)
        },
      }
      return {
        manager,
        source: watched,
        mounts: [{ vendor: 'bridgeft' }],
        path: '/',
        answer: () => ({ ok: true }),
      }
    })

    test('the wait for a token is aborted when the client disconnects; the fetch goes on', async () => {
      harness.emulator.fault('bridgeft', { on: 'token', latencyMs: 1_000, times: 1 })
      const client = new AbortController()
      const gone = fetch(`${harness.app.url}/`, { signal: client.signal }).catch(
        (error: unknown) => error,
      )

      const signal = await asked
      expect(signal?.aborted).toBe(false)
      const aborted = new Promise((resolve) => signal?.addEventListener('abort', resolve))
      client.abort()
      await gone
      await aborted

      expect(signal?.reason).toMatchObject({ name: 'AbortError', code: 'client_disconnected' })
      // The shared token request was not cancelled with this caller: the next request reuses it.
      const next = await fetch(`${harness.app.url}/`)
      expect(next.status).toBe(200)
      expect(harness.emulator.stats('bridgeft').tokenRequests).toBe(1)
    })
  })
}
