import { generateKeyPairSync } from 'node:crypto'
import {
  exportPrivateJwk,
  importSigningKey,
  type PrivateKeyInput,
  type SigningKey,
} from '../grants/signing-key.js'
import type { TokenResponse } from '../types.js'

/** `dpop` option of a source: `true` (a new ES256 key, kept in memory) or your own key. */
export type DpopOption = boolean | { privateKey: PrivateKeyInput; alg?: string }

/** A source's DPoP key: to sign proofs, and as a private JWK to store with each bound token. */
export interface DpopKey {
  signing: SigningKey
  /** With `alg`, so another instance signs with the same algorithm. Secret: never log it. */
  privateJwk: JsonWebKey
}

/**
 * The key of `option`, or undefined when DPoP is off.
 * @throws Error (message names `dpop.privateKey`, never the key)
 */
export function createDpopKey(option: DpopOption | undefined): DpopKey | undefined {
  if (option === undefined || option === false) return undefined
  const signing =
    option === true
      ? importSigningKey(
          generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
          'ES256',
          'dpop key',
        )
      : importSigningKey(option.privateKey, option.alg, 'dpop.privateKey')
  return { signing, privateJwk: { ...exportPrivateJwk(signing.key), alg: signing.alg } }
}

/**
 * `response` with the private JWK of `key` when the server answered `token_type: DPoP` (the
 * token is bound to that key); a Bearer answer stays unbound.
 */
export function withDpopKey<T extends TokenResponse>(response: T, key: DpopKey | undefined): T {
  if (key === undefined || String(response.tokenType).toLowerCase() !== 'dpop') return response
  return { ...response, dpopKey: key.privateJwk }
}
