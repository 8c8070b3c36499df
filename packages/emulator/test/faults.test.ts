import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, InvalidFaultError, startEmulator } from '../src/index.js'
import { formBasic, postForm } from './support.js'

let emulator: Emulator

function bridgeftToken(): Promise<Response> {
  const { tokenUrl, clientId, clientSecret } = emulator.vendors.bridgeft
  return postForm(
    tokenUrl,
    { grant_type: 'client_credentials' },
    { authorization: formBasic(clientId, clientSecret) },
  )
}

function apitureToken(init: RequestInit = {}): Promise<Response> {
  const { issuer, clientId, clientSecret } = emulator.vendors.apiture
  return fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: formBasic(clientId, clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=banking%2Fread',
    ...init,
  })
}

beforeAll(async () => {
  emulator = await startEmulator()
})
afterEach(() => emulator.clearFaults())
afterAll(() => emulator.close())

describe('status faults', () => {
  it('503 with Retry-After for `times` requests, then the normal answer (recovery)', async () => {
    emulator.fault('bridgeft', { status: 503, retryAfterSeconds: 2, times: 2 })
    for (let i = 0; i < 2; i++) {
      const res = await bridgeftToken()
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('2')
      expect(await res.json()).toMatchObject({ error: 'temporarily_unavailable' })
    }
    expect((await bridgeftToken()).status).toBe(200)
  })

  it('429 with Retry-After and 500 with a custom body, on an oidc-provider vendor too', async () => {
    emulator.fault('apiture', { status: 429, retryAfterSeconds: 7 })
    const limited = await apitureToken()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    emulator.fault('apiture', { status: 500, body: 'upstream exploded' })
    const failed = await apitureToken()
    expect(failed.status).toBe(500)
    expect(await failed.text()).toBe('upstream exploded')
  })
})

