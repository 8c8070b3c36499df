import type { JWSHeaderParameters } from 'jose'
import { isBase64url, segmentBytes, utf8 } from './base64url.js'
import { deepFreeze } from './deep-freeze.js'
import { VerifyError, type VerifyErrorCode } from './errors.js'
import { hasDuplicateMembers } from './json-members.js'
import { NO_KID } from './protocol.js'

/** The parts of a token header the main thread needs. The header object is frozen and shared. */
export interface HeaderInfo {
  header: Readonly<JWSHeaderParameters>
  alg: string
  /** The `kid`, or {@link NO_KID}. */
  kid: string
}

type Refusal = { code: VerifyErrorCode; message: string }
const refuse = (code: VerifyErrorCode, message: string): Refusal => ({ code, message })

/** Tokens of one issuer share a handful of headers: parse each once. Bounded against floods. */
const HEADER_CACHE_MAX = 256
const ACCESS_TOKEN_TYPES = new Set(['jwt', 'at+jwt'])
/** Three non-empty unpadded base64url segments. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

/**
 * The cheap checks done on the main thread, so obviously bad tokens never cost a worker hop:
 * size, segment count, base64url, header JSON, `alg` allow-list, `crit`/`b64`, `typ`.
 */
export class Prechecker {
  readonly #headers = new Map<string, HeaderInfo | Refusal>()
  readonly #maxLength: number
  readonly #algorithms: ReadonlySet<string>
  readonly #accessTokensOnly: boolean

  constructor(options: {
    maxTokenLength: number
    algorithms: readonly string[]
    accessTokensOnly: boolean
  }) {
    this.#maxLength = options.maxTokenLength
    this.#algorithms = new Set(options.algorithms)
    this.#accessTokensOnly = options.accessTokensOnly
  }

  /** The header info of a token worth sending to a worker, or the error refusing it. */
  check(token: unknown): HeaderInfo | VerifyError {
    if (typeof token !== 'string') return new VerifyError('malformed', 'The token is not a string')
    if (token.length > this.#maxLength) return new VerifyError('too_large')
    // One pass over the whole token for the common case (half the cost of testing each segment).
    if (!COMPACT_JWS.test(token)) return this.#explain(token)
    const info = this.#header(token.slice(0, token.indexOf('.')))
    return 'alg' in info ? info : new VerifyError(info.code, info.message)
  }

  /** Why a token is not three base64url segments (the header's own error comes first). */
  #explain(token: string): HeaderInfo | VerifyError {
    const first = token.indexOf('.')
    const second = token.indexOf('.', first + 1)
    if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      return new VerifyError('malformed', 'The token does not have three segments')
    }
    const info = this.#header(token.slice(0, first))
    if (!('alg' in info)) return new VerifyError(info.code, info.message)
    if (!isBase64url(token.slice(first + 1, second))) {
      return new VerifyError('malformed', 'The token payload is not base64url')
    }
    return new VerifyError('malformed', 'The token signature is missing or not base64url')
  }

  #header(segment: string): HeaderInfo | Refusal {
    let info = this.#headers.get(segment)
    if (info === undefined) {
      info = this.#parseHeader(segment)
      if (this.#headers.size >= HEADER_CACHE_MAX) this.#headers.clear()
      this.#headers.set(segment, info)
    }
    return info
  }

  #parseHeader(segment: string): HeaderInfo | Refusal {
    let bytes: Buffer
    let header: unknown
    try {
      if (!isBase64url(segment)) throw new Error('not base64url')
      bytes = segmentBytes(segment)
      header = JSON.parse(utf8(bytes))
    } catch {
      return refuse('malformed', 'The token header is not base64url JSON')
    }
    if (typeof header !== 'object' || header === null || Array.isArray(header)) {
      return refuse('malformed', 'The token header is not a JSON object')
    }
    if (hasDuplicateMembers(bytes, header)) {
      return refuse('malformed', 'The token header has duplicate parameters')
    }
    const { alg, kid, typ, crit, b64 } = header as JWSHeaderParameters
    if (typeof alg !== 'string') return refuse('malformed', 'The token header has no "alg"')
    if (!this.#algorithms.has(alg))
      return refuse('alg_not_allowed', 'The token "alg" is not allowed')
    if (kid !== undefined && (typeof kid !== 'string' || kid === '')) {
      return refuse('malformed', '"kid" is not a non-empty string')
    }
    // No JWS extension is understood here, so a critical one must fail (RFC 7515 4.1.11).
    if (crit !== undefined || b64 !== undefined) {
      return refuse('malformed', 'The token uses an unsupported JWS extension')
    }
    if (typ !== undefined) {
      if (typeof typ !== 'string') return refuse('malformed', '"typ" is not a string')
      const type = typ.toLowerCase().replace(/^application\//, '')
      if (this.#accessTokensOnly && !ACCESS_TOKEN_TYPES.has(type)) {
        return refuse('id_token_rejected', 'The token "typ" is not an access token type')
      }
    }
    return { header: deepFreeze(header as JWSHeaderParameters), alg, kid: kid ?? NO_KID }
  }
}
