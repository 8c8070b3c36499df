import { KeyObject, sign } from 'node:crypto'
import {
  CompactSign,
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose'

export const ISSUER = 'https://auth.test.example/oidc'
export const AUDIENCE = 'https://api.test.example'
export const CLIENT_ID = 'client-123'

/** A signing key with its public JWK (kid, alg, use). */
export interface TestKey {
  kid: string
  alg: string
  privateKey: CryptoKey
  publicKey: CryptoKey
  jwk: JWK
}

/** A jose-generated key pair; RS256 unless told. */
export async function makeKey(kid: string, alg = 'RS256'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  return {
    kid,
    alg,
    privateKey,
    publicKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' },
  }
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000)

/** Valid access-token claims for {@link ISSUER}/{@link AUDIENCE}, at `now` (seconds). */
export function accessClaims(now = nowSeconds()): JWTPayload {
  return {
    iss: ISSUER,
    sub: 'advisor-1',
    aud: AUDIENCE,
    iat: now,
    exp: now + 3600,
    scope: 'clients:read',
  }
}

/**
 * Signs `claims` (replacing the defaults when given) with `key`; `header` adds to or overrides
 * `{ alg, kid, typ: 'at+jwt' }` (`undefined` values remove a parameter).
 */
export function signToken(
  key: TestKey,
  claims: JWTPayload = accessClaims(),
  header: Record<string, unknown> = {},
) {
  const protectedHeader = Object.fromEntries(
    Object.entries({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header }).filter(
      ([, v]) => v !== undefined,
    ),
  )
  return new SignJWT(claims)
    .setProtectedHeader(protectedHeader as { alg: string })
    .sign(key.privateKey)
}

/** Signs raw payload text (not necessarily a JSON object) under a raw header. */
export function signRaw(key: TestKey, payloadText: string, header: Record<string, unknown> = {}) {
  return new CompactSign(new TextEncoder().encode(payloadText))
    .setProtectedHeader({ alg: key.alg, kid: key.kid, ...header } as { alg: string })
    .sign(key.privateKey)
}

/** Base64url of a string. */
export const b64 = (text: string): string => Buffer.from(text).toString('base64url')

/** A token with arbitrary header/payload JSON text and a given signature segment. */
export const assemble = (headerText: string, payloadText: string, signature = 'c2ln'): string =>
  `${b64(headerText)}.${b64(payloadText)}.${signature}`

/** Signs any header object (even one jose refuses to produce, e.g. with `crit`) over a payload text. */
export function signAnyHeader(
  key: TestKey,
  header: Record<string, unknown>,
  payloadText: string,
): string {
  const input = `${b64(JSON.stringify(header))}.${b64(payloadText)}`
  const signature = sign(
    'sha256',
    Buffer.from(input),
    KeyObject.from(key.privateKey as globalThis.CryptoKey),
  )
  return `${input}.${signature.toString('base64url')}`
}
