import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createVerifier, type Verifier, type VerifyError } from '@vendor-token/verify'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeClock } from './support/fake-clock.js'
import { ISSUER, makeKey, signToken, type TestKey } from './support/keys.js'

const MB = 1024 * 1024

/**
 * A real HTTP server whose JWKS is either a good key set or a never-ending one: `size` bytes of
 * a syntactically plausible key set, sent chunked (no Content-Length) 64 KB at a time, each
 * chunk written only when the socket drained, so the server itself holds almost nothing.
 */
async function startHugeJwks(good: TestKey, size: number) {
  const state = { huge: false, sent: 0, requests: 0 }
  const chunk = Buffer.from(
    `{"kty":"RSA","kid":"pad","n":"${'A'.repeat(64 * 1024 - 40)}","e":"AQAB"},`,
  )
  const server: Server = createServer((request, response) => {
    state.requests++
    request.resume()
    if (!state.huge) {
      const body = JSON.stringify({ keys: [good.jwk] })
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      })
      response.end(body)
      return
    }
    response.writeHead(200, { 'content-type': 'application/json' }) // chunked: no length
    response.write('{"keys":[')
    const pump = () => {
      while (state.sent < size) {
        state.sent += chunk.length
        if (!response.write(chunk)) return void response.once('drain', pump)
      }
      response.end(`${JSON.stringify(good.jwk)}]}`)
    }
    response.on('error', () => {})
    pump()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/jwks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  })
}

let verifier: Verifier | undefined
let server: Awaited<ReturnType<typeof startHugeJwks>> | undefined

afterEach(async () => {
  await verifier?.close()
  await server?.close()
})

describe('JWKS body limit', () => {
  it('a chunked 50 MB JWKS is jwks_unavailable, read only up to the limit (peak RSS growth < 20 MB)', async () => {
    const key = await makeKey('k1')
    server = await startHugeJwks(key, 50 * MB)
    verifier = createVerifier({
      jwksUri: server.url,
      issuer: ISSUER,
      threads: 1,
      clock: fakeClock(),
    })
    // Workers started and keys loaded before measuring, so only the big fetch can grow memory.
    await verifier.verify(await signToken(key))
    server.huge = true
    // A kid the current keys lack makes the verifier refetch the JWKS.
    const unknownKid = await signToken(await makeKey('k2'))

    const baseline = process.memoryUsage.rss()
    let peak = baseline
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss())
    }, 1)
    const error = await verifier.verify(unknownKid).then(
      () => undefined,
      (e: unknown) => e as VerifyError,
    )
    clearInterval(sampler)
    peak = Math.max(peak, process.memoryUsage.rss())

    expect(error).toMatchObject({ code: 'jwks_unavailable', status: 503 })
    expect(error?.message).toContain('larger than 1048576 bytes')
    expect(server.requests).toBe(2)
    expect(server.sent).toBeLessThan(50 * MB) // the reader stopped, the server was cut off
    expect((peak - baseline) / MB).toBeLessThan(20)
  })

  it('the limit is an option and also applies to a body with a Content-Length', async () => {
    const key = await makeKey('k1')
    server = await startHugeJwks(key, 0)
    const small = createVerifier({
      jwksUri: server.url,
      issuer: ISSUER,
      threads: 1,
      jwksMaxBytes: 100,
    })
    verifier = small
    await expect(small.verify(await signToken(key))).rejects.toMatchObject({
      code: 'jwks_unavailable',
    })
    expect(small.stats().jwks.lastError).toContain('larger than 100 bytes')
    await small.close()
    verifier = createVerifier({ jwksUri: server.url, issuer: ISSUER, threads: 1 })
    await expect(verifier.verify(await signToken(key))).resolves.toBeDefined()
  })

  it('refuses a jwksMaxBytes or jwksUri that cannot work, naming the option', () => {
    expect(() =>
      createVerifier({ jwksUri: 'https://idp.example/jwks', issuer: ISSUER, jwksMaxBytes: -1 }),
    ).toThrow(/jwksMaxBytes/)
    expect(() => createVerifier({ jwksUri: 'not a url', issuer: ISSUER })).toThrow(
      /jwksUri must be an absolute http\(s\) URL/,
    )
    expect(() => createVerifier({ jwksUri: 'ftp://idp.example/jwks', issuer: ISSUER })).toThrow(
      /jwksUri/,
    )
  })
})
