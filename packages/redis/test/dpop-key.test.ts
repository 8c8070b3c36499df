import { randomBytes } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { clientCredentials, TokenManager } from '@vendor-token/core'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisTokenStore } from '../src/index.js'
import { adminClient, deleteKeys, REDIS_URL, testKey, uniquePrefix } from './helpers/redis.js'

/** A loopback server that records the DPoP headers it sees; token requests get a DPoP token. */
async function startServer() {
  const dpopHeaders: { path: string; dpop: IncomingHttpHeaders['dpop'] }[] = []
  const server: Server = createServer((req, res) => {
    dpopHeaders.push({ path: req.url ?? '/', dpop: req.headers.dpop })
    req.resume()
    const token = {
      access_token: randomBytes(16).toString('hex'),
      token_type: 'DPoP',
      expires_in: 3600,
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(req.url === '/token' ? token : { ok: true }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, dpopHeaders, close: () => new Promise((resolve) => server.close(resolve)) }
}

const jwkOf = (proof: unknown) =>
  JSON.parse(Buffer.from(String(proof).split('.')[0]!, 'base64url').toString()).jwk

describe('a DPoP-bound token in Redis', () => {
  const prefix = uniquePrefix('dpop')
  const encryptionKey = testKey()
  let admin: Redis
  let server: Awaited<ReturnType<typeof startServer>>

  beforeAll(async () => {
    admin = adminClient()
    server = await startServer()
  })
  afterAll(async () => {
    await deleteKeys(admin, prefix)
    admin.disconnect()
    await server.close()
  })

  it('carries its key, encrypted, so a second instance signs proofs with the same key', async () => {
    const instance = () => {
      const manager = new TokenManager({
        store: new RedisTokenStore({ redis: REDIS_URL, prefix, encryptionKey }),
        retry: { retries: 0 },
      })
      // Each instance's source generates its own DPoP key.
      manager.register(
        'acme',
        clientCredentials({
          tokenUrl: `${server.url}/token`,
          clientId: 'c',
          clientSecret: 's',
          dpop: true,
        }),
      )
      return manager
    }
    const first = instance()
    const second = instance()
    try {
      const token = await first.getToken('acme')
      const raw = JSON.stringify(await admin.hgetall(`${prefix}token:acme`))
      expect(raw).not.toContain(token.accessToken)
      expect(raw).not.toContain('"d"')
      expect(raw).not.toContain('P-256')

      const response = await second.fetch('acme', `${server.url}/resource`)
      expect(response.status).toBe(200)
      const tokenRequests = server.dpopHeaders.filter((h) => h.path === '/token')
      expect(tokenRequests).toHaveLength(1)
      const resource = server.dpopHeaders.find((h) => h.path === '/resource')
      expect(jwkOf(resource!.dpop)).toEqual(jwkOf(tokenRequests[0]!.dpop))
    } finally {
      await first.close()
      await second.close()
    }
  })
})
