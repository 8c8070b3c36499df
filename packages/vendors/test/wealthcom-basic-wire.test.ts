import { InvalidParamsError, TokenManager } from '@vendor-token/core'
import { basicCredentials } from '@vendor-token/core/adapter'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { wealthcom } from '../src/index.js'
import { WEALTHCOM_BASIC_LIFETIME_SECONDS } from '../src/wealthcom-basic.js'
import { type CaptureServer, startCaptureServer } from './helpers/capture-server.js'

let server: CaptureServer
let manager: TokenManager

beforeEach(async () => {
  server = await startCaptureServer()
  server.answer(() => ({ status: 201, body: { id: 'client-1' } }))
  manager = new TokenManager()
})

afterEach(async () => {
  await manager.close()
  await server.close()
})

describe('wealthcom.basic', () => {
  it('is RFC 7617 Basic: base64 of username:password (the RFC\u2019s Aladdin example), no request', async () => {
    manager.register('wealthcom', wealthcom.basic({ username: 'Aladdin', password: 'open sesame' }))
    const token = await manager.getToken('wealthcom')
    expect(token.tokenType).toBe('Basic')
    expect(token.accessToken).toBe('QWxhZGRpbjpvcGVuIHNlc2FtZQ==')
    expect(token.authorization).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')
    expect(token.expiresAt - token.issuedAt).toBe(WEALTHCOM_BASIC_LIFETIME_SECONDS * 1000)
    expect(server.requests).toHaveLength(0)
  })

  it('encodes the password as UTF-8 and NOT form-urlencoded (unlike OAuth client credentials)', async () => {
    const password = 'p@ss w+rd%:£'
    manager.register('wealthcom', wealthcom.basic({ username: 'test', password }))
    const token = await manager.getToken('wealthcom')
    expect(Buffer.from(token.accessToken, 'base64').toString('utf8')).toBe(`test:${password}`)
    expect(token.authorization).not.toBe(basicCredentials('test', password))
  })

  it('sends Authorization: Basic on the Advisor API call, e.g. POST /v1/clients/ as in the doc', async () => {
    manager.register('wealthcom', wealthcom.basic({ username: 'advisor', password: 'secret' }))
    const response = await manager.fetch('wealthcom', `${server.url}/v1/clients/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advisor_id: 'cn4910ny98ec9vb3ghj', team_id: 'cn4910ny98ec9vb3ghj' }),
    })
    expect(response.status).toBe(201)
    const [call] = server.requests
    expect(call!.url).toBe('/v1/clients/')
    expect(call!.headers.authorization).toBe(
      `Basic ${Buffer.from('advisor:secret').toString('base64')}`,
    )
    expect(JSON.parse(call!.body)).toEqual({
      advisor_id: 'cn4910ny98ec9vb3ghj',
      team_id: 'cn4910ny98ec9vb3ghj',
    })
  })

  it('logging the token shows no password', async () => {
    manager.register(
      'wealthcom',
      wealthcom.basic({ username: 'advisor', password: 'hunter2-secret' }),
    )
    const token = await manager.getToken('wealthcom')
    const encoded = Buffer.from('advisor:hunter2-secret').toString('base64')
    expect(JSON.stringify(token)).not.toContain(encoded)
    expect(String(token)).not.toContain(encoded)
  })

  it('takes no params', async () => {
    manager.register('wealthcom', wealthcom.basic({ username: 'advisor', password: 'secret' }))
    await expect(manager.getToken('wealthcom', { scopes: ['openid'] })).rejects.toBeInstanceOf(
      InvalidParamsError,
    )
  })
})
