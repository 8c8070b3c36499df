import { createPublicKey, generateKeyPair, type JsonWebKey, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import { calculateJwkThumbprint, type JWK } from 'jose'

const generate = promisify(generateKeyPair)

/** Algorithms of the emulator's signing keys. */
export type SigningAlg = 'RS256' | 'ES256'

/** A signing key with its `kid`. */
export interface SigningKey {
  kid: string
  alg: SigningAlg
  privateKey: KeyObject
  publicKey: KeyObject
  /** Private JWK with kid/alg/use (what oidc-provider takes in its `jwks`). */
  privateJwk: JWK
  /** Public JWK with kid/alg/use (what a JWKS endpoint publishes). */
  publicJwk: JWK
}

async function rsaKey(): Promise<KeyObject> {
  return (await generate('rsa', { modulusLength: 2048 })).privateKey
}

/** A fresh signing key (RS256 by default); its kid is the RFC 7638 thumbprint. */
export async function createSigningKey(alg: SigningAlg = 'RS256'): Promise<SigningKey> {
  const privateKey =
    alg === 'RS256' ? await rsaKey() : (await generate('ec', { namedCurve: 'P-256' })).privateKey
  const jwk = privateKey.export({ format: 'jwk' }) as JsonWebKey & JWK
  const publicPart: JWK =
    alg === 'RS256'
      ? { kty: 'RSA', e: jwk.e, n: jwk.n }
      : { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y }
  const kid = await calculateJwkThumbprint(publicPart)
  const meta = { kid, alg, use: 'sig' }
  return {
    kid,
    alg,
    privateKey,
    publicKey: createPublicKey(privateKey),
    privateJwk: { ...jwk, ...meta },
    publicJwk: { ...publicPart, ...meta },
  }
}

/**
 * The RS256 signing key of one vendor. The key is generated on first use (RSA generation costs
 * 100-300 ms of CPU, seconds on a loaded machine; an emulator whose BridgeFT or Wealth.com side
 * is never called never pays it). `rotate()` replaces the key: the old kid leaves the JWKS.
 */
export class KeyRing {
  #current: Promise<SigningKey> | undefined

  current(): Promise<SigningKey> {
    this.#current ??= createSigningKey()
    return this.#current
  }

  /** The public JWK Set: only the current key. */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.current()).publicJwk] }
  }

  async rotate(): Promise<void> {
    const next = createSigningKey()
    await next
    this.#current = next
  }
}
