import { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { vendorToken } from '@vendor-token/koa'
import { bridgeft } from '@vendor-token/vendors'
import Koa from 'koa'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { listen, type RunningApp } from './support.js'

let emulator: Emulator
let manager: TokenManager
let app: RunningApp

beforeEach(async () => {
  emulator = await startEmulator()
  manager = new TokenManager()
  manager.register('bridgeft', bridgeft(emulator.vendors.bridgeft))
  const koa = new Koa()
  koa.use(vendorToken(manager, 'bridgeft', { user: (ctx) => ctx.get('x-user') || undefined }))
  koa.use((ctx) => {
    ctx.body = { ok: true }
  })
  app = await listen(koa.callback())
})

afterEach(async () => {
  await app.close()
  await manager.close()
  await emulator.close()
})

test('a request without a signed-in user is answered 401 without a token request', async () => {
  const response = await fetch(`${app.url}/`)

  expect(response.status).toBe(401)
  expect(await response.json()).toMatchObject({ error: 'not_signed_in' })
  expect(emulator.stats('bridgeft').tokenRequests).toBe(0)
})
