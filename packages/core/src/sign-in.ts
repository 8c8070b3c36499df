import {
  AUTHORIZATION_STATE_TTL_MS,
  type AuthorizationState,
  newState,
  peekState,
  saveState,
  stateKey,
  takeState,
} from './authorization-state.js'
import { type CallbackQuery, readCallbackQuery } from './callback-query.js'
import type { EmitEvent } from './entry-driver.js'
import type { EntryTable } from './entry-table.js'
import {
  AuthorizationCallbackError,
  ConfigurationError,
  InvalidParamsError,
  ManagerClosedError,
  unknownVendor,
} from './errors.js'
import type { ResolvedOptions } from './options.js'
import { checkReturnTo } from './return-to.js'
import { runSignInStep } from './sign-in-step.js'
import { SignedInToken } from './signed-in-token.js'
import { MIN_EXPIRES_IN_SECONDS, validateTokenResponse } from './token-response.js'
import { tellTokensIssued } from './tokens-issued.js'
import type { StoredToken, TokenParams } from './types.js'
import { isUserTokenSource, type SignInStepContext, type UserTokenSource } from './user-source.js'

/** What the sign-in flows need from their manager. */
export interface SignInDeps {
  options: ResolvedOptions
  table: EntryTable
  /** Aborts when the manager closes. */
  closed: AbortSignal
  emit: EmitEvent
  setToken(vendor: string, params: TokenParams, stored: StoredToken): Promise<void>
}

/**
 * `manager.authorizationUrl` / `handleCallback` (DESIGN.md "Vendor presets"): the state
 * (random, single use, bound to the user, 10 minutes) lives in the manager's store, so with a
 * shared store any instance may take the callback. No code is exchanged unless the state, the
 * user and the callback all check out.
 */
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
    const source = this.source(vendor)
    const user = checkUser(options?.user, vendor)
    const returnTo = checkReturnTo(options?.returnTo, vendor)
    const state = newState()
    const prepared = await this.step(vendor, (context) => source.authorizationUrl(state, context))
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
    const source = this.source(vendor)
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
    const response = await this.step(vendor, (context) =>
      source.handleCallback({ code, iss, verifier, nonce }, context),
    )
    const params = { user }
    const entry = this.#deps.table.entry(vendor, params)
    const sentAt = response.requestedAt ?? settings.clock.now()
    const { token, usedDefaultLifetime, flooredExpiresIn } = validateTokenResponse(response, {
      vendor,
      sentAt,
      defaultLifetimeSeconds: source.defaultLifetimeSeconds ?? settings.defaultLifetimeSeconds,
      allowedTokenTypes: source.allowedTokenTypes,
    })
    if (usedDefaultLifetime) {
      const message = 'token answer has neither expires_in nor exp; assuming the default lifetime'
      this.#deps.emit('warning', { vendor, key: entry.key, code: 'default_lifetime', message })
    }
    if (flooredExpiresIn) {
      const message = `token answer has an expires_in below ${MIN_EXPIRES_IN_SECONDS} s; using ${MIN_EXPIRES_IN_SECONDS} s`
      this.#deps.emit('warning', { vendor, key: entry.key, code: 'expires_in_floored', message })
    }
    await this.#deps.setToken(vendor, params, token)
    try {
      // Other instances drop what they hold for this user (an earlier sign-in, a failure).
      await settings.store.publishInvalidate?.(entry.key)
    } catch {
      // Best effort: without the notice they see the new tokens when theirs run out.
    }
    await tellTokensIssued(source, params, token, {
      vendor,
      key: entry.key,
      logger: settings.logger,
    })
    return new SignedInToken(token, pending.returnTo)
  }

  /**
   * The user source registered under `vendor`.
   * @throws UnknownVendorError, ConfigurationError (a source that cannot sign users in)
   */
  source(vendor: string): UserTokenSource {
    if (this.#deps.closed.aborted) throw new ManagerClosedError('token manager is closed')
    const source = this.#deps.table.sources.get(vendor)
    if (source === undefined) {
      throw unknownVendor(vendor, this.#deps.table.sources.keys())
    }
    if (!isUserTokenSource(source)) {
      throw new ConfigurationError('this vendor has no user sign-in source', { vendor })
    }
    return source
  }

  /** One network step with the manager's timeout. */
  step<T>(vendor: string, run: (context: SignInStepContext) => Promise<T>): Promise<T> {
    return runSignInStep(this.#deps.options, this.#deps.closed, vendor, run)
  }
}

/** @throws InvalidParamsError unless `user` is a non-empty string */
export function checkUser(user: unknown, vendor: string): string {
  if (typeof user !== 'string' || user === '') {
    throw new InvalidParamsError('a user key (non-empty string) is required', { vendor })
  }
  return user
}
