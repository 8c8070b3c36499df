import { publishSignIn } from '../diagnostics.js'
import {
  AuthorizationCallbackError,
  ConfigurationError,
  InvalidParamsError,
  ManagerClosedError,
  NotSignedInError,
  unknownVendor,
} from '../errors.js'
import { callOnTokens } from '../on-tokens.js'
import type { ResolvedOptions } from '../options.js'
import { forgetInStore } from '../store/forget.js'
import { withTimeout } from '../timeout.js'
import { Token } from '../token.js'
import { acceptTokenResponse } from '../token-response.js'
import type { StoredToken, TokenEvents, TokenParams, TokenSource } from '../types.js'
import { checkReturnTo } from './return-to.js'
import {
  AUTHORIZATION_STATE_TTL_MS,
  type AuthorizationState,
  type CallbackQuery,
  newState,
  peekState,
  readCallbackQuery,
  saveState,
  stateKey,
  takeState,
} from './state.js'
import {
  hasPreviousUserSourceNames,
  isUserTokenSource,
  type SignInStepContext,
  type UserTokenSource,
} from './user-source.js'

/**
 * The manager's side of a user's sign-in (docs/design.md "Sign-in"): `authorizationUrl`,
 * `handleCallback`, `signOut`, and the sign-out after a refused refresh. The source only talks
 * to the provider (`prepareAuthorization`, `exchangeCode`, `revoke`, and `requestToken` for the
 * refresh); everything kept between the steps lives here and in the manager's store.
 *
 * The state (random, single use, bound to the user, 10 minutes) is kept in the store, so with a
 * shared store any instance may take the callback. No code is exchanged unless the state, the
 * user and the callback all check out.
 */

/** What sign-in reads and does on a user's cache entry (a TokenEntry fits). */
export interface UserEntry {
  readonly vendor: string
  readonly key: string
  readonly params: TokenParams
  readonly source: TokenSource
  readonly stored: StoredToken | undefined
  readonly inflight: Promise<unknown> | undefined
  /** Drops the held tokens (and any failure in cool-down) in memory. */
  forget(): void
}

/** What the sign-in flows need from their manager. */
export interface SignInDeps {
  options: ResolvedOptions
  sources: ReadonlyMap<string, TokenSource>
  /** The cache entry of a key (created if missing). */
  entry(vendor: string, params: TokenParams): UserEntry
  /** Aborts when the manager closes. */
  closed: AbortSignal
  emit<K extends 'warning' | 'signedOut'>(event: K, ...payload: TokenEvents[K]): void
  setToken(vendor: string, params: TokenParams, stored: StoredToken): Promise<void>
}

/**
 * What `manager.handleCallback` returns: the user's new token, and where the user wanted to go
 * (`returnTo` given to `authorizationUrl`, already checked to be a path on this site).
 * Logs and JSON show it redacted like any Token.
 */
export class SignedInToken extends Token {
  /** The `returnTo` of the sign-in, if one was given. */
  readonly returnTo: string | undefined

  constructor(stored: StoredToken, returnTo: string | undefined) {
    super(stored)
    this.returnTo = returnTo
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), returnTo: this.returnTo }
  }
}

/** What `manager.signOut` resolves to. */
export interface SignOutResult {
  /** The provider accepted the revocation of the refresh token (RFC 7009). */
  revoked: boolean
}

export class SignInFlows {
  readonly #deps: SignInDeps
  /** States being taken in this process (stores without an atomic `take`). */
  readonly #taking = new Set<string>()

  constructor(deps: SignInDeps) {
    this.#deps = deps
  }

  /** @see TokenManager.authorizationUrl */
  async authorizationUrl(
    vendor: string,
    options: { user: string; returnTo?: string | undefined },
  ): Promise<{ url: string; expiresAt: number }> {
    const source = this.#source(vendor)
    const user = checkUser(options?.user, vendor)
    const returnTo = checkReturnTo(options?.returnTo, vendor)
    const state = newState()
    const prepared = await this.#step(vendor, (context) =>
      source.prepareAuthorization(state, context),
    )
    const createdAt = this.#deps.options.clock.now()
    const record: AuthorizationState = {
      user,
      verifier: prepared.verifier,
      createdAt,
      expiresAt: createdAt + AUTHORIZATION_STATE_TTL_MS,
    }
    if (prepared.nonce !== undefined) record.nonce = prepared.nonce
    if (returnTo !== undefined) record.returnTo = returnTo
    await saveState(this.#deps.options.store, stateKey(vendor, state), record)
    return { url: prepared.url, expiresAt: record.expiresAt }
  }

