import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clientCredentials, InvalidParamsError, ManualClock, TokenManager } from '../src/index.js'
import { startTokenServer, type TokenServer } from './support/token-server.js'

describe('clientCredentials request shapes', () => {
  let server: TokenServer
  let manager: TokenManager
  const base = () => ({ tokenUrl: server.tokenUrl, clientId: 'id+1', clientSecret: 's:2' })

  beforeEach(async () => {
    server = await startTokenServer()
    manager = new TokenManager({ clock: new ManualClock() })
  })
  afterEach(async () => {
    await manager.close()
    await server.close()
  })

  it('post: credentials in the form body, no Basic header', async () => {
    manager.register('acme', clientCredentials({ ...base(), auth: 'post', scope: 'a b' }))
    await manager.getToken('acme')
    const [request] = server.requests
    expect(request!.headers.authorization).toBeUndefined()
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(Object.fromEntries(request!.form)).toEqual({
      grant_type: 'client_credentials',
      scope: 'a b',
      client_id: 'id+1',
      client_secret: 's:2',
    })
  })

  it("json: a JSON body with the vendor's headers", async () => {
    manager.register(
      'acme',
      clientCredentials({
        ...base(),
        auth: 'json',
        headers: { Accept: 'application/json; version=1.0.0' },
      }),
    )
    await manager.getToken('acme')
    const [request] = server.requests
    expect(request!.headers['content-type']).toBe('application/json')
    expect(request!.headers.accept).toBe('application/json; version=1.0.0')
    expect(JSON.parse(request!.body)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'id+1',
      client_secret: 's:2',
    })
  })

  it('basic_and_post: the Basic header and the form credentials', async () => {
    manager.register(
      'acme',
      clientCredentials({ ...base(), auth: 'basic_and_post', scope: ['x', 'y'] }),
    )
    await manager.getToken('acme')
    const [request] = server.requests
    expect(request!.headers.authorization).toMatch(/^Basic /)
    expect(request!.form.get('client_secret')).toBe('s:2')
    expect(request!.form.get('scope')).toBe('x y')
  })

  it('params.scopes override the default scope; extraParams and mapResponse apply', async () => {
    manager.register(
      'acme',
      clientCredentials({
        ...base(),
        scope: 'default',
        extraParams: (params): Record<string, string> =>
          Array.isArray(params.firmIds) ? { firm_ids: params.firmIds.join(',') } : {},
        mapResponse: (body) => {
          const b = body as Record<string, unknown>
          return { accessToken: b.AccessToken, tokenType: b.TokenType, expiresIn: b.ExpiresIn }
        },
      }),
    )
    server.setDefault(() => ({
      json: { AccessToken: 'pascal-case-token', TokenType: 'Bearer', ExpiresIn: 3600 },
    }))
    const token = await manager.getToken('acme', { scopes: ['read'], firmIds: [39, 792] })
    expect(token.accessToken).toBe('pascal-case-token')
    const [request] = server.requests
    expect(request!.form.get('scope')).toBe('read')
    expect(request!.form.get('firm_ids')).toBe('39,792')
  })

  it('normalizeParams of the source decides the key and what is sent', async () => {
    manager.register(
      'acme',
      clientCredentials({
        ...base(),
        // What a preset does with its own params (core leaves them as given): check and order.
        normalizeParams: (params, vendor) => {
          const ids = (params.firmIds as unknown[]).map(Number)
          if (ids.some(Number.isNaN)) throw new InvalidParamsError('firmIds: numbers', { vendor })
          return { ...params, firmIds: ids.sort((x, y) => x - y) }
        },
        extraParams: (params) => ({ firm_ids: String(params.firmIds) }),
      }),
    )
    const a = await manager.getToken('acme', { firmIds: ['39', 792] })
    const b = await manager.getToken('acme', { firmIds: [792, 39] })
    expect(b).toBe(a)
    expect(server.requests).toHaveLength(1)
    await expect(manager.getToken('acme', { firmIds: [{}] as never })).rejects.toMatchObject({
      code: 'invalid_params',
    })
  })
})
