import { ConfigurationError, type StoredToken } from '@vendor-token/core'
import { type EncryptionKeyInput, TokenCipher } from './crypto.js'

const PLAIN = 'p1.'

/** Turns a token into the string kept in Redis and back. */
export interface TokenCodec {
  /** True when values are encrypted. */
  readonly encrypted: boolean
  encode(token: StoredToken, cacheKey: string): string
  /** @throws Error when the value cannot be read (unknown key id, altered, plaintext under a key). */
  decode(value: string, cacheKey: string): StoredToken
}

/**
 * An encrypting codec when a key is given; a plaintext one only with `allowPlaintext: true`.
 * @throws ConfigurationError
 */
export function createCodec(
  encryptionKey: EncryptionKeyInput | undefined,
  allowPlaintext: boolean | undefined,
): TokenCodec {
  if (encryptionKey === undefined || encryptionKey === null || encryptionKey === '') {
    if (allowPlaintext !== true) {
      throw new ConfigurationError(
        'RedisTokenStore: give an `encryptionKey` (tokens are encrypted at rest) or set `allowPlaintext: true` explicitly',
      )
    }
    return {
      encrypted: false,
      encode: (token) => PLAIN + JSON.stringify(token),
      decode: (value) => {
        if (!value.startsWith(PLAIN)) throw new Error('value is encrypted; no key configured')
        return parseToken(value.slice(PLAIN.length))
      },
    }
  }
  const cipher = new TokenCipher(encryptionKey)
  return {
    encrypted: true,
    encode: (token, cacheKey) => cipher.encrypt(JSON.stringify(token), cacheKey),
    // A plaintext value under a configured key is refused: whoever can write Redis could plant one.
    decode: (value, cacheKey) => parseToken(cipher.decrypt(value, cacheKey)),
  }
}

function parseToken(json: string): StoredToken {
  let token: StoredToken
  try {
    token = JSON.parse(json) as StoredToken
  } catch {
    // The parser's message quotes the input; it must not reach a log.
    throw new Error('stored value is not JSON')
  }
  if (
    typeof token?.accessToken !== 'string' ||
    typeof token.tokenType !== 'string' ||
    typeof token.expiresAt !== 'number' ||
    typeof token.issuedAt !== 'number'
  ) {
    throw new Error('stored value is not a token')
  }
  return token
}