  /** @see TokenManager.handleCallback */
  async handleCallback(
    vendor: string,
    query: CallbackQuery,
    options: { user: string },
  ): Promise<SignedInToken> {
    const { options: settings } = this.#deps
    const source = this.#source(vendor)
    const user = checkUser(options?.user, vendor)
    const callback = readCallbackQuery(query)
    const fail = (reason: string, message: string) =>
      new AuthorizationCallbackError(message, { vendor, reason })
    if (callback.state === undefined) throw fail('state_missing', 'the callback has no state')
    const key = stateKey(vendor, callback.state)
    const mismatch = () => fail('state_user_mismatch', 'the sign-in was started by another user')
    // Another user's state is refused before it is taken: it stays usable by its own user.
    const peeked = await peekState(settings.store, key)
    if (peeked !== undefined && peeked.user !== user) throw mismatch()
    const pending = await takeState(settings.store, key, this.#taking)
    if (pending === undefined) throw fail('state_unknown', 'unknown or already used sign-in state')
    if (settings.clock.now() >= pending.expiresAt) throw fail('state_expired', 'sign-in expired')
    if (pending.user !== user) throw mismatch()
    if (callback.error !== undefined) {
      throw fail('provider_error', `the provider ended the sign-in: ${callback.error}`)
    }
    if (callback.code === undefined) throw fail('code_missing', 'the callback has no code')
    const { code, iss } = callback
    const { verifier, nonce } = pending
    const response = await this.#step(vendor, (context) =>
      source.exchangeCode({ code, iss, verifier, nonce }, context),
    )
    const params = { user }
    const entry = this.#deps.entry(vendor, params)
    const sentAt = response.requestedAt ?? settings.clock.now()
    const token = acceptTokenResponse(
      response,
      {
        vendor,
        sentAt,
        defaultLifetimeSeconds: source.defaultLifetimeSeconds ?? settings.defaultLifetimeSeconds,
        allowedTokenTypes: source.allowedTokenTypes,
      },
      (code, message) => this.#deps.emit('warning', { vendor, key: entry.key, code, message }),
    )
    await this.#deps.setToken(vendor, params, token)
    try {
      // Other instances drop what they hold for this user (an earlier sign-in, a failure).
      await settings.store.publishInvalidate?.(entry.key)
    } catch {
      // Best effort: without the notice they see the new tokens when theirs run out.
    }
    await callOnTokens(source, params, token, {
      vendor,
      key: entry.key,
      logger: settings.logger,
    })
    return new SignedInToken(token, pending.returnTo)
  }

  /**
   * `manager.signOut`: forgets the user's tokens here and in the store (other instances are
   * told to drop theirs), emits `signedOut`, then has the source `revoke` the refresh token at
   * the provider. A failed revocation is logged (never with the token) and reported as
   * `revoked: false`: the user is signed out here either way.
   */
  async signOut(vendor: string, options: { user: string }): Promise<SignOutResult> {
    const source = this.#source(vendor)
    const user = checkUser(options?.user, vendor)
    const entry = this.#deps.entry(vendor, { user })
    const { store, logger } = this.#deps.options
    // A refresh in flight lands first, so its (rotated) refresh token is the one revoked.
    await entry.inflight?.catch(() => undefined)
    let held: StoredToken | undefined = entry.stored
    try {
      held = (await store.get(entry.key)) ?? held
    } catch (error) {
      logger.warn('token store read failed', { vendor, key: entry.key, error: String(error) })
    }
    entry.forget()
    await forgetInStore(store, logger, entry)
    if (held === undefined) return { revoked: false }
    this.#deps.emit('signedOut', { vendor, key: entry.key, user, reason: 'sign_out' })
    const token = held
    try {
      return { revoked: await this.#step(vendor, (context) => source.revoke(token, context)) }
    } catch (error) {
      const code = (error as { code?: unknown }).code
      logger.warn('refresh token revocation failed', { vendor, key: entry.key, code })
      return { revoked: false }
    }
  }

  /**
   * After a failed refresh of a user's token: NotSignedInError means the provider refused the
   * refresh token (`invalid_grant`: expired, revoked, reused) or there is none left. The user is
   * signed out (tokens deleted here and in the store, `signedOut` emitted) so that later calls
   * fail at once instead of sending the dead refresh token again. The failure stays in
   * cool-down. Nothing is revoked: the provider already refused the token.
   */
  signOutAfterFailedRefresh(entry: UserEntry, error: unknown): void {
    if (!(error instanceof NotSignedInError)) return
    if (entry.stored === undefined || !isUserTokenSource(entry.source)) return
    const user = entry.params.user as string
    const { store, logger } = this.#deps.options
    entry.forget()
    void forgetInStore(store, logger, entry)
    const { traceUserIds } = this.#deps.options
    const refusal = (error.cause as { oauthError?: string } | undefined)?.oauthError ?? error.code
    publishSignIn(entry, 'refresh', 'refused', traceUserIds, refusal)
    publishSignIn(entry, 'sign_out', 'ok', traceUserIds, 'refresh_rejected')
    this.#deps.emit('signedOut', {
      vendor: entry.vendor,
      key: entry.key,
      user,
      reason: 'refresh_rejected',
    })
  }

  /**
   * The user source registered under `vendor`.
   * @throws ManagerClosedError, UnknownVendorError, ConfigurationError (a source that cannot
   *   sign users in)
   */
  #source(vendor: string): UserTokenSource {
    if (this.#deps.closed.aborted) throw new ManagerClosedError('token manager is closed')
    const source = this.#deps.sources.get(vendor)
    if (source === undefined) throw unknownVendor(vendor, this.#deps.sources.keys())
    if (isUserTokenSource(source)) return source
    const message = hasPreviousUserSourceNames(source)
      ? 'this user source has the methods of core 0.1 (authorizationUrl, handleCallback, signOut): rename them prepareAuthorization, exchangeCode, revoke'
      : 'this vendor has no user sign-in source'
    throw new ConfigurationError(message, { vendor })
  }

  /** One network step of a sign-in with the manager's timeout; not retried (a code is single use). */
  #step<T>(vendor: string, run: (context: SignInStepContext) => Promise<T>): Promise<T> {
    const { clock, timeoutMs, fetch, logger } = this.#deps.options
    return withTimeout((signal) => run({ vendor, fetch, signal, clock, logger }), {
      clock,
      timeoutMs,
      parent: this.#deps.closed,
      vendor,
      what: 'sign-in request',
    })
  }
}

/** @throws InvalidParamsError unless `user` is a non-empty string */
function checkUser(user: unknown, vendor: string): string {
  if (typeof user !== 'string' || user === '') {
    throw new InvalidParamsError('a user key (non-empty string) is required', { vendor })
  }
  return user
}
