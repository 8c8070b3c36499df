import { createPrivateKey, type JsonWebKey as NodeJwk } from 'node:crypto'
import { importSigningKey, type SigningKey } from '../grants/signing-key.js'
import type { Token } from '../token.js'

/** The DPoP key each handed-out token is bound to; out of the Token's own fields (never shown). */
const keys = new WeakMap<Token, JsonWebKey>()
const imported = new WeakMap<JsonWebKey, SigningKey>()

/** Binds `token` to the private JWK stored with it (called by the Token constructor). */
export function bindDpopKey(token: Token, jwk: JsonWebKey): void {
  keys.set(token, jwk)
}

/** The key `token` is bound to, ready to sign, or undefined for a bearer token. */
export function dpopKeyOf(token: Token): SigningKey | undefined {
  const jwk = keys.get(token)
  return jwk === undefined ? undefined : importDpopJwk(jwk)
}

/** A stored private DPoP JWK (with its `alg`), ready to sign; imported once per object. */
export function importDpopJwk(jwk: JsonWebKey): SigningKey {
  let key = imported.get(jwk)
  if (key === undefined) {
    const privateKey = createPrivateKey({ key: jwk as NodeJwk, format: 'jwk' })
    key = importSigningKey(privateKey, jwk.alg, 'DPoP key')
    imported.set(jwk, key)
  }
  return key
}
