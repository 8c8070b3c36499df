/**
 * The diagnostics contract (version 1): what core publishes on `node:diagnostics_channel`, for
 * `@vendor-token/opentelemetry` or any other subscriber. Channel names and message fields are
 * public: fields are only added in a minor release; a removal or a change of meaning gets a new
 * channel name. Nothing here is built unless someone subscribes (`hasSubscribers` first).
 * A message never holds a secret, a token or a raw cache key: a key is `keyHash`, and the user
 * id only when the manager was created with `traceUserIds: true`.
 */
import { createHash } from 'node:crypto'
import { channel, tracingChannel } from 'node:diagnostics_channel'
import { cacheKey } from './cache-key.js'
import {
  AuthorizationCallbackError,
  InvalidTokenResponseError,
  NotSignedInError,
  TokenRequestRejectedError,
  TokenRequestTimeoutError,
} from './errors.js'
import type { StoredToken, TokenParams } from './types.js'

/** Version of the channel contract below. */
export const DIAGNOSTICS_VERSION = 1

/** Every channel core publishes on. `fetch` is a tracing channel (`tracing:vendor-token:fetch:*`). */
export const DIAGNOSTICS_CHANNELS = {
  fetch: 'vendor-token:fetch',
  retry: 'vendor-token:retry',
  cache: 'vendor-token:cache',
  invalidate: 'vendor-token:invalidate',
  evict: 'vendor-token:evict',
  signin: 'vendor-token:signin',
} as const

/** How a fetch ended. Anything that is not one of the first four (a source's own error, close) is `unavailable`. */
export type FetchOutcome = 'ok' | 'rejected' | 'unavailable' | 'timeout' | 'invalid_response'

/**
 * The context of `vendor-token:fetch`: ONE object for the WHOLE fetch of a key (single-flight,
 * retries included), not one per token request. Published on `start` in the async context of
 * the caller that started the fetch; the end fields are set before `asyncEnd` (and `error`).
 */
export interface FetchContext {
  /** Unique in the process; `vendor-token:cache` `wait` and `vendor-token:retry` messages carry it. */
  readonly id: number
  readonly vendor: string
  readonly keyHash: string
  /** The source's kind, e.g. `client_credentials`, `authorization_code`. */
  readonly grant: string
  /** A refresh-ahead in the background (no caller waits for it). */
  readonly background: boolean
  /** Only with `traceUserIds: true`, for a user's key. */
  readonly user?: string
  /**
   * The token request in progress, from 1; at the end, the requests made. 0 at the end: no
   * request was sent (the store had a usable token, e.g. another instance fetched it).
   */
  attempt: number
  /** Host of the last HTTP request of the fetch (the token endpoint). */
  serverAddress?: string
  /** End: how the fetch ended. */
  outcome?: FetchOutcome
  /** End: HTTP status of the last answer, if one came. */
  httpStatus?: number
  /** End, `ok`: seconds until the new token expires. */
  expiresInSeconds?: number
  /** End, failure: the error's stable `code` (e.g. `token_rejected`). */
  errorCode?: string
  /** End, `rejected`: the OAuth error the vendor sent (RFC 6749 5.2), e.g. `invalid_client`. */
  oauthError?: string
  /** Set by the `error` event (tracing-channel convention). Its message is safe; do not export its `cause`. */
  error?: unknown
}

/** `vendor-token:retry`: a token request of a fetch failed transiently; the next one follows `delayMs`. */
export interface FetchRetryMessage {
  readonly fetchId: number
  readonly vendor: string
  readonly keyHash: string
  /** The request that failed, from 1. */
  readonly attempt: number
  readonly delayMs: number
  /** The error's code, e.g. `endpoint_unavailable`, `timeout`. */
  readonly reason: string
  readonly httpStatus?: number
}

/**
 * `vendor-token:cache`, one per `getToken` (and per `peekToken` that returns a token):
 * `hit` from the cache, `wait` joined the fetch in flight (`fetchId`), `miss` neither (a fetch
 * starts, or the failure in cool-down is shared).
 */
export interface CacheLookupMessage {
  readonly vendor: string
  readonly keyHash: string
  readonly result: 'hit' | 'miss' | 'wait'
  /** Set for `wait` (else undefined). */
  readonly fetchId: number | undefined
  /** Only with `traceUserIds: true` (else undefined). */
  readonly user: string | undefined
}

/** `vendor-token:invalidate`: a token was dropped (`api`: manager.invalidate, `unauthorized`: after a 401 in manager.fetch, `remote`: another instance). */
export interface InvalidateMessage {
  readonly vendor: string
  readonly keyHash: string
  readonly reason: 'api' | 'unauthorized' | 'remote'
  readonly user?: string
}

