import { silentLogger, TokenManager, TokenRequestRejectedError } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { vendorToken } from '@vendor-token/koa'
import { listen, type RunningApp } from '@vendor-token/test-utils'
import { bridgeft } from '@vendor-token/vendors'
import Koa from 'koa'
import { afterEach, beforeEach, expect, test } from 'vitest'

let emulator: Emulator
let manager: TokenManager
let app: RunningApp

beforeEach(async () => {
  emulator = await startEmulator()
  manager = new TokenManager({ logger: silentLogger, retry: { retries: 0 } })
  const { baseUrl, clientId, clientSecret } = emulator.vendors.bridgeft
  manager.register('bridgeft', bridgeft({ baseUrl, clientId, clientSecret: `${clientSecret}-x` }))
})

afterEach(async () => {
  await app.close()
  await manager.close()
  await emulator.close()
})

test("errors: 'next' rethrows the typed error to an upstream try/catch, which answers", async () => {
  const caught: unknown[] = []
  const koa = new Koa()
  koa.use(async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      caught.push(error)
      ctx.status = 599 // an answer only this handler gives
      ctx.body = { handledBy: 'upstream', code: (error as { code?: string }).code }
    }
  })
  koa.use(vendorToken(manager, 'bridgeft', { errors: 'next' }))
  koa.use((ctx) => {
    ctx.body = { ok: true }
  })
  app = await listen(koa.callback())

  const response = await fetch(`${app.url}/`)

  expect(response.status).toBe(599)
  expect(await response.json()).toEqual({ handledBy: 'upstream', code: 'token_rejected' })
  expect(caught).toHaveLength(1)
  expect(caught[0]).toBeInstanceOf(TokenRequestRejectedError)
})
