import { ConfigurationError, NotSignedInError } from '../errors.js'
import { checkReturnTo } from '../sign-in/return-to.js'
import { DEFAULT_LOGIN_PATH, isMountPath } from './sign-in-routes.js'

/** How `vendorToken` treats a request whose user has no token (or no user key). */
export interface MissingUserOptions {
  /** `reject` (default): 401 `not_signed_in`. `redirect`: GET/HEAD go to `loginPath`. */
  onMissingUser?: 'reject' | 'redirect'
  /** Where `redirect` sends the user, with `?returnTo=<this request>`. Default `/auth/login`. */
  loginPath?: string
}

/**
 * Builds the check an adapter runs when `vendorToken` fails: with `onMissingUser: 'redirect'`, a
 * NotSignedInError on a GET or HEAD becomes the login URL (carrying the request's path as
 * `returnTo`); anything else stays an error (undefined).
 *
 * @throws ConfigurationError at once for an unknown mode or a login path that is not a path.
 * @example
 * ```ts
 * const loginRedirect = createLoginRedirect({ onMissingUser: 'redirect' }, 'wealthcom')
 * loginRedirect(error, 'GET', '/clients') // '/auth/login?returnTo=%2Fclients'
 * ```
 */
export function createLoginRedirect(
  options: MissingUserOptions,
  vendor: string,
): (error: unknown, method: string, url: string) => string | undefined {
  const { onMissingUser = 'reject', loginPath = DEFAULT_LOGIN_PATH } = options
  if (onMissingUser !== 'reject' && onMissingUser !== 'redirect') {
    throw new ConfigurationError("vendorToken(): onMissingUser must be 'reject' or 'redirect'", {
      vendor,
    })
  }
  if (!isMountPath(loginPath)) {
    throw new ConfigurationError('vendorToken(): loginPath must be a path', { vendor })
  }
  if (onMissingUser === 'reject') return () => undefined
  return (error, method, url) => {
    if (!(error instanceof NotSignedInError) || (method !== 'GET' && method !== 'HEAD')) {
      return undefined
    }
    let returnTo: string | undefined
    try {
      returnTo = checkReturnTo(url, vendor)
    } catch {
      returnTo = undefined // an odd URL still gets the login, just not a way back
    }
    return returnTo === undefined
      ? loginPath
      : `${loginPath}?returnTo=${encodeURIComponent(returnTo)}`
  }
}
