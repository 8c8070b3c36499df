import { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { vendorToken } from '@vendor-token/express'
import { bridgeft, modelPortfolios } from '@vendor-token/vendors'
import express from 'express'
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
  const server = express()
  server.use(vendorToken(manager, 'bridgeft'))
  server.get('/both', vendorToken(manager, 'modelPortfolios'), (req, res) => {
    res.json({
      current: fingerprint(req.vendorToken.accessToken),
      byVendor: Object.fromEntries(
        Object.entries(req.vendorTokens).map(([vendor, token]) => [
          vendor,
          fingerprint(token.accessToken),
        ]),
      ),
    })
  })
  app = await listen(server)
})

afterEach(async () => {
  await app.close()
  await manager.close()
  await emulator.close()
})

test('several mounted vendors: each under vendorTokens[name], vendorToken is the last one', async () => {
  const response = await fetch(`${app.url}/both`)
  const body = (await response.json()) as { current: string; byVendor: Record<string, string> }

  expect(response.status).toBe(200)
  expect(Object.keys(body.byVendor).sort()).toEqual(['bridgeft', 'modelPortfolios'])
  expect(body.byVendor.bridgeft).not.toBe(body.byVendor.modelPortfolios)
  expect(body.current).toBe(body.byVendor.modelPortfolios)
})
