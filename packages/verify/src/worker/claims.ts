import {
  errors,
  type JWSHeaderParameters,
  type JWTClaimVerificationOptions,
  type JWTPayload,
  UnsecuredJWT,
} from 'jose'
import type { WorkerSettings } from '../protocol.js'
import { looksLikeIdToken } from './id-token.js'
import { nonFiniteReason } from './non-finite.js'
import { Refusal } from './refusal.js'

/** `{"alg":"none"}`: the signature is already verified, jose now only reads and checks the claims. */
const NONE_HEADER = Buffer.from('{"alg":"none"}').toString('base64url')

/** What the claims of one batch are judged against (built once per batch, not per token). */
export interface ClaimsContext {
  jose: JWTClaimVerificationOptions
  nowSeconds: number
}

/** The jose options for a batch judged at `nowMs`. */
export function claimsContext(settings: WorkerSettings, nowMs: number): ClaimsContext {
  return {
    jose: {
      issuer: settings.issuer,
      audience: settings.audience,
      requiredClaims: settings.requiredClaims,
      clockTolerance: settings.clockToleranceSeconds,
      currentDate: new Date(nowMs),
    },
    nowSeconds: nowMs / 1000,
  }
}

function refusalFor(error: unknown): Refusal {
  if (error instanceof errors.JWTExpired) return new Refusal('expired')
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing')
      return new Refusal('missing_claim', `"${error.claim}" is missing`)
    if (error.reason === 'check_failed') {
      if (error.claim === 'iss') return new Refusal('wrong_issuer')
      if (error.claim === 'aud') return new Refusal('wrong_audience')
      if (error.claim === 'nbf') return new Refusal('not_yet_valid')
    }
    return new Refusal('malformed', `"${error.claim}" is invalid`)
  }
  return new Refusal('malformed', 'The claims are not a JSON object')
}

function refuseNonFinite(payload: JWTPayload): void {
  const reason = nonFiniteReason(payload)
  if (reason !== undefined) throw new Refusal('malformed', reason)
}

/**
 * Validates the claims of a token whose signature was verified: jose checks `iss`, `aud`, `exp`,
 * `nbf` and the required claims (through `UnsecuredJWT.decode` of the same payload segment);
 * then numbers JSON.parse made infinite (`1e400`), `iat` in the future and ID tokens are refused. (Duplicate claims are refused by the main
 * thread, which reads the payload bytes anyway.)
 */
export function validateClaims(
  header: JWSHeaderParameters,
  payloadSegment: string,
  settings: WorkerSettings,
  context: ClaimsContext,
): JWTPayload {
  let payload: JWTPayload
  try {
    payload = UnsecuredJWT.decode(`${NONE_HEADER}.${payloadSegment}.`, context.jose).payload
  } catch (error) {
    const claims = (error as { payload?: JWTPayload }).payload
    if (claims !== undefined) refuseNonFinite(claims)
    // An ID token is named as such even when it also fails a claim check (e.g. its audience).
    if (
      settings.accessTokensOnly &&
      claims !== undefined &&
      looksLikeIdToken(header, claims, settings.clientIds)
    ) {
      throw new Refusal('id_token_rejected')
    }
    throw refusalFor(error)
  }
  refuseNonFinite(payload)
  if (settings.accessTokensOnly && looksLikeIdToken(header, payload, settings.clientIds)) {
    throw new Refusal('id_token_rejected')
  }
  if (
    typeof payload.iat === 'number' &&
    payload.iat > context.nowSeconds + settings.clockToleranceSeconds
  ) {
    throw new Refusal('not_yet_valid', '"iat" is in the future')
  }
  return payload
}
