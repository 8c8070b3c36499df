import { createHmac } from 'node:crypto'
import {
  createVerifier,
  type Verifier,
  VerifyError,
  type VerifyErrorCode,
} from '@vendor-token/verify'
import { exportSPKI } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type JwksServer, startJwksServer } from './support/jwks-server.js'
import {
  AUDIENCE,
  accessClaims,
  assemble,
  b64,
  CLIENT_ID,
  ISSUER,
  makeKey,
  nowSeconds,
  signAnyHeader,
  signRaw,
  signToken,
  type TestKey,
} from './support/keys.js'

// One table: every bad token and the exact code it must get. Keys A and B are in the JWKS;
// the attacker's key and the ES256 key are not (ES256 is not allowed either).
let keyA: TestKey
let keyB: TestKey
let attacker: TestKey
let ecKey: TestKey
let jwks: JwksServer
let attackerJwks: JwksServer
let verifier: Verifier

beforeAll(async () => {
  ;[keyA, keyB, attacker, ecKey] = await Promise.all([
    makeKey('key-a'),
    makeKey('key-b'),
    makeKey('attacker'),
    makeKey('ec-key', 'ES256'),
  ])
  jwks = await startJwksServer([keyA.jwk, keyB.jwk])
  attackerJwks = await startJwksServer([attacker.jwk])
  verifier = createVerifier({
    jwksUri: jwks.url,
    issuer: ISSUER,
    audience: AUDIENCE,
    clientId: CLIENT_ID,
    threads: 2,
  })
})

afterAll(async () => {
  await verifier?.close()
  await jwks?.close()
  await attackerJwks?.close()
})

const hs256 = (
  secret: string | Buffer,
  claims = accessClaims(),
  header: object = { alg: 'HS256', kid: 'key-a' },
) => {
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}
const withClaims = (change: (claims: Record<string, unknown>) => void) => {
  const claims: Record<string, unknown> = accessClaims()
  change(claims)
  return signToken(keyA, claims)
}
const segments = async () => (await signToken(keyA)).split('.') as [string, string, string]

