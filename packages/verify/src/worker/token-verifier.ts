import type { KeyObject } from 'node:crypto'
import type { JWSHeaderParameters } from 'jose'
import { isCanonicalBase64url, segmentBytes, utf8 } from '../base64url.js'
import { hasDuplicateMembers } from '../json-members.js'
import type { KeysByAlg } from '../keys.js'
import { NO_KID, type SharedKeySet, type WorkerSettings } from '../protocol.js'
import { type ClaimsContext, claimsContext, validateClaims } from './claims.js'
import { keyObjectsFor } from './key-objects.js'
import { Refusal } from './refusal.js'
import { signatureIsValid } from './signature.js'

const HEADER_CACHE_MAX = 256
const NOT_CANONICAL = 'The token signature is not canonical base64url'
/** jose's payload decoding: UTF-8, replacement characters for bad bytes, a leading BOM dropped. */
const payloadText = new TextDecoder()

/**
 * The per-worker verifier: keys of the current key-set version, a small header cache, and the
 * full check of one token (the main thread's pre-checks are repeated where they are cheap:
 * this thread trusts nothing about the token).
 */
export class TokenVerifier {
  #version = -1
  #keys: KeysByAlg<KeyObject> = new Map()
  readonly #headers = new Map<string, JWSHeaderParameters | undefined>()
  readonly #allowed: ReadonlySet<string>

  constructor(private readonly settings: WorkerSettings) {
    this.#allowed = new Set(settings.algorithms)
  }

  /** True when `keys` is a version this worker has not built yet. */
  needsKeys(keys: SharedKeySet): boolean {
    return keys.version !== this.#version
  }

  /** Rebuilds the KeyObjects for a new key-set version (once per change per worker). */
  async useKeys(keys: SharedKeySet): Promise<void> {
    this.#keys = await keyObjectsFor(keys, this.settings.algorithms)
    this.#version = keys.version
  }

  /** What a batch judged at `nowMs` shares. */
  context(nowMs: number): ClaimsContext {
    return claimsContext(this.settings, nowMs)
  }

  /**
   * The outcome as a JSON text: the payload JSON object of a verified token (its signed bytes as
   * UTF-8), or a JSON string with the encoded refusal. Never throws.
   */
  verify(token: string, context: ClaimsContext): string {
    try {
      return this.#verify(token, context)
    } catch (error) {
      return JSON.stringify((error instanceof Refusal ? error : new Refusal('malformed')).encode())
    }
  }

  #verify(token: string, context: ClaimsContext): string {
    const parts = token.split('.')
    if (parts.length !== 3) throw new Refusal('malformed')
    const [headerSegment, payloadSegment, signature] = parts as [string, string, string]
    const header = this.#header(headerSegment)
    if (header === undefined || typeof header.alg !== 'string') throw new Refusal('malformed')
    if (!this.#allowed.has(header.alg)) throw new Refusal('alg_not_allowed')
    const key = this.#keys.get(header.alg)?.get(header.kid ?? NO_KID)
    if (key === undefined) throw new Refusal('unknown_kid')
    const signingInput = token.slice(0, headerSegment.length + 1 + payloadSegment.length)
    if (!signatureIsValid(header.alg, key, signingInput, signature))
      throw new Refusal('bad_signature')
    // Buffer's decoder ignores spare bits (and a lone last character): without this, up to 16
    // spellings of one signature verify. Checked after the signature, so a wrong one stays
    // `bad_signature` however it is spelled.
    if (!isCanonicalBase64url(signature)) throw new Refusal('malformed', NOT_CANONICAL)
    const payload = validateClaims(header, payloadSegment, this.settings, context)
    const bytes = segmentBytes(payloadSegment)
    // RFC 7519 4: JSON.parse keeps the last of duplicate claims; such a token is refused.
    if (hasDuplicateMembers(bytes, payload)) throw new Refusal('malformed', 'duplicate claims')
    // Decoded as jose decodes it (a BOM is dropped), so the main thread parses what jose judged.
    return payloadText.decode(bytes)
  }

  #header(segment: string): JWSHeaderParameters | undefined {
    if (this.#headers.has(segment)) return this.#headers.get(segment)
    let header: JWSHeaderParameters | undefined
    try {
      const parsed: unknown = JSON.parse(utf8(segmentBytes(segment)))
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        header = parsed as JWSHeaderParameters
    } catch {
      header = undefined
    }
    if (this.#headers.size >= HEADER_CACHE_MAX) this.#headers.clear()
    this.#headers.set(segment, header)
    return header
  }
}
