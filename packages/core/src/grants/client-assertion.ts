import { randomBytes } from 'node:crypto'
import {
  importSigningKey,
  type PrivateKeyInput,
  type SigningKey,
  signJws as signJwt,
} from './signing-key.js'

/** Assertions live at most this long (the brief's ceiling; RFC 7523 3 asks for a short `exp`). */
const LIFETIME_SECONDS = 60

/** Options of `auth: 'private_key_jwt'`. */
export interface PrivateKeyJwtOptions {
  privateKey: PrivateKeyInput
  /** `kid` header, so the server picks the right key of the client's JWKS. */
  kid?: string | undefined
  /** Default from the key: RSA -> RS256, EC P-256 -> ES256, Ed25519 -> EdDSA. */
  alg?: string | undefined
}

/**
 * Signs `private_key_jwt` client assertions (RFC 7523 2.2 and 3, OIDC Core 9): a fresh JWT per
 * request with `iss` = `sub` = client id, `aud`, a random `jti`, `iat` and `exp` = `iat` + 60 s.
 */
export class ClientAssertionSigner {
  readonly #clientId: string
  readonly #key: SigningKey
  readonly #kid: string | undefined

  /** @throws Error (a message naming `privateKey` / `alg`, never the key) */
  constructor(clientId: string, options: PrivateKeyJwtOptions) {
    this.#clientId = clientId
    this.#key = importSigningKey(options.privateKey, options.alg, 'privateKey')
    this.#kid = options.kid
  }

  get alg(): string {
    return this.#key.alg
  }

  /** A new assertion for `audience` at `nowMs` (the manager's clock). */
  sign(audience: string, nowMs: number): string {
    const iat = Math.floor(nowMs / 1000)
    const header = this.#kid === undefined ? { typ: 'JWT' } : { typ: 'JWT', kid: this.#kid }
    return signJwt(
      header,
      {
        iss: this.#clientId,
        sub: this.#clientId,
        aud: audience,
        jti: randomBytes(16).toString('base64url'),
        iat,
        exp: iat + LIFETIME_SECONDS,
      },
      this.#key,
    )
  }

  toJSON(): Record<string, unknown> {
    return { alg: this.#key.alg, kid: this.#kid }
  }
}