const cases: Array<{ name: string; code: VerifyErrorCode; token: () => unknown }> = [
  {
    name: 'alg none, empty signature',
    code: 'alg_not_allowed',
    token: () => assemble('{"alg":"none"}', JSON.stringify(accessClaims()), ''),
  },
  {
    name: 'alg none with a signature',
    code: 'alg_not_allowed',
    token: () => assemble('{"alg":"none","kid":"key-a"}', JSON.stringify(accessClaims())),
  },
  {
    name: 'HS256 signed with the RSA public key (PEM) as secret',
    code: 'alg_not_allowed',
    token: async () => hs256(await exportSPKI(keyA.publicKey)),
  },
  {
    name: 'HS256 signed with the JWK modulus as secret',
    code: 'alg_not_allowed',
    token: () => hs256(Buffer.from(keyA.jwk.n!, 'base64url')),
  },
  {
    name: 'ES256 (an algorithm not allowed)',
    code: 'alg_not_allowed',
    token: () => signToken(ecKey),
  },
  {
    name: 'PS256 header on a token (not allowed)',
    code: 'alg_not_allowed',
    token: async () => {
      const [, p, s] = await segments()
      return `${b64('{"alg":"PS256","kid":"key-a"}')}.${p}.${s}`
    },
  },
  { name: 'RS256 with an unknown kid', code: 'unknown_kid', token: () => signToken(attacker) },
  {
    name: 'RS256 without kid while the JWKS has two keys',
    code: 'unknown_kid',
    token: () => signToken(keyA, accessClaims(), { kid: undefined }),
  },
  {
    name: 'wrong kid (signed by key A, names key B)',
    code: 'bad_signature',
    token: () => signToken(keyA, accessClaims(), { kid: 'key-b' }),
  },
  {
    name: 'payload changed after signing',
    code: 'bad_signature',
    token: async () => {
      const [h, , s] = await segments()
      return `${h}.${b64(JSON.stringify({ ...accessClaims(), sub: 'admin' }))}.${s}`
    },
  },
  {
    name: 'signature of another token',
    code: 'bad_signature',
    token: async () => {
      const [h, p] = await segments()
      const [, , s] = (await signToken(keyA, { ...accessClaims(), sub: 'other' })).split('.')
      return `${h}.${p}.${s}`
    },
  },
  {
    name: 'truncated signature',
    code: 'bad_signature',
    token: async () => {
      const [h, p, s] = await segments()
      return `${h}.${p}.${s.slice(0, s.length / 2)}`
    },
  },
  {
    name: 'expired',
    code: 'expired',
    token: () =>
      withClaims((c) => {
        c.exp = nowSeconds() - 60
      }),
  },
  {
    name: 'nbf in the future',
    code: 'not_yet_valid',
    token: () =>
      withClaims((c) => {
        c.nbf = nowSeconds() + 600
      }),
  },
  {
    name: 'iat in the future',
    code: 'not_yet_valid',
    token: () =>
      withClaims((c) => {
        c.iat = nowSeconds() + 600
      }),
  },
  {
    name: 'wrong iss',
    code: 'wrong_issuer',
    token: () =>
      withClaims((c) => {
        c.iss = 'https://evil.example'
      }),
  },
  {
    name: 'wrong aud',
    code: 'wrong_audience',
    token: () =>
      withClaims((c) => {
        c.aud = 'https://other-api.example'
      }),
  },
  {
    name: 'missing sub',
    code: 'missing_claim',
    token: () =>
      withClaims((c) => {
        delete c.sub
      }),
  },
  {
    name: 'missing exp',
    code: 'missing_claim',
    token: () =>
      withClaims((c) => {
        delete c.exp
      }),
  },
  {
    name: 'missing iss',
    code: 'missing_claim',
    token: () =>
      withClaims((c) => {
        delete c.iss
      }),
  },
  {
    name: 'missing aud while an audience is required',
    code: 'missing_claim',
    token: () =>
      withClaims((c) => {
        delete c.aud
      }),
  },
  {
    name: 'exp that is not a number',
    code: 'malformed',
    token: () =>
      withClaims((c) => {
        c.exp = 'tomorrow'
      }),
  },
  {
    name: 'an ID token (nonce, aud = client id, typ JWT)',
    code: 'id_token_rejected',
    token: () =>
      signToken(
        keyA,
        { ...accessClaims(), aud: CLIENT_ID, nonce: 'n-1', at_hash: 'x' },
        { typ: 'JWT' },
      ),
  },
  {
    name: 'an ID token without typ, with at_hash only',
    code: 'id_token_rejected',
    token: () => signToken(keyA, { ...accessClaims(), at_hash: 'abc' }, { typ: undefined }),
  },
  {
    name: 'a token whose aud is its azp',
    code: 'id_token_rejected',
    token: () =>
      signToken(
        keyA,
        { ...accessClaims(), aud: 'spa-client', azp: 'spa-client' },
        { typ: undefined },
      ),
  },
  {
    name: 'a token for the client id (aud = clientId)',
    code: 'id_token_rejected',
    token: () => signToken(keyA, { ...accessClaims(), aud: CLIENT_ID }, { typ: 'JWT' }),
  },
  {
    name: 'another JWT type (logout+jwt)',
    code: 'id_token_rejected',
    token: () => signToken(keyA, accessClaims(), { typ: 'logout+jwt' }),
  },
  {
    name: 'truncated to two segments',
    code: 'malformed',
    token: async () => (await segments()).slice(0, 2).join('.'),
  },
  { name: 'four segments', code: 'malformed', token: async () => `${await signToken(keyA)}.x` },
  {
    name: 'five segments (a JWE)',
    code: 'malformed',
    token: () => 'eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d',
  },
  { name: 'empty string', code: 'malformed', token: () => '' },
  { name: 'not a string', code: 'malformed', token: () => 42 },
  {
    name: 'bad base64 in the header',
    code: 'malformed',
    token: async () => {
      const [, p, s] = await segments()
      return `ey*J.${p}.${s}`
    },
  },
  {
    name: 'bad base64 in the payload',
    code: 'malformed',
    token: async () => {
      const [h, p, s] = await segments()
      return `${h}.${p.slice(0, 10)}+/${p.slice(12)}.${s}`
    },
  },
  {
    name: 'padded base64 signature',
    code: 'malformed',
    token: async () => {
      const [h, p, s] = await segments()
      return `${h}.${p}.${s}==`
    },
  },
  {
    name: 'header JSON that is not an object',
    code: 'malformed',
    token: () => assemble('["RS256"]', '{}'),
  },
  {
    name: 'header that is not JSON',
    code: 'malformed',
    token: () => assemble('{alg: RS256}', '{}'),
  },
  {
    name: 'signed payload JSON that is not an object',
    code: 'malformed',
    token: () => signRaw(keyA, '["not","claims"]'),
  },
  {
    name: 'signed payload that is not JSON',
    code: 'malformed',
    token: () => signRaw(keyA, 'hello'),
  },
  {
    name: 'a 100 KB token',
    code: 'too_large',
    token: async () =>
      withClaims((c) => {
        c.pad = 'x'.repeat(100_000)
      }),
  },
  {
    name: 'jku to the attacker JWKS (attacker key, attacker kid)',
    code: 'unknown_kid',
    token: () => signToken(attacker, accessClaims(), { jku: attackerJwks.url }),
  },
  {
    name: 'x5u to the attacker (attacker key, attacker kid)',
    code: 'unknown_kid',
    token: () => signToken(attacker, accessClaims(), { x5u: attackerJwks.url }),
  },
  {
    name: 'embedded attacker jwk naming a trusted kid',
    code: 'bad_signature',
    token: () => signToken(attacker, accessClaims(), { kid: 'key-a', jwk: attacker.jwk }),
  },
  {
    name: 'duplicate claims (two sub)',
    code: 'malformed',
    token: () =>
      signRaw(keyA, JSON.stringify(accessClaims()).replace('"sub":', '"sub":"admin","sub":'), {
        typ: 'at+jwt',
      }),
  },
  {
    name: 'duplicate claims written with an escape',
    code: 'malformed',
    token: () =>
      signRaw(
        keyA,
        JSON.stringify(accessClaims()).replace('"sub":', '"s\\u0075b":"admin","sub":'),
        { typ: 'at+jwt' },
      ),
  },
  {
    name: 'duplicate header parameters',
    code: 'malformed',
    token: async () => {
      const [, p, s] = await segments()
      return `${b64('{"alg":"RS256","kid":"key-a","alg":"RS256"}')}.${p}.${s}`
    },
  },
  {
    name: 'crit header',
    code: 'malformed',
    token: () =>
      signAnyHeader(
        keyA,
        { alg: 'RS256', kid: 'key-a', crit: ['exp'], exp: 1 },
        JSON.stringify(accessClaims()),
      ),
  },
  {
    name: 'b64 false (unencoded payload)',
    code: 'malformed',
    token: () =>
      signAnyHeader(
        keyA,
        { alg: 'RS256', kid: 'key-a', b64: false, crit: ['b64'] },
        JSON.stringify(accessClaims()),
      ),
  },
  {
    name: 'kid that is not a string',
    code: 'malformed',
    token: async () => {
      const [, p, s] = await segments()
      return `${b64('{"alg":"RS256","kid":7}')}.${p}.${s}`
    },
  },
  {
    name: 'empty kid (signed, single-key lookups must not match it)',
    code: 'malformed',
    token: () => signToken(keyA, accessClaims(), { kid: '' }),
  },
]

describe('bad input', () => {
  it('verifies a good token with the same setup', async () => {
    const { payload } = await verifier.verify(await signToken(keyA))
    expect(payload.sub).toBe('advisor-1')
  })

  it.each(cases)('$name -> $code', async ({ token, code }) => {
    const value = await token()
    const error = await verifier.verify(value as string).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(VerifyError)
    expect((error as VerifyError).code).toBe(code)
    expect((error as VerifyError).status).toBe(401)
    expect((error as VerifyError).headers['www-authenticate']).toMatch(
      /^Bearer error="invalid_token"/,
    )
    if (typeof value === 'string' && value.length > 0) {
      expect(JSON.stringify(error)).not.toContain(value)
      expect((error as Error).message).not.toContain(value)
    }
  })

  it('never fetched the jku / x5u the tokens pointed at', () => {
    expect(attackerJwks.requests).toBe(0)
  })
})
