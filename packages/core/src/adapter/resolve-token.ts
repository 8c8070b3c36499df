import { ConfigurationError, NotSignedInError } from '../errors.js'
import type { GetTokenOptions, TokenParams } from '../types.js'
import type { MissingUserOptions } from './missing-user.js'

/** What an adapter needs from a `TokenManager` (structural, so tests and wrappers fit too). */
export interface TokenProvider<T> {
  getToken(vendor: string, params?: TokenParams, options?: GetTokenOptions): Promise<T>
  /** Optional synchronous cache hit (TokenManager has it): lets a hit skip the promise. */
  peekToken?(vendor: string, params?: TokenParams): T | undefined
}

/** Options of `vendorToken(manager, vendor, options)` in every adapter; `R` is the framework's request. */
export interface VendorTokenOptions<R> extends MissingUserOptions {
  /** Per-request token params, e.g. firm ids from a header. Part of the cache key. */
  params?: (request: R) => TokenParams | undefined
  /**
   * The signed-in user's key for per-user (authorization-code) sources. When given and it returns
   * `undefined`, the request is answered 401 `not_signed_in` without asking the manager.
   */
  user?: (request: R) => string | undefined
}

/** Resolves the token of one request: `(request, { signal }) => Promise<Token>`. */
export type TokenResolver<R, T> = (request: R, options?: GetTokenOptions) => Promise<T>

/**
 * Builds the per-request token lookup both adapters share: params and user from the request,
 * then `manager.getToken(vendor, params, options)`. Checks its arguments now, at mount time.
 *
 * @param manager - a `TokenManager` (anything with `getToken`).
 * @param vendor - the name the source is registered under.
 * @param options - `params` and `user` callbacks.
 * @throws ConfigurationError when `manager`, `vendor` or the callbacks are not usable.
 * @example
 * ```ts
 * const resolve = createTokenResolver(manager, 'bridgeft', { params: (req) => ({ firmIds: [39] }) })
 * const token = await resolve(req, { signal })
 * ```
 */
export function createTokenResolver<R, T>(
  manager: TokenProvider<T>,
  vendor: string,
  options: VendorTokenOptions<R> = {},
): TokenResolver<R, T> {
  if (typeof manager?.getToken !== 'function') {
    throw new ConfigurationError('vendorToken() needs a TokenManager as its first argument')
  }
  if (typeof vendor !== 'string' || vendor === '') {
    throw new ConfigurationError('vendorToken() needs a vendor name as its second argument')
  }
  const { params, user } = options
  for (const [name, value] of [
    ['params', params],
    ['user', user],
  ] as const) {
    if (value !== undefined && typeof value !== 'function') {
      throw new ConfigurationError(`vendorToken() option "${name}" must be a function`, { vendor })
    }
  }

  // The common case (no callbacks) stays a direct call: this runs on every request.
  if (params === undefined && user === undefined) {
    return (_request, getOptions) => manager.getToken(vendor, undefined, getOptions)
  }
  return async (request, getOptions) => {
    const requestParams = params?.(request)
    if (user === undefined) return manager.getToken(vendor, requestParams, getOptions)
    const userKey = user(request)
    if (userKey === undefined || userKey === '') {
      throw new NotSignedInError('Sign-in is required for this vendor', { vendor })
    }
    return manager.getToken(vendor, { ...requestParams, user: userKey }, getOptions)
  }
}

/** The synchronous cache hit of one request: the token, or undefined when it must be awaited. */
export type TokenPeek<R, T> = (request: R) => T | undefined

/**
 * Builds the per-request synchronous lookup both adapters try first: a fresh cached token for the
 * request's params and user, with no promise; undefined sends the request down the async path
 * (`createTokenResolver`), which also reports every error.
 */
export function createTokenPeek<R, T>(
  manager: TokenProvider<T>,
  vendor: string,
  options: VendorTokenOptions<R> = {},
): TokenPeek<R, T> {
  const peekToken = manager.peekToken?.bind(manager)
  if (peekToken === undefined) return () => undefined
  const { params, user } = options
  if (params === undefined && user === undefined) return () => peekToken(vendor)
  return (request) => {
    const userKey = user?.(request)
    if (user !== undefined && (userKey === undefined || userKey === '')) return undefined
    const requestParams = params?.(request)
    return peekToken(
      vendor,
      userKey === undefined ? requestParams : { ...requestParams, user: userKey },
    )
  }
}
