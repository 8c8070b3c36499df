import type { CookieJar } from './cookie-jar.js'
import { testCredentials } from './credentials.js'
import { decodeHtml, walkToRedirectUri } from './walk-to-redirect.js'

/** Options of {@link completeTestLogin}. */
export interface CompleteTestLoginOptions {
  /** Default: the emulator's test advisor (`vendors.wealthcom.testLogin`). */
  username?: string
  password?: string
  /** Press "Cancel" instead: the callback then carries `error=access_denied`. */
  cancel?: boolean
  /** Keep the provider's session cookies across sign-ins (a second sign-in skips the form). */
  jar?: CookieJar
  fetch?: typeof fetch
  /** Default 20. */
  maxSteps?: number
}

/**
 * Completes a sign-in at the emulator's Wealth.com provider like a browser would, with plain
 * fetch and a cookie jar: follows the redirects from `authorizationUrl`, posts the test login
 * form, lets the emulator grant consent, and stops at the client's redirect URI without calling
 * it. Returns that callback URL (with `code` and `state`, or `error`).
 *
 * @example
 * const callback = new URL(await completeTestLogin(authorizationUrl))
 * callback.searchParams.get('code')
 */
export async function completeTestLogin(
  authorizationUrl: string | URL,
  options: CompleteTestLoginOptions = {},
): Promise<string> {
  const login = new URLSearchParams(
    options.cancel
      ? { cancel: '1' }
      : {
          username: options.username ?? testCredentials.wealthcom.testLogin.username,
          password: options.password ?? testCredentials.wealthcom.testLogin.password,
        },
  )
  return walkToRedirectUri(authorizationUrl, {
    label: 'test login',
    jar: options.jar,
    fetch: options.fetch,
    maxSteps: options.maxSteps,
    // The emulator's one form: the login (or cancel); it grants consent by itself.
    submit: ({ url, html }) => {
      const action = /<form[^>]*method="post"[^>]*action="([^"]+)"/i.exec(html)?.[1]
      return action === undefined
        ? undefined
        : { action: new URL(decodeHtml(action), url), body: login }
    },
  })
}
