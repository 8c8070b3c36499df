import { createHash, generateKeyPairSync } from 'node:crypto'
import { inspect } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  clientCredentials,
  ManualClock,
  MemoryTokenStore,
  TokenManager,
  TokenRequestRejectedError,
} from '../src/index.js'
import { type DecodedJws, verifyJws } from './support/jws.js'
import { startResourceServer } from './support/resource-server.js'
import { startTokenServer, type TokenServer, tokenBody } from './support/token-server.js'

/** Verifies a DPoP proof with the key in its own header (RFC 9449 4.3 step 6). */
function proofOf(header: string | string[] | undefined): DecodedJws {
  expect(typeof header).toBe('string')
  const jwk = JSON.parse(Buffer.from(String(header).split('.')[0]!, 'base64url').toString()).jwk
  return verifyJws(String(header), jwk)
}
const NONCE_ERROR = { status: 400, json: { error: 'use_dpop_nonce' } }

describe('dpop: true (RFC 9449)', () => {
  let server: TokenServer
  let clock: ManualClock
  let manager: TokenManager

  beforeEach(async () => {
    server = await startTokenServer()
    server.setDefault(() => ({ json: tokenBody({ token_type: 'DPoP' }) }))
    clock = new ManualClock(1_800_000_000_000)
    manager = new TokenManager({ clock, retry: { retries: 0 } })
  })
  afterEach(async () => {
    await manager.close()
    await server.close()
  })
  const register = (target = manager) =>
    target.register(
      'acme',
      clientCredentials({
        tokenUrl: `${server.tokenUrl}?tenant=1#x`,
        clientId: 'c',
        clientSecret: 's',
        dpop: true,
      }),
    )

  it('sends a proof with each token request and keeps token_type DPoP', async () => {
    register()
    const token = await manager.getToken('acme')
    expect(token.tokenType).toBe('DPoP')
    expect(token.authorization).toBe(`DPoP ${token.accessToken}`)
    const { header, payload } = proofOf(server.requests[0]!.headers.dpop)
    expect(header).toMatchObject({
      typ: 'dpop+jwt',
      alg: 'ES256',
      jwk: { kty: 'EC', crv: 'P-256' },
    })
    expect(header.jwk).not.toHaveProperty('d')
    expect(payload).toMatchObject({ htm: 'POST', htu: server.tokenUrl, iat: 1_800_000_000 })
    expect(payload.jti).toEqual(expect.any(String))
    expect(payload).not.toHaveProperty('ath')
  })

  it('answers use_dpop_nonce with exactly one retry carrying the nonce, and remembers it', async () => {
    register()
    server.script({ ...NONCE_ERROR, headers: { 'dpop-nonce': 'n-1' } })
    await manager.getToken('acme')
    expect(server.requests).toHaveLength(2)
    expect(proofOf(server.requests[0]!.headers.dpop).payload.nonce).toBeUndefined()
    const retry = proofOf(server.requests[1]!.headers.dpop).payload
    expect(retry.nonce).toBe('n-1')
    expect(retry.jti).not.toBe(proofOf(server.requests[0]!.headers.dpop).payload.jti)
    await manager.invalidate('acme')
    await manager.getToken('acme')
    expect(server.requests).toHaveLength(3)
    expect(proofOf(server.requests[2]!.headers.dpop).payload.nonce).toBe('n-1')
  })

  it('never loops: a second use_dpop_nonce is the typed rejection', async () => {
    register()
    server.script(
      { ...NONCE_ERROR, headers: { 'dpop-nonce': 'n-1' } },
      { ...NONCE_ERROR, headers: { 'dpop-nonce': 'n-2' } },
    )
    const error = await manager.getToken('acme').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TokenRequestRejectedError)
    expect(error).toMatchObject({ oauthError: 'use_dpop_nonce' })
    expect(server.requests).toHaveLength(2)
  })

  it('keeps a Bearer answer a plain bearer token (no proof on resource requests)', async () => {
    register()
    server.script({ json: tokenBody() })
    const resource = await startResourceServer(() => ({ status: 200 }))
    try {
      const token = await manager.getToken('acme')
      expect(token.tokenType).toBe('Bearer')
      await manager.fetch('acme', `${resource.url}/data`)
      expect(resource.requests[0]!.headers.authorization).toBe(`Bearer ${token.accessToken}`)
      expect(resource.requests[0]!.headers.dpop).toBeUndefined()
    } finally {
      await resource.close()
    }
  })

  describe('manager.fetch', () => {
    it('sends Authorization: DPoP with a fresh proof (htm, htu without query, ath)', async () => {
      register()
      const resource = await startResourceServer(() => ({ status: 200 }))
      try {
        await manager.fetch('acme', `${resource.url}/accounts?page=2#top`, { method: 'post' })
        await manager.fetch('acme', `${resource.url}/accounts`)
        const token = await manager.getToken('acme')
        const [first, second] = resource.requests
        expect(first!.headers.authorization).toBe(`DPoP ${token.accessToken}`)
        const proof = proofOf(first!.headers.dpop)
        const ath = createHash('sha256').update(token.accessToken).digest('base64url')
        expect(proof.payload).toMatchObject({ htm: 'POST', htu: `${resource.url}/accounts`, ath })
        // The same key as the token request's proof: the token is bound to it.
        expect(proof.header.jwk).toEqual(proofOf(server.requests[0]!.headers.dpop).header.jwk)
        expect(proofOf(second!.headers.dpop).payload.jti).not.toBe(proof.payload.jti)
      } finally {
        await resource.close()
      }
    })

    it("retries a 401 use_dpop_nonce once with the server's nonce, remembered per origin", async () => {
      register()
      const resource = await startResourceServer((index) =>
        index === 0
          ? {
              status: 401,
              headers: {
                'www-authenticate': 'DPoP error="use_dpop_nonce", algs="ES256"',
                'dpop-nonce': 'rs-1',
              },
            }
          : { status: 200 },
      )
      try {
        const response = await manager.fetch('acme', `${resource.url}/a`)
        expect(response.status).toBe(200)
        await manager.fetch('acme', `${resource.url}/b`)
        const nonces = resource.requests.map((r) => proofOf(r.headers.dpop).payload.nonce)
        expect(nonces).toEqual([undefined, 'rs-1', 'rs-1'])
        expect(server.requests).toHaveLength(1) // a nonce retry keeps the token
      } finally {
        await resource.close()
      }
    })

    it('never loops when the resource server keeps asking for a new nonce', async () => {
      register()
      const resource = await startResourceServer((index) => ({
        status: 401,
        headers: {
          'www-authenticate': 'DPoP error="use_dpop_nonce"',
          'dpop-nonce': `rs-${index}`,
        },
      }))
      try {
        const response = await manager.fetch('acme', `${resource.url}/a`)
        expect(response.status).toBe(401)
        // One nonce retry, then the usual one retry with a fresh token after a 401.
        expect(resource.requests).toHaveLength(3)
      } finally {
        await resource.close()
      }
    })
  })

  it('a token from a shared store is used with the key it is bound to (another instance)', async () => {
    const store = new MemoryTokenStore(() => clock.now())
    const first = new TokenManager({ clock, store, retry: { retries: 0 } })
    const second = new TokenManager({ clock, store, retry: { retries: 0 } })
    const resource = await startResourceServer(() => ({ status: 200 }))
    try {
      register(first)
      register(second)
      await first.getToken('acme')
      await second.fetch('acme', `${resource.url}/x`)
      expect(server.requests).toHaveLength(1)
      const bound = proofOf(server.requests[0]!.headers.dpop).header.jwk
      expect(proofOf(resource.requests[0]!.headers.dpop).header.jwk).toEqual(bound)
    } finally {
      await resource.close()
      await first.close()
      await second.close()
    }
  })

  it('never shows the DPoP private key or a proof in JSON, inspect or status()', async () => {
    const source = clientCredentials({
      tokenUrl: server.tokenUrl,
      clientId: 'c',
      clientSecret: 's',
      dpop: true,
    })
    manager.register('acme', source)
    const token = await manager.getToken('acme')
    const proof = String(server.requests[0]!.headers.dpop)
    const views = [
      JSON.stringify(token),
      inspect(token, { depth: 10, showHidden: true }),
      String(token),
      JSON.stringify(source),
      inspect(source, { depth: 10, showHidden: true }),
      JSON.stringify(manager.status()),
      inspect(manager, { depth: 10 }),
    ].join('\n')
    expect(views).not.toContain(proof.split('.')[2]!)
    expect(views).not.toMatch(/"d"\s*:/)
    expect(views).not.toContain(token.accessToken)
    expect(JSON.parse(JSON.stringify(source))).toMatchObject({ dpop: true })
  })

  it('signs with your own key: dpop: { privateKey } (an RSA key signs RS256)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    manager.register(
      'acme',
      clientCredentials({
        tokenUrl: server.tokenUrl,
        clientId: 'c',
        clientSecret: 's',
        dpop: { privateKey },
      }),
    )
    await manager.getToken('acme')
    const proof = String(server.requests[0]!.headers.dpop)
    const { header } = verifyJws(proof, publicKey)
    expect(header).toMatchObject({
      alg: 'RS256',
      jwk: { kty: 'RSA', n: publicKey.export({ format: 'jwk' }).n },
    })
  })
})