describe('connection faults', () => {
  it('latency delays the normal answer', async () => {
    emulator.fault('bridgeft', { latencyMs: 20_000 })
    const { tokenUrl, clientId, clientSecret } = emulator.vendors.bridgeft
    const slow = fetch(tokenUrl, {
      method: 'POST',
      headers: {
        authorization: formBasic(clientId, clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
      signal: AbortSignal.timeout(300),
    })
    await expect(slow).rejects.toThrow()
    emulator.fault('bridgeft', { latencyMs: 30 })
    expect((await bridgeftToken()).status).toBe(200)
  })

  it('hang never answers', async () => {
    emulator.fault('apiture', { hang: true })
    await expect(apitureToken({ signal: AbortSignal.timeout(300) })).rejects.toThrow()
  })

  it('reset destroys the connection', async () => {
    emulator.fault('bridgeft', { reset: true, times: 1 })
    await expect(bridgeftToken()).rejects.toThrow(TypeError)
    expect((await bridgeftToken()).status).toBe(200)
  })
})

describe('body faults', () => {
  it('malformedJson answers 200 application/json that does not parse', async () => {
    emulator.fault('bridgeft', { malformedJson: true })
    const res = await bridgeftToken()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    await expect(res.json()).rejects.toThrow(SyntaxError)
  })

  it('contentType answers an HTML page with that content type', async () => {
    emulator.fault('modelPortfolios', { contentType: 'text/html' })
    const res = await fetch(emulator.vendors.modelPortfolios.tokenUrl, { method: 'POST' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html')
    expect(await res.text()).toContain('<html>')
  })

  it('missingFields drops the token field of each dialect (own server and oidc-provider)', async () => {
    emulator.fault('bridgeft', { missingFields: true })
    const bridge = (await (await bridgeftToken()).json()) as Record<string, unknown>
    expect(bridge).toEqual({ TokenType: 'Bearer', ExpiresIn: 3600 })
    emulator.fault('apiture', { missingFields: true })
    const res = await apitureToken()
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).not.toHaveProperty('access_token')
    expect(body).toMatchObject({ token_type: 'Bearer' })
  })

  it('hugeBodyBytes sends about that many bytes of valid JSON, chunked', async () => {
    emulator.fault('bridgeft', { hugeBodyBytes: 10 * 1024 * 1024 })
    const res = await bridgeftToken()
    expect(res.headers.get('content-length')).toBeNull()
    const text = await res.text()
    expect(text.length).toBeGreaterThanOrEqual(10 * 1024 * 1024 - 100)
    expect(JSON.parse(text)).toMatchObject({ TokenType: 'Bearer', AccessToken: expect.any(String) })
  })

  it('trickleMs sends the headers and then the body one byte at a time', async () => {
    emulator.fault('bridgeft', { trickleMs: 1000 })
    const { tokenUrl, clientId, clientSecret } = emulator.vendors.bridgeft
    const res = await fetch(tokenUrl, {
      method: 'POST',
      headers: {
        authorization: formBasic(clientId, clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
      signal: AbortSignal.timeout(1500),
    })
    expect(res.status).toBe(200)
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(100)
    // At one byte a second the body cannot be complete before the request's timeout.
    await expect(res.text()).rejects.toThrow()
  })

  it('trickleMs through oidc-provider still delivers the whole valid answer', async () => {
    emulator.fault('apiture', { trickleMs: 1 })
    const res = await apitureToken()
    expect(JSON.parse(await res.text())).toMatchObject({ access_token: expect.any(String) })
  })
})

describe('lifetime and targeting', () => {
  it('tokenTtlSeconds overrides the lifetime of the tokens issued meanwhile', async () => {
    emulator.fault('bridgeft', { tokenTtlSeconds: 5 })
    const { AccessToken, ExpiresIn } = (await (await bridgeftToken()).json()) as {
      AccessToken: string
      ExpiresIn: number
    }
    expect(ExpiresIn).toBe(5)
    const payload = JSON.parse(Buffer.from(AccessToken.split('.')[1]!, 'base64url').toString())
    expect(payload.exp - payload.iat).toBe(5)
    emulator.fault('apiture', { tokenTtlSeconds: 7 })
    expect(((await (await apitureToken()).json()) as { expires_in: number }).expires_in).toBe(7)
  })

  it('on: resource / jwks / discovery hit only that endpoint', async () => {
    emulator.fault('bridgeft', { on: 'resource', status: 503 })
    const { AccessToken } = (await (await bridgeftToken()).json()) as { AccessToken: string }
    const accounts = await fetch(`${emulator.vendors.bridgeft.baseUrl}/v2/accounts`, {
      headers: { authorization: `Bearer ${AccessToken}` },
    })
    expect(accounts.status).toBe(503)
    emulator.fault('bridgeft', { on: 'jwks', status: 500 })
    expect((await fetch(emulator.vendors.bridgeft.jwksUri)).status).toBe(500)
    emulator.fault('wealthcom', { on: 'jwks', malformedJson: true })
    await expect((await fetch(emulator.vendors.wealthcom.jwksUri)).json()).rejects.toThrow(
      SyntaxError,
    )
    emulator.fault('apiture', { on: 'discovery', status: 503 })
    expect(
      (await fetch(`${emulator.vendors.apiture.issuer}/.well-known/openid-configuration`)).status,
    ).toBe(503)
    expect((await apitureToken()).status).toBe(200)
  })

  it('a new fault replaces the old one; clearFaults(vendor) clears it', async () => {
    emulator.fault('bridgeft', { status: 500 })
    emulator.fault('bridgeft', { status: 429 })
    expect((await bridgeftToken()).status).toBe(429)
    emulator.clearFaults('bridgeft')
    expect((await bridgeftToken()).status).toBe(200)
  })

  it('refuses an invalid spec or an unknown vendor', () => {
    expect(() => emulator.fault('bridgeft', { times: 0 })).toThrow(InvalidFaultError)
    expect(() => emulator.fault('bridgeft', { on: 'elsewhere' as 'token' })).toThrow(
      InvalidFaultError,
    )
    expect(() => emulator.fault('bridgeft', { status: 99 })).toThrow(InvalidFaultError)
    expect(() => emulator.fault('nobody' as 'bridgeft', {})).toThrow(TypeError)
  })
})
