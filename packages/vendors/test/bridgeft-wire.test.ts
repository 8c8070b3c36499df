import { InvalidParamsError, InvalidTokenResponseError, TokenManager } from '@vendor-token/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bridgeft, bridgeftClaims } from '../src/index.js'
import { type CaptureServer, fakeJwt, startCaptureServer } from './helpers/capture-server.js'

// The exact bytes the BridgeFT preset sends, as a server written from the doc sees them.
let server: CaptureServer
let manager: TokenManager

/** The doc's example token payload, scoped to `firmIds` (null: all firms). */
function bridgeftJwt(firmIds: unknown, clientId = 'BridgeFT') {
  const iat = Math.floor(Date.now() / 1000)
  return fakeJwt({
    app: {
      application_id: 1,
      application_name: 'BridgeFT Sample Client',
      client_id: clientId,
      firm_ids: firmIds,
      organization_id: 1,
    },
    aud: ['bridgeft/api'],
    exp: iat + 3600,
    iat,
    iss: 'api.bridgeft.com/v2/oauth2/token',
    sub: clientId,
  })
}

beforeEach(async () => {
  server = await startCaptureServer()
  server.answer((request) => {
    const firmIds = new URLSearchParams(request.body).get('firm_ids')
    const ids = firmIds === null ? null : firmIds.split(',').map((id) => Number(id.trim()))
    return { body: { TokenType: 'Bearer', ExpiresIn: 3600, AccessToken: bridgeftJwt(ids) } }
  })
  manager = new TokenManager({ retry: { retries: 0 } })
  // The doc's example credentials: BridgeFT / WealthTech.
  manager.register(
    'bridgeft',
    bridgeft({ clientId: 'BridgeFT', clientSecret: 'WealthTech', baseUrl: server.url }),
  )
})

afterEach(async () => {
  await manager.close()
  await server.close()
})

describe('bridgeft on the wire', () => {
  it('POSTs /v2/oauth2/token with the doc\u2019s Basic header and a form body grant_type=client_credentials', async () => {
    await manager.getToken('bridgeft')
    expect(server.requests).toHaveLength(1)
    const [request] = server.requests
    expect(request!.method).toBe('POST')
    expect(request!.url).toBe('/v2/oauth2/token')
    // "Authorization: Basic QnJpZGdlRlQ6V2VhbHRoVGVjaA==" for BridgeFT / WealthTech
    expect(request!.headers.authorization).toBe('Basic QnJpZGdlRlQ6V2VhbHRoVGVjaA==')
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(request!.body).toBe('grant_type=client_credentials')
  })

  it('sends firm_ids as the doc\u2019s comma separated list ("39, 792"), sorted', async () => {
    await manager.getToken('bridgeft', { firmIds: [792, '39'] })
    const form = new URLSearchParams(server.requests[0]!.body)
    expect(form.get('grant_type')).toBe('client_credentials')
    expect(form.get('firm_ids')).toBe('39, 792')
    expect([...form.keys()]).toEqual(['grant_type', 'firm_ids'])
  })

  it('maps the PascalCase answer { TokenType, ExpiresIn, AccessToken }', async () => {
    const token = await manager.getToken('bridgeft', { firmIds: [39, 792] })
    expect(token.tokenType).toBe('Bearer')
    expect(token.authorization).toBe(`Bearer ${token.accessToken}`)
    expect(token.accessToken.split('.')).toHaveLength(3)
    expect(token.expiresAt - token.issuedAt).toBeLessThanOrEqual(3600_000)
    expect(token.expiresAt - token.issuedAt).toBeGreaterThan(3598_000)
    expect(bridgeftClaims(token)?.app.firm_ids).toEqual([39, 792])
    expect(bridgeftClaims(token)?.iss).toBe('api.bridgeft.com/v2/oauth2/token')
  })

  it('an answer with neither ExpiresIn nor exp is taken to live the documented hour', async () => {
    server.answer(() => ({
      body: { TokenType: 'Bearer', AccessToken: fakeJwt({ sub: 'BridgeFT' }) },
    }))
    const token = await manager.getToken('bridgeft')
    expect(token.expiresAt - token.issuedAt).toBe(3600_000)
  })

  it('does not take RFC 6749 snake_case names for BridgeFT (the doc answers PascalCase only)', async () => {
    server.answer(() => ({
      body: { token_type: 'Bearer', expires_in: 3600, access_token: bridgeftJwt(null) },
    }))
    await expect(manager.getToken('bridgeft')).rejects.toBeInstanceOf(InvalidTokenResponseError)
  })

  it('refuses a scoped request\u2019s token that is not scoped to exactly those firms', async () => {
    server.answer(() => ({
      body: { TokenType: 'Bearer', ExpiresIn: 3600, AccessToken: bridgeftJwt(null) },
    }))
    const error = await manager.getToken('bridgeft', { firmIds: [39] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidTokenResponseError)
    expect((error as InvalidTokenResponseError).vendor).toBe('bridgeft')
    expect((error as Error).message).toMatch(/not scoped to the requested firm_ids 39/)
    server.answer(() => ({
      body: { TokenType: 'Bearer', ExpiresIn: 3600, AccessToken: bridgeftJwt([39, 40]) },
    }))
    await expect(manager.getToken('bridgeft', { firmIds: ['41', 39] })).rejects.toThrow(
      /not scoped to the requested firm_ids 39, 41 \(app.firm_ids: \[39,40\]\)/,
    )
    expect(server.requests).toHaveLength(2)
  })

  it.each([[['x']], [[0]], [[-39]], [[39.5]], [['39a']], [[]], ['39, 792']])(
    'refuses firmIds %j before any request',
    async (firmIds) => {
      const error = await manager
        .getToken('bridgeft', { firmIds: firmIds as unknown as number[] })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidParamsError)
      expect((error as InvalidParamsError).vendor).toBe('bridgeft')
      expect((error as Error).message).toMatch(/firmIds must be .*positive integers/)
      expect(server.requests).toHaveLength(0)
    },
  )

  it('refuses params BridgeFT cannot send (scopes) before any request', async () => {
    await expect(manager.getToken('bridgeft', { scopes: ['read'] })).rejects.toThrow(
      /unsupported param "scopes"/,
    )
    expect(server.requests).toHaveLength(0)
  })
})
