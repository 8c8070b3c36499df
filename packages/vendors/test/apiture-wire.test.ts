import { InvalidParamsError, TokenManager } from '@vendor-token/core'
import { basicCredentials } from '@vendor-token/core/adapter'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiture } from '../src/index.js'
import { type CaptureServer, startCaptureServer } from './helpers/capture-server.js'

// The exact bytes the Apiture preset sends, as a server written from the doc sees them.
let server: CaptureServer
let manager: TokenManager
let issuer: string

beforeEach(async () => {
  server = await startCaptureServer()
  issuer = `${server.url}/oidc`
  server.answer((request) => {
    if (request.url === '/oidc/.well-known/openid-configuration') {
      // The token endpoint lives somewhere a guess would not find: it must be discovered.
      return { body: { issuer, token_endpoint: `${server.url}/somewhere/else/token` } }
    }
    const scope = new URLSearchParams(request.body).get('scope')
    return {
      body: {
        access_token: `opaque-${server.requests.length}`,
        token_type: 'Bearer',
        expires_in: 3600,
        scope,
      },
    }
  })
  manager = new TokenManager({ retry: { retries: 0 } })
  manager.register(
    'apiture',
    apiture({
      clientId: 'app-id',
      clientSecret: 'app-secret',
      issuer,
      scopes: ['banking/write', 'banking/read'],
    }),
  )
})

afterEach(async () => {
  await manager.close()
  await server.close()
})

describe('apiture on the wire', () => {
  it('GETs {issuer}/.well-known/openid-configuration, then POSTs to its token_endpoint', async () => {
    await manager.getToken('apiture')
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /oidc/.well-known/openid-configuration',
      'POST /somewhere/else/token',
    ])
  })

  it('sends the Basic header AND client_id, client_secret, scope (space separated), grant_type as a form', async () => {
    await manager.getToken('apiture')
    const request = server.requests[1]!
    const expected = `Basic ${Buffer.from('app-id:app-secret').toString('base64')}`
    expect(request.headers.authorization).toBe(expected)
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded')
    const form = new URLSearchParams(request.body)
    expect(Object.fromEntries(form)).toStrictEqual({
      client_id: 'app-id',
      client_secret: 'app-secret',
      scope: 'banking/read banking/write',
      grant_type: 'client_credentials',
    })
  })

  it('encodes the Basic header as the doc says: base64 of the plain text client-id:client-secret', async () => {
    const secret = 'p+ss/w=rd%2B:x'
    const other = new TokenManager({ retry: { retries: 0 } })
    try {
      other.register(
        'apiture',
        apiture({ clientId: 'app id', clientSecret: secret, issuer, scopes: ['banking/read'] }),
      )
      await other.getToken('apiture')
      const request = server.requests.find((r) => r.method === 'POST')!
      expect(request.headers.authorization).toBe(
        `Basic ${Buffer.from(`app id:${secret}`).toString('base64')}`,
      )
      expect(request.headers.authorization).not.toBe(basicCredentials('app id', secret)) // not RFC 6749 2.3.1
      const form = new URLSearchParams(request.body)
      expect(form.get('client_id')).toBe('app id')
      expect(form.get('client_secret')).toBe(secret)
    } finally {
      await other.close()
    }
  })

  it('keeps the discovered endpoint: later tokens make no new discovery request', async () => {
    await manager.getToken('apiture')
    await manager.getToken('apiture', { scopes: ['banking/read'] })
    expect(server.requests.filter((request) => request.method === 'GET')).toHaveLength(1)
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(2)
  })

  it('params.scopes override the configured scopes and the answer\u2019s scope is on the token', async () => {
    const token = await manager.getToken('apiture', { scopes: ['banking/read'] })
    expect(new URLSearchParams(server.requests[1]!.body).get('scope')).toBe('banking/read')
    expect(token.scope).toBe('banking/read')
  })

  it.each([[[]], [['']], [['banking/read banking/write']], ['banking/read']])(
    'refuses scopes %j before any request',
    async (scopes) => {
      const error = await manager
        .getToken('apiture', { scopes: scopes as unknown as string[] })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidParamsError)
      expect((error as InvalidParamsError).vendor).toBe('apiture')
      expect(server.requests).toHaveLength(0)
    },
  )

  it('refuses params Apiture cannot send (firmIds) before any request', async () => {
    await expect(manager.getToken('apiture', { firmIds: [39] })).rejects.toThrow(
      /unsupported param "firmIds"/,
    )
    expect(server.requests).toHaveLength(0)
  })
})
