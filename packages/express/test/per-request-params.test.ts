import { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { vendorToken } from '@vendor-token/express'
import { bridgeft, bridgeftClaims } from '@vendor-token/vendors'
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
  const server = express()
  server.use(
    vendorToken(manager, 'bridgeft', {
      params: (req) => ({ firmIds: req.get('x-firm-ids')?.split(',') }),
    }),
  )
  server.get('/accounts', (req, res) => {
    res.json({
      token: fingerprint(req.vendorToken.accessToken),
      firmIds: bridgeftClaims(req.vendorToken)?.app.firm_ids,
    })
  })
  app = await listen(server)
})

afterEach(async () => {
  await app.close()
  await manager.close()
  await emulator.close()
})

async function accounts(firmIds: string): Promise<{ token: string; firmIds: number[] }> {
  const response = await fetch(`${app.url}/accounts`, { headers: { 'x-firm-ids': firmIds } })
  expect(response.status).toBe(200)
  return (await response.json()) as { token: string; firmIds: number[] }
}

test('firm ids from a header get their own token per set of firms', async () => {
  const first = await accounts('39,792')
  const other = await accounts('17')
  const sameFirmsReordered = await accounts('792,39')

  expect(first.firmIds).toEqual([39, 792])
  expect(other.firmIds).toEqual([17])
  expect(other.token).not.toBe(first.token)
  expect(sameFirmsReordered.token).toBe(first.token)
  expect(emulator.stats('bridgeft').tokenRequests).toBe(2)
})

test('params the vendor cannot take are answered 400 without a token request', async () => {
  const response = await fetch(`${app.url}/accounts`, { headers: { 'x-firm-ids': 'not-a-firm' } })

  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({ error: 'invalid_params' })
  expect(emulator.stats('bridgeft').tokenRequests).toBe(0)
})
