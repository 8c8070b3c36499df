import { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { vendorToken } from '@vendor-token/koa'
import { bridgeft, modelPortfolios } from '@vendor-token/vendors'
import Koa from 'koa'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { fingerprint, listen, type RunningApp } from './support.js'

let emulator: Emulator
let manager: TokenManager
let app: RunningApp

beforeEach(async () => {
  emulator = await startEmulator()
  manager = new TokenManager()
  manager.register('bridgeft', bridgeft(emulator.vendors.bridgeft))
  manager.register('modelPortfolios', modelPortfolios(emulator.vendors.modelPortfolios))
  const koa = new Koa()
  koa.use(vendorToken(manager, 'bridgeft'))
  koa.use(vendorToken(manager, 'modelPortfolios'))
  koa.use((ctx) => {
    const byVendor = (tokens: typeof ctx.state.vendorTokens) =>
      Object.fromEntries(
        Object.entries(tokens).map(([name, token]) => [name, fingerprint(token.accessToken)]),
      )
    ctx.body = {
      current: fingerprint(ctx.state.vendorToken.accessToken),
      state: byVendor(ctx.state.vendorTokens),
      request: byVendor(ctx.request.vendorTokens),
    }
  })
  app = await listen(koa.callback())
})

afterEach(async () => {
  await app.close()
  await manager.close()
  await emulator.close()
})

test('several mounted vendors: each under vendorTokens[name], vendorToken is the last one', async () => {
  const response = await fetch(`${app.url}/`)
  const body = (await response.json()) as {
    current: string
    state: Record<string, string>
    request: Record<string, string>
  }

  expect(response.status).toBe(200)
  expect(Object.keys(body.state).sort()).toEqual(['bridgeft', 'modelPortfolios'])
  expect(body.request).toEqual(body.state)
  expect(body.state.bridgeft).not.toBe(body.state.modelPortfolios)
  expect(body.current).toBe(body.state.modelPortfolios)
})
