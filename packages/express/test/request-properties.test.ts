import { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { vendorToken } from '@vendor-token/express'
import { fingerprint, listen, type RunningApp } from '@vendor-token/test-utils'
import { bridgeft } from '@vendor-token/vendors'
import express from 'express'
import { afterEach, beforeEach, expect, test } from 'vitest'

let emulator: Emulator
let manager: TokenManager
let app: RunningApp

beforeEach(async () => {
  emulator = await startEmulator()
  manager = new TokenManager()
  manager.register('bridgeft', bridgeft(emulator.vendors.bridgeft))
  const api = express() // a sub-app: Express swaps the request's prototype on the way in
  api.get('/token', (req, res) => {
    const seen = req.vendorToken
    const own = Object.hasOwn(req, 'vendorToken')
    req.vendorToken = seen // assigning works like a plain property
    res.json({
      token: fingerprint(req.vendorToken.accessToken),
      same: req.vendorToken === seen,
      own,
    })
  })
  api.get('/locals', (req, res) => {
    res.json({ token: Boolean(req.vendorToken), keys: Object.keys(res.locals), locals: res.locals })
  })
  const server = express()
  server.get('/none', (req, res) => {
    res.json({ token: req.vendorToken ?? null, tokens: req.vendorTokens ?? null })
  })
  server.use('/api', vendorToken(manager, 'bridgeft'), api)
  app = await listen(server)
})

afterEach(async () => {
  await app.close()
  await manager.close()
  await emulator.close()
})

test('req.vendorToken reads and writes like a property, without being an own property', async () => {
  const response = await fetch(`${app.url}/api/token`)

  expect(response.status).toBe(200)
  expect(await response.json()).toMatchObject({ same: true, own: false, token: expect.any(String) })
})

test('a request that did not pass the middleware has no token, even after others did', async () => {
  await fetch(`${app.url}/api/token`)
  const response = await fetch(`${app.url}/none`)

  expect(await response.json()).toEqual({ token: null, tokens: null })
})

test('the token is kept out of what templates see in res.locals', async () => {
  const response = await fetch(`${app.url}/api/locals`)

  expect(await response.json()).toEqual({ token: true, keys: [], locals: {} })
})
