import { generateKeyPairSync, sign } from 'node:crypto'
import { createVerifier, type Verifier, VerifyError } from '@vendor-token/verify'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeClock } from './support/fake-clock.js'
import { type JwksMode, type JwksServer, startJwksServer } from './support/jwks-server.js'
import { accessClaims, b64, ISSUER, makeKey, signToken } from './support/keys.js'

let jwks: JwksServer | undefined
let verifier: Verifier | undefined

afterEach(async () => {
  await verifier?.close()
  await jwks?.close()
})

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error as VerifyError,
  )

describe('JWKS unavailable', () => {
  it.each<JwksMode>(['down', 'html', 'empty', 'error500'])(
    'JWKS %s at start -> jwks_unavailable (503), then recovery without a restart',
    async (mode) => {
      const key = await makeKey('k1')
      jwks = await startJwksServer([key.jwk])
      jwks.mode = mode
      const clock = fakeClock()
      verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1, clock })
      const token = await signToken(key)

      const error = await failure(verifier.verify(token))
      expect(error).toBeInstanceOf(VerifyError)
      expect(error.code).toBe('jwks_unavailable')
      expect(error.status).toBe(503)
      expect(error.headers).toMatchObject({ 'www-authenticate': 'Bearer', 'retry-after': '5' })
      expect(jwks.requests).toBe(1)

      // Right after a failure callers share it instead of hammering the endpoint.
      jwks.mode = 'ok'
      await expect(failure(verifier.verify(token))).resolves.toMatchObject({
        code: 'jwks_unavailable',
      })
      expect(jwks.requests).toBe(1)

      clock.advance(1_000)
      await expect(verifier.verify(token)).resolves.toMatchObject({ payload: { iss: ISSUER } })
      expect(jwks.requests).toBe(2)
    },
  )

  it('a JWKS request that hangs times out as jwks_unavailable', async () => {
    const key = await makeKey('k1')
    jwks = await startJwksServer([key.jwk])
    jwks.mode = 'hang'
    verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1, jwksTimeoutMs: 200 })
    await expect(failure(verifier.verify(await signToken(key)))).resolves.toMatchObject({
      code: 'jwks_unavailable',
    })
  })

  it('a JWKS whose keys fit no allowed algorithm is unavailable', async () => {
    const ec = await makeKey('ec', 'ES256')
    jwks = await startJwksServer([ec.jwk])
    verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1 })
    const rsa = await makeKey('ec')
    await expect(failure(verifier.verify(await signToken(rsa)))).resolves.toMatchObject({
      code: 'jwks_unavailable',
    })
  })

  it('an RSA key under 2048 bits is not usable: alone it leaves no key, beside another its kid is unknown', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
    const shortJwk = {
      ...publicKey.export({ format: 'jwk' }),
      kid: 'short',
      alg: 'RS256',
      use: 'sig',
    }
    const input = `${b64(JSON.stringify({ alg: 'RS256', kid: 'short' }))}.${b64(JSON.stringify(accessClaims()))}`
    const token = `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
    jwks = await startJwksServer([shortJwk])
    verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1 })
    await expect(failure(verifier.verify(token))).resolves.toMatchObject({
      code: 'jwks_unavailable',
    })
    await verifier.close()

    const good = await makeKey('good')
    jwks.keys = [shortJwk, good.jwk]
    verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1 })
    await expect(failure(verifier.verify(token))).resolves.toMatchObject({ code: 'unknown_kid' })
    await expect(verifier.verify(await signToken(good))).resolves.toBeDefined()
  })

  it('concurrent first requests share one fetch', async () => {
    const key = await makeKey('k1')
    jwks = await startJwksServer([key.jwk])
    verifier = createVerifier({ jwksUri: jwks.url, issuer: ISSUER, threads: 1 })
    const token = await signToken(key)
    await Promise.all(Array.from({ length: 50 }, () => verifier!.verify(token)))
    expect(jwks.requests).toBe(1)
  })
})
