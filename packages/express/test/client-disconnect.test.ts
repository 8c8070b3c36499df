import {
  type GetTokenOptions,
  type Token,
  TokenManager,
  type TokenParams,
} from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { vendorToken } from '@vendor-token/express'
import { bridgeft } from '@vendor-token/vendors'
import express from 'express'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { listen, type RunningApp } from './support.js'

let emulator: Emulator
let manager: TokenManager
let app: RunningApp
let asked: Promise<AbortSignal | undefined>

beforeEach(async () => {
  emulator = await startEmulator()
  manager = new TokenManager()
  manager.register('bridgeft', bridgeft(emulator.vendors.bridgeft))
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
  const server = express()
  server.use(vendorToken(watched, 'bridgeft'))
  server.get('/', (_req, res) => {
    res.json({ ok: true })
  })
  app = await listen(server)
})

afterEach(async () => {
  await app.close()
  await manager.close()
  await emulator.close()
})

test('the wait for a token is aborted when the client disconnects; the fetch goes on', async () => {
  emulator.fault('bridgeft', { on: 'token', latencyMs: 1_000, times: 1 })
  const client = new AbortController()
  const gone = fetch(`${app.url}/`, { signal: client.signal }).catch((error: unknown) => error)

  const signal = await asked
  expect(signal?.aborted).toBe(false)
  const aborted = new Promise((resolve) => signal?.addEventListener('abort', resolve))
  client.abort()
  await gone
  await aborted

  expect(signal?.reason).toMatchObject({ name: 'AbortError', code: 'client_disconnected' })
  // The shared token request was not cancelled with this caller: the next request reuses it.
  const next = await fetch(`${app.url}/`)
  expect(next.status).toBe(200)
  expect(emulator.stats('bridgeft').tokenRequests).toBe(1)
})