/** `vendor-token:evict`: an idle entry left the table (`max_entries`: LRU over the bound, `idle`: unused for `idleTtlMs`). */
export interface EvictMessage {
  readonly vendor: string
  readonly keyHash: string
  readonly reason: 'max_entries' | 'idle'
  readonly user?: string
}

/**
 * `vendor-token:signin`: a step of a user's sign-in. `login`: an authorization URL was made;
 * `callback`: `ok`, or `refused` with the AuthorizationCallbackError `reason`; `refresh`: the
 * user's token was refreshed (`refused`: the provider refused the refresh token);
 * `sign_out`: tokens forgotten (`reason` `sign_out` or `refresh_rejected`).
 */
export interface SignInMessage {
  readonly vendor: string
  readonly keyHash: string
  readonly step: 'login' | 'callback' | 'refresh' | 'sign_out'
  readonly outcome: 'ok' | 'refused'
  readonly reason?: string
  readonly user?: string
}

/**
 * A short stable hash of a cache key: 12 base64url characters of its SHA-256. The same key
 * gives the same hash in every process and version, so traces, metrics and `status()` rows of
 * a fleet can be matched; it does not reveal the params. It is not a secret: a key with a
 * guessable user id can be matched against guesses.
 */
export function diagnosticsKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 12)
}

// ---- Publishing (internal to core: the lifecycle calls these) ----

/**
 * What a message needs to know about a cache key; a TokenEntry fits. `keyHash` is a slot the
 * helpers fill on the first message (declare it `undefined` on the entry, so a hit reads a plain
 * field instead of hashing).
 */
export interface DiagnosticsSubject {
  readonly vendor: string
  readonly key: string
  readonly params: TokenParams
  keyHash?: string | undefined
}

const fetchChannel = tracingChannel<FetchContext>(DIAGNOSTICS_CHANNELS.fetch)
const retryChannel = channel(DIAGNOSTICS_CHANNELS.retry)
/** Check `cacheChannel.hasSubscribers` before calling `publishCacheLookup` on the hot path. */
export const cacheChannel = channel(DIAGNOSTICS_CHANNELS.cache)
const invalidateChannel = channel(DIAGNOSTICS_CHANNELS.invalidate)
const evictChannel = channel(DIAGNOSTICS_CHANNELS.evict)
const signInChannel = channel(DIAGNOSTICS_CHANNELS.signin)

function hashOf(subject: DiagnosticsSubject): string {
  subject.keyHash ??= diagnosticsKeyHash(subject.key)
  return subject.keyHash
}

/** The user id for a message: only when the app opted in. */
function userOf(subject: DiagnosticsSubject, traceUserIds: boolean): string | undefined {
  const user = traceUserIds ? subject.params.user : undefined
  return typeof user === 'string' ? user : undefined
}

/** `{ vendor, keyHash }` plus `user` when traced. */
function about(subject: DiagnosticsSubject, traceUserIds: boolean) {
  const user = userOf(subject, traceUserIds)
  return user === undefined
    ? { vendor: subject.vendor, keyHash: hashOf(subject) }
    : { vendor: subject.vendor, keyHash: hashOf(subject), user }
}

let lastFetchId = 0

/** Classifies a fetch's final error for `FetchContext.outcome`. */
export function fetchOutcome(error: unknown): FetchOutcome {
  if (error instanceof TokenRequestTimeoutError) return 'timeout'
  if (error instanceof TokenRequestRejectedError || error instanceof NotSignedInError) {
    return 'rejected'
  }
  if (error instanceof InvalidTokenResponseError) return 'invalid_response'
  return 'unavailable'
}

/**
 * Runs one whole fetch of a key inside the `vendor-token:fetch` tracing channel (when anyone
 * subscribes; else just `run(undefined)`). `run` gets the context to pass to `noteAttempt`,
 * `observeFetch` and `publishRetry`. The token itself never goes on the context.
 */
export function traceFetch(
  subject: DiagnosticsSubject & { readonly source: { readonly kind: string } },
  options: { background: boolean; traceUserIds: boolean; now: () => number },
  run: (context: FetchContext | undefined) => Promise<StoredToken>,
): Promise<StoredToken> {
  if (!fetchChannel.hasSubscribers) return run(undefined)
  const context: FetchContext = {
    id: ++lastFetchId,
    ...about(subject, options.traceUserIds),
    grant: subject.source.kind,
    background: options.background,
    attempt: 0,
  }
  return fetchChannel.start.runStores(context, () => {
    let promise: Promise<StoredToken>
    try {
      promise = run(context)
    } catch (error) {
      promise = Promise.reject(error)
    }
    fetchChannel.end.publish(context)
    return promise.then(
      (stored) => {
        context.outcome = 'ok'
        context.expiresInSeconds = Math.round((stored.expiresAt - options.now()) / 1000)
        fetchChannel.asyncStart.publish(context)
        fetchChannel.asyncEnd.publish(context)
        return stored
      },
      (error: unknown) => {
        const { code, httpStatus, oauthError } = (error ?? {}) as {
          code?: unknown
          httpStatus?: unknown
          oauthError?: unknown
        }
        context.outcome = fetchOutcome(error)
        if (typeof code === 'string') context.errorCode = code
        if (typeof httpStatus === 'number') context.httpStatus = httpStatus
        if (typeof oauthError === 'string') context.oauthError = oauthError
        context.error = error
        fetchChannel.error.publish(context)
        fetchChannel.asyncStart.publish(context)
        fetchChannel.asyncEnd.publish(context)
        throw error
      },
    )
  })
}

