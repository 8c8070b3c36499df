import {
  constants,
  createPrivateKey,
  createPublicKey,
  KeyObject,
  type JsonWebKey as NodeJwk,
  sign,
} from 'node:crypto'

/** JWS algorithms (RFC 7518 3.1, RFC 8037) we sign client assertions and DPoP proofs with. */
export type SigningAlgorithm =
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'EdDSA'

/** A private key: a KeyObject or WebCrypto CryptoKey (jose's KeyLike), a private JWK, or PEM. */
export type PrivateKeyInput = KeyObject | CryptoKey | JsonWebKey | string

/** A private key ready to sign, with its algorithm and public JWK (no private members). */
export interface SigningKey {
  readonly key: KeyObject
  readonly alg: SigningAlgorithm
  readonly publicJwk: JsonWebKey
}

const HASH: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' }
const EC_ALG: Record<string, SigningAlgorithm> = {
  prime256v1: 'ES256',
  secp384r1: 'ES384',
  secp521r1: 'ES512',
}

/**
 * Imports `input` as a private signing key and settles its algorithm: `alg` when given and it
 * fits the key, else the key's default (RSA -> RS256, RSA-PSS -> PS256, EC P-256/384/521 ->
 * ES256/384/512, Ed25519/Ed448 -> EdDSA). Messages name `name`, never quote the key.
 * @throws Error with a message fit for a ConfigurationError
 */
export function importSigningKey(
  input: PrivateKeyInput,
  alg: string | undefined,
  name: string,
): SigningKey {
  const key = toKeyObject(input, name)
  const allowed = algorithmsFor(key)
  if (allowed.length === 0) {
    throw new Error(`${name} must be an RSA, EC (P-256, P-384, P-521) or Ed25519/Ed448 key`)
  }
  if (alg !== undefined && !allowed.includes(alg as SigningAlgorithm)) {
    throw new Error(`alg for this ${name} must be one of ${allowed.join(', ')}`)
  }
  const { kty, crv, n, e, x, y } = createPublicKey(key).export({ format: 'jwk' })
  // Only the members RFC 7638 thumbprints use: no private part, no stray metadata.
  const publicJwk = Object.fromEntries(
    Object.entries({ kty, crv, n, e, x, y }).filter(([, value]) => value !== undefined),
  ) as JsonWebKey
  return { key, alg: (alg as SigningAlgorithm | undefined) ?? allowed[0]!, publicJwk }
}

/** The private key as a JWK (to store with a DPoP-bound token). Secret: never log it. */
export function exportPrivateJwk(key: KeyObject): JsonWebKey {
  return key.export({ format: 'jwk' }) as JsonWebKey
}

/** A JWS compact serialisation (RFC 7515 7.1) of `payload` signed with `signer`. */
export function signJws(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  signer: SigningKey,
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const input = `${encode({ ...header, alg: signer.alg })}.${encode(payload)}`
  const data = Buffer.from(input)
  const { alg, key } = signer
  const hash = HASH[alg.slice(2)]
  let signature: Buffer
  if (alg === 'EdDSA') signature = sign(null, data, key)
  else if (alg.startsWith('ES')) signature = sign(hash, data, { key, dsaEncoding: 'ieee-p1363' })
  else if (alg.startsWith('PS')) {
    signature = sign(hash, data, {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    })
  } else signature = sign(hash, data, key)
  return `${input}.${signature.toString('base64url')}`
}

function toKeyObject(input: PrivateKeyInput, name: string): KeyObject {
  let key: KeyObject
  try {
    if (input instanceof KeyObject) key = input
    else if (typeof input === 'string') key = createPrivateKey(input)
    else if (isCryptoKey(input)) key = KeyObject.from(input)
    else key = createPrivateKey({ key: input as NodeJwk, format: 'jwk' })
  } catch {
    // No cause: a parser's message might echo part of the input.
    throw new Error(
      `${name} is not a readable private key (a PEM string, a private JWK, a KeyObject or a CryptoKey)`,
    )
  }
  if (key.type !== 'private')
    throw new Error(`${name} must be a private key, not a ${key.type} key`)
  return key
}

function isCryptoKey(value: unknown): value is CryptoKey {
  return typeof CryptoKey !== 'undefined' && value instanceof CryptoKey
}

function algorithmsFor(key: KeyObject): SigningAlgorithm[] {
  const type = key.asymmetricKeyType
  if (type === 'rsa') return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']
  if (type === 'rsa-pss') return ['PS256', 'PS384', 'PS512']
  if (type === 'ed25519' || type === 'ed448') return ['EdDSA']
  if (type === 'ec') {
    const alg = EC_ALG[key.asymmetricKeyDetails?.namedCurve ?? '']
    return alg === undefined ? [] : [alg]
  }
  return []
}
