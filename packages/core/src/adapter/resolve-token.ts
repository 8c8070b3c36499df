import { ConfigurationError, NotSignedInError } from '../errors.js'
import type { GetTokenOptions, Logger, TokenParams } from '../types.js'
import type { FailureOptions } from './failure-handling.js'
import type { MissingUserOptions } from './missing-user.js'
import { checkRegistered, type VendorRegistry } from './registered-vendor.js'

/** What an adapter needs from a `TokenManager` (structural, so tests and wrappers fit too). */
export interface TokenProvider<T> extends VendorRegistry {
  getToken(vendor: string, params?: TokenParams, options?: GetTokenOptions): Promise<T>
  /** Optional synchronous cache hit (TokenManager has it): lets a hit skip the promise. */
  peekToken?(vendor: string, params?: TokenParams): T | undefined
  /** The manager's logger: the middleware's failure lines go there. */
  readonly logger?: Logger
}

/** Options of `vendorToken(manager, vendor, options)` in every adapter; `R` is the framework's request. */
export interface VendorTokenOptions<R> extends MissingUserOptions, FailureOptions {
  /** Per-request token params, e.g. firm ids from a header. Part of the cache key. */
  params?: (request: R) => TokenParams | undefined
  /**
   * The signed-in user's key for per-user (authorization-code) sources. When given and it returns
   * `undefined`, the request is answered 401 `not_signed_in` without asking the manager.
   */
  user?: (request: R) => string | undefined
}

/** The token lookup both adapters share; a request's callbacks run once, in `params`. */
export interface TokenLookup<R, T> {
  /**
   * Runs `params(request)` and `user(request)` (once per request) and combines them.
   * @throws NotSignedInError when `user` is given and returns no user key.
   */
  params(request: R): TokenParams | undefined
  /** A fresh cached token for those params, synchronously (no promise), or undefined. */
  peek(params: TokenParams | undefined): T | undefined
  /** The token for those params: `manager.getToken(vendor, params, options)`. */
  get(params: TokenParams | undefined, options?: GetTokenOptions): Promise<T>
}

/**
 * Builds the per-request token lookup both adapters share. An adapter reads a request's params
 * once, tries `peek` (a cache hit costs no promise), and awaits `get` only on a miss. Checks its
 * arguments now, at mount time.
 *
 * @param manager - a `TokenManager` (anything with `getToken`; `peekToken` when it has one).
 * @param vendor - the name the source is registered under.
 * @param options - `params` and `user` callbacks.
 * @throws ConfigurationError when `manager`, `vendor` or the callbacks are not usable;
 *   UnknownVendorError when the manager has no source under `vendor` (register first).
 * @example
 * ```ts
 * const lookup = createTokenLookup(manager, 'bridgeft', { params: (req) => ({ firmIds: [39] }) })
 * const params = lookup.params(req) // throws NotSignedInError without a user
 * const token = lookup.peek(params) ?? (await lookup.get(params, { signal }))
 * ```
 */
export function createTokenLookup<R, T>(
  manager: TokenProvider<T>,
  vendor: string,
  options: VendorTokenOptions<R> = {},
): TokenLookup<R, T> {
  if (typeof manager?.getToken !== 'function') {
    throw new ConfigurationError('vendorToken() needs a TokenManager as its first argument')
  }
  if (typeof vendor !== 'string' || vendor === '') {
    throw new ConfigurationError('vendorToken() needs a vendor name as its second argument')
  }
  checkRegistered(manager, vendor)
  const { params, user } = options
  for (const [name, value] of [
    ['params', params],
    ['user', user],
  ] as const) {
    if (value !== undefined && typeof value !== 'function') {
      throw new ConfigurationError(`vendorToken() option "${name}" must be a function`, { vendor })
    }
  }
  const peekToken = manager.peekToken?.bind(manager)
  return {
    params: (request) => {
      const requestParams = params?.(request)
      if (user === undefined) return requestParams
      const userKey = user(request)
      if (userKey === undefined || userKey === '') {
        throw new NotSignedInError('Sign-in is required for this vendor', { vendor })
      }
      return { ...requestParams, user: userKey }
    },
    peek: (requestParams) => peekToken?.(vendor, requestParams),
    get: (requestParams, getOptions) => manager.getToken(vendor, requestParams, getOptions),
  }
}