/** A token request of the fetch begins. */
export function noteAttempt(context: FetchContext | undefined): void {
  if (context !== undefined) context.attempt++
}

/** The source's `fetch`, recording the host asked and the status answered on the context. */
export function observeFetch(
  context: FetchContext | undefined,
  fetch: typeof globalThis.fetch,
): typeof globalThis.fetch {
  if (context === undefined) return fetch
  return async (input, init) => {
    const url = typeof input === 'string' || input instanceof URL ? input : input.url
    context.serverAddress = URL.canParse(url) ? new URL(url).hostname : undefined
    context.httpStatus = undefined // a request that gets no answer has no status
    const response = await fetch(input, init)
    context.httpStatus = response.status
    return response
  }
}

/** A transient failure of request `retry + 1`; the next request follows after `delayMs`. */
export function publishRetry(
  context: FetchContext | undefined,
  error: unknown,
  retry: number,
  delayMs: number,
): void {
  if (context === undefined || !retryChannel.hasSubscribers) return
  const { code, httpStatus } = (error ?? {}) as { code?: unknown; httpStatus?: unknown }
  const message: FetchRetryMessage = {
    fetchId: context.id,
    vendor: context.vendor,
    keyHash: context.keyHash,
    attempt: retry + 1,
    delayMs,
    reason: typeof code === 'string' ? code : 'error',
    ...(typeof httpStatus === 'number' ? { httpStatus } : {}),
  }
  retryChannel.publish(message)
}

/** One cache lookup; `fetchId` for a `wait`. One object, one shape: this runs on cache hits. */
export function publishCacheLookup(
  subject: DiagnosticsSubject,
  result: CacheLookupMessage['result'],
  traceUserIds: boolean,
  fetchId?: number,
): void {
  if (!cacheChannel.hasSubscribers) return
  const message: CacheLookupMessage = {
    vendor: subject.vendor,
    keyHash: subject.keyHash ?? hashOf(subject),
    result,
    fetchId,
    user: traceUserIds ? userOf(subject, true) : undefined,
  }
  cacheChannel.publish(message)
}

export function publishInvalidate(
  subject: DiagnosticsSubject,
  reason: InvalidateMessage['reason'],
  traceUserIds: boolean,
): void {
  if (!invalidateChannel.hasSubscribers) return
  invalidateChannel.publish({ ...about(subject, traceUserIds), reason } satisfies InvalidateMessage)
}

export function publishEvict(
  subject: DiagnosticsSubject,
  reason: EvictMessage['reason'],
  traceUserIds: boolean,
): void {
  if (!evictChannel.hasSubscribers) return
  evictChannel.publish({ ...about(subject, traceUserIds), reason } satisfies EvictMessage)
}

export function publishSignIn(
  subject: DiagnosticsSubject,
  step: SignInMessage['step'],
  outcome: SignInMessage['outcome'],
  traceUserIds: boolean,
  reason?: string,
): void {
  if (!signInChannel.hasSubscribers) return
  const base = { ...about(subject, traceUserIds), step, outcome }
  const message: SignInMessage = reason === undefined ? base : { ...base, reason }
  signInChannel.publish(message)
}

/**
 * Publishes the outcome of a sign-in step run by the manager (`login`, `callback`,
 * `sign_out`) for `user`: `ok` when it resolves, `refused` with the reason when it rejects with
 * an AuthorizationCallbackError. Other failures (bad input, discovery down) are not sign-in
 * outcomes and publish nothing. Returns `run`, passed through.
 */
export function traceSignIn<T>(
  vendor: string,
  user: unknown,
  step: SignInMessage['step'],
  traceUserIds: boolean,
  run: Promise<T>,
  okReason?: string,
): Promise<T> {
  if (!signInChannel.hasSubscribers || typeof user !== 'string') return run
  const subject = { vendor, key: cacheKey(vendor, { user }), params: { user } }
  return run.then(
    (value) => {
      publishSignIn(subject, step, 'ok', traceUserIds, okReason)
      return value
    },
    (error: unknown) => {
      if (error instanceof AuthorizationCallbackError) {
        publishSignIn(subject, step, 'refused', traceUserIds, error.reason)
      }
      throw error
    },
  )
}
