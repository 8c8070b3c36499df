import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { ConfigurationError } from '@vendor-token/core'

/** Raw key material: 32 bytes, or a string (hex, base64, or a passphrase of >= 32 characters). */
export type KeyMaterial = string | Uint8Array

/** One key of a key ring; `id` is written next to each ciphertext so old keys keep decrypting. */
export interface EncryptionKeyEntry {
  id: string
  key: KeyMaterial
}

/** What `encryptionKey` accepts: one key (its id is `default`) or a key ring for rotation. */
export type EncryptionKeyInput =
  | KeyMaterial
  | { current: EncryptionKeyEntry; previous?: readonly EncryptionKeyEntry[] }

const VERSION = 'v1'
/** Full-length GCM tags only: a shorter tag lowers the work to forge a value (NIST SP 800-38D, section 5.2.1.2). */
const TAG_BYTES = 16
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * AES-256-GCM with a key id: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The caller
 * passes associated data (the cache key) so a ciphertext cannot be moved to another key.
 */
export class TokenCipher {
  readonly #current: { id: string; key: Buffer }
  readonly #keys: Map<string, Buffer>

  /** @throws ConfigurationError on a malformed key or key id. */
  constructor(input: EncryptionKeyInput) {
    const ring =
      typeof input === 'string' || input instanceof Uint8Array
        ? { current: { id: 'default', key: input }, previous: [] }
        : input
    if (!ring || typeof ring !== 'object' || !ring.current) {
      throw new ConfigurationError('RedisTokenStore: `encryptionKey` is malformed')
    }
    this.#keys = new Map()
    for (const entry of [ring.current, ...(ring.previous ?? [])]) {
      if (typeof entry?.id !== 'string' || !KEY_ID.test(entry.id)) {
        throw new ConfigurationError(
          'RedisTokenStore: an encryption key id must be 1-64 characters of [A-Za-z0-9_-]',
        )
      }
      if (this.#keys.has(entry.id)) {
        throw new ConfigurationError(`RedisTokenStore: encryption key id "${entry.id}" repeats`)
      }
      this.#keys.set(entry.id, toKeyBytes(entry.key))
    }
    this.#current = { id: ring.current.id, key: this.#keys.get(ring.current.id)! }
  }

  /** Id of the key new values are encrypted with. */
  get currentKeyId(): string {
    return this.#current.id
  }

  encrypt(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#current.key, iv)
    cipher.setAAD(Buffer.from(associatedData, 'utf8'))
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    const tag = cipher.getAuthTag()
    return [VERSION, this.#current.id, b64(iv), b64(tag), b64(body)].join('.')
  }

  /** @throws Error when the key id is unknown or the value was altered (no detail is leaked). */
  decrypt(envelope: string, associatedData: string): string {
    const [version, keyId, iv, tag, body, extra] = envelope.split('.')
    if (version !== VERSION || body === undefined || extra !== undefined) {
      throw new Error('not an encrypted token value')
    }
    const key = this.#keys.get(keyId!)
    if (!key) throw new Error(`unknown encryption key id "${keyId}"`)
    const tagBytes = Buffer.from(tag!, 'base64url')
    if (tagBytes.length !== TAG_BYTES) {
      throw new Error(`token value has a ${tagBytes.length}-byte tag; ${TAG_BYTES} bytes required`)
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url'), {
      authTagLength: TAG_BYTES,
    })
    decipher.setAAD(Buffer.from(associatedData, 'utf8'))
    decipher.setAuthTag(tagBytes)
    try {
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8')
    } catch {
      throw new Error(`token value failed authentication under key id "${keyId}"`)
    }
  }
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url')
}

/** 32 raw bytes as given; strings as hex, base64, or a passphrase stretched with HKDF-SHA256. */
function toKeyBytes(material: KeyMaterial): Buffer {
  if (material instanceof Uint8Array) {
    if (material.length !== 32) {
      throw new ConfigurationError('RedisTokenStore: an encryption key must be 32 bytes')
    }
    return Buffer.from(material)
  }
  if (typeof material !== 'string') {
    throw new ConfigurationError('RedisTokenStore: an encryption key must be a string or bytes')
  }
  if (/^[0-9a-fA-F]{64}$/.test(material)) return Buffer.from(material, 'hex')
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(material)) {
    const bytes = Buffer.from(material, 'base64')
    if (bytes.length === 32) return bytes
  }
  if (material.length < 32) {
    throw new ConfigurationError(
      'RedisTokenStore: an encryption key string must be 64 hex characters, base64 of 32 bytes, or at least 32 characters',
    )
  }
  return Buffer.from(hkdfSync('sha256', material, 'vendor-token/redis', 'aes-256-gcm', 32))
}
