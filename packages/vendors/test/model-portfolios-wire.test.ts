import { InvalidParamsError, TokenManager } from '@vendor-token/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { modelPortfolios, modelPortfoliosHeaders } from '../src/index.js'
import { type CaptureServer, startCaptureServer } from './helpers/capture-server.js'

// The exact bytes the model-portfolio preset sends, as a server written from the doc sees them.
let server: CaptureServer
let manager: TokenManager

/** The doc's answer, spelling included: { accessTtoken, expiresIn: 86400, tokenType: "bearer" }. */
const documented = { accessTtoken: 'mp-token-1', expiresIn: 86400, tokenType: 'bearer' }

beforeEach(async () => {
  server = await startCaptureServer()
  server.answer((request) =>
    request.url === '/oauth/token' ? { body: documented } : { body: { portfolios: [] } },
  )
  manager = new TokenManager({ retry: { retries: 0 } })
})

afterEach(async () => {
  await manager.close()
  await server.close()
})

function register(apiVersion?: string) {
  manager.register(
    'modelPortfolios',
    modelPortfolios({
      clientId: 'mp-id',
      clientSecret: 'mp-secret',
      baseUrl: `${server.url}/`,
      apiVersion,
    }),
  )
}

describe('modelPortfolios on the wire', () => {
  it('POSTs $BASE_URL/oauth/token with the doc\u2019s headers and exactly its JSON body', async () => {
    register()
    await manager.getToken('modelPortfolios')
    expect(server.requests).toHaveLength(1)
    const [request] = server.requests
    expect(request!.method).toBe('POST')
    expect(request!.url).toBe('/oauth/token')
    expect(request!.headers.accept).toBe('application/json; version=1.0.0')
    expect(request!.headers['content-type']).toBe('application/json')
    expect(request!.headers.authorization).toBeUndefined()
    expect(JSON.parse(request!.body)).toStrictEqual({
      client_id: 'mp-id',
      client_secret: 'mp-secret',
      grant_type: 'client_credentials',
    })
  })

  it('sends the configured apiVersion in Accept', async () => {
    register('2.1.0')
    await manager.getToken('modelPortfolios')
    expect(server.requests[0]!.headers.accept).toBe('application/json; version=2.1.0')
  })

  it('maps the documented accessTtoken spelling, lowercase bearer and the 24 h expiresIn', async () => {
    register()
    const token = await manager.getToken('modelPortfolios')
    expect(token.accessToken).toBe('mp-token-1')
    expect(token.tokenType).toBe('Bearer')
    expect(token.authorization).toBe('Bearer mp-token-1')
    expect(token.expiresAt - token.issuedAt).toBe(86_400_000)
  })

  it('also takes the corrected accessToken spelling', async () => {
    server.answer(() => ({
      body: { accessToken: 'mp-token-2', expiresIn: 86400, tokenType: 'bearer' },
    }))
    register()
    expect((await manager.getToken('modelPortfolios')).accessToken).toBe('mp-token-2')
  })

  it('an answer without expiresIn is taken to live the documented 24 hours', async () => {
    server.answer(() => ({ body: { accessTtoken: 'mp-token-3', tokenType: 'bearer' } }))
    register()
    const token = await manager.getToken('modelPortfolios')
    expect(token.expiresAt - token.issuedAt).toBe(86_400_000)
  })

  it('API calls carry the Accept version header from modelPortfoliosHeaders() and the Bearer token', async () => {
    register()
    const response = await manager.fetch('modelPortfolios', `${server.url}/model-portfolios`, {
      headers: modelPortfoliosHeaders(),
    })
    expect(response.status).toBe(200)
    const call = server.requests.find((request) => request.url === '/model-portfolios')
    expect(call?.method).toBe('GET')
    expect(call?.headers.accept).toBe('application/json; version=1.0.0')
    expect(call?.headers.authorization).toBe('Bearer mp-token-1')
  })

  it('refuses params the documented body cannot carry, before any request', async () => {
    register()
    for (const params of [{ scopes: ['read'] }, { firmIds: [39] }]) {
      await expect(manager.getToken('modelPortfolios', params)).rejects.toBeInstanceOf(
        InvalidParamsError,
      )
    }
    expect(server.requests).toHaveLength(0)
  })
})
