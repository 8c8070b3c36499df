import { constants, type KeyObject, verify } from 'node:crypto'

type VerifyKey =
  | KeyObject
  | { key: KeyObject; padding?: number; saltLength?: number; dsaEncoding?: 'ieee-p1363' }

/** node:crypto parameters per JWS algorithm (RFC 7518 3.1, RFC 8037). */
const PARAMETERS: Record<string, { hash: string | null; wrap: (key: KeyObject) => VerifyKey }> = {
  RS256: { hash: 'sha256', wrap: (key) => key },
  RS384: { hash: 'sha384', wrap: (key) => key },
  RS512: { hash: 'sha512', wrap: (key) => key },
  PS256: { hash: 'sha256', wrap: (key) => pss(key, 32) },
  PS384: { hash: 'sha384', wrap: (key) => pss(key, 48) },
  PS512: { hash: 'sha512', wrap: (key) => pss(key, 64) },
  ES256: { hash: 'sha256', wrap: (key) => ({ key, dsaEncoding: 'ieee-p1363' }) },
  ES384: { hash: 'sha384', wrap: (key) => ({ key, dsaEncoding: 'ieee-p1363' }) },
  ES512: { hash: 'sha512', wrap: (key) => ({ key, dsaEncoding: 'ieee-p1363' }) },
  EdDSA: { hash: null, wrap: (key) => key },
  Ed25519: { hash: null, wrap: (key) => key },
}

function pss(key: KeyObject, saltLength: number): VerifyKey {
  return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }
}

/**
 * Synchronous signature check of `header.payload` (the ASCII signing input) against the
 * base64url signature. False for a wrong signature or one of the wrong length.
 */
export function signatureIsValid(
  alg: string,
  key: KeyObject,
  signingInput: string,
  signature: string,
): boolean {
  const parameters = PARAMETERS[alg]
  if (parameters === undefined) return false
  try {
    return verify(
      parameters.hash,
      Buffer.from(signingInput, 'latin1'),
      parameters.wrap(key),
      Buffer.from(signature, 'base64url'),
    )
  } catch {
    return false
  }
}
