/**
 * What the main thread and the workers exchange. Kept small and flat, because message cost is
 * per object: a batch of tokens goes out as one string, and one JSON text of outcomes comes back
 * (the payloads the worker decoded and judged, parsed once per batch by the main thread).
 */

/** What a token is judged by: the claim rules of `createVerifier`, resolved. */
export interface ClaimRules {
  issuer: string
  audience: string[] | undefined
  algorithms: string[]
  clockToleranceSeconds: number
  requiredClaims: string[]
  accessTokensOnly: boolean
  clientIds: string[]
}

/** Settings every worker receives once (piscina `workerData`). */
export interface WorkerSettings extends ClaimRules {
  /**
   * Testing only: the worker ends its thread when it meets this token.
   * @internal
   */
  exitOnToken: string | undefined
}

/**
 * The key set as workers see it: the JWKS JSON written once per change into shared memory,
 * tagged with a version. A task carries only this reference, so the JWKS is not copied per task
 * and a worker rebuilds its keys only when the version changes.
 */
export interface SharedKeySet {
  version: number
  buffer: SharedArrayBuffer
}

/** One message to a worker: a batch of tokens judged at `nowMs`. */
export interface BatchTask {
  keys: SharedKeySet
  nowMs: number
  /** The tokens joined by {@link SEPARATOR} (pre-checked: base64url and dots only). */
  tokens: string
}

/**
 * The outcomes of a batch as one JSON array text, per token in order: the payload (the JSON
 * object a verified token carries, as jose decoded it), or a string with the refusal as `code`
 * or `code:detail` (never containing the token). The main thread parses it once per batch.
 */
export type BatchResult = string

/** A parsed {@link BatchResult} entry: a verified payload, or an encoded refusal. */
export type BatchOutcome = Record<string, unknown> | string

/** Separates the tokens of a batch; never part of a pre-checked token. */
export const SEPARATOR = '\n'

/** Key used for a token header without `kid`. */
export const NO_KID = ''
