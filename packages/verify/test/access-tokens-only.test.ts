import { createVerifier, type Verifier } from '@vendor-token/verify'
import { afterEach, describe, expect, it } from 'vitest'
import { AUDIENCE, accessClaims, CLIENT_ID, ISSUER, makeKey, signToken } from './support/keys.js'

let verifier: Verifier | undefined

afterEach(async () => {
  await verifier?.close()
})

describe('access tokens only', () => {
  it('accepts access tokens typed at+jwt, JWT, or untyped', async () => {
    const key = await makeKey('k1')
    verifier = createVerifier({
      jwks: { keys: [key.jwk] },
      issuer: ISSUER,
      audience: AUDIENCE,
      clientId: CLIENT_ID,
      threads: 1,
    })
    for (const typ of ['at+jwt', 'application/at+jwt', 'JWT', undefined]) {
      await expect(
        verifier.verify(await signToken(key, accessClaims(), { typ })),
      ).resolves.toMatchObject({
        payload: { sub: 'advisor-1' },
      })
    }
    // RFC 9068 typing wins over heuristics: an at+jwt carrying azp = aud is still an access token.
    const typed = await signToken(
      key,
      { ...accessClaims(), aud: AUDIENCE, azp: AUDIENCE },
      { typ: 'at+jwt' },
    )
    await expect(verifier.verify(typed)).resolves.toBeDefined()
  })

  it('accepts ID tokens when accessTokensOnly is false', async () => {
    const key = await makeKey('k1')
    verifier = createVerifier({
      jwks: { keys: [key.jwk] },
      issuer: ISSUER,
      accessTokensOnly: false,
      threads: 1,
    })
    const idToken = await signToken(
      key,
      { ...accessClaims(), aud: CLIENT_ID, nonce: 'n' },
      { typ: 'JWT' },
    )
    await expect(verifier.verify(idToken)).resolves.toMatchObject({ payload: { nonce: 'n' } })
  })
})
