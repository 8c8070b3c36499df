import { constants, createPublicKey, type KeyObject, verify } from 'node:crypto'

export interface DecodedJws {
  header: Record<string, unknown>
  payload: Record<string, unknown>
}

/** Verifies a compact JWS with `key` (node:crypto, independent of core's signer) and decodes it. */
export function verifyJws(jws: string, key: KeyObject | JsonWebKey): DecodedJws {
  const [h, p, s] = jws.split('.')
  const header = JSON.parse(Buffer.from(h!, 'base64url').toString()) as Record<string, unknown>
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>
  const publicKey =
    'kty' in (key as object)
      ? createPublicKey({ key: key as never, format: 'jwk' })
      : (key as KeyObject)
  const alg = String(header.alg)
  const data = Buffer.from(`${h}.${p}`)
  const signature = Buffer.from(s!, 'base64url')
  const hash = alg === 'EdDSA' ? null : `sha${alg.slice(2)}`
  const options = alg.startsWith('ES')
    ? { key: publicKey, dsaEncoding: 'ieee-p1363' as const }
    : alg.startsWith('PS')
      ? { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
      : publicKey
  if (!verify(hash, data, options, signature)) throw new Error(`bad ${alg} signature`)
  return { header, payload }
}
