import { CookieJar } from './cookie-jar.js'
import { testCredentials } from './credentials.js'

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

function decodeHtml(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&')
}

function sameEndpoint(a: URL, b: URL): boolean {
  return a.origin === b.origin && a.pathname === b.pathname
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
  const start = new URL(authorizationUrl)
  const redirectParam = start.searchParams.get('redirect_uri')
  if (!redirectParam) throw new TypeError('the authorization URL has no redirect_uri')
  const redirectUri = new URL(redirectParam)
  const fetchImpl = options.fetch ?? fetch
  const jar = options.jar ?? new CookieJar()
  const login: Record<string, string> = options.cancel
    ? { cancel: '1' }
    : {
        username: options.username ?? testCredentials.wealthcom.testLogin.username,
        password: options.password ?? testCredentials.wealthcom.testLogin.password,
      }

  let url = start
  let body: string | undefined
  for (let step = 0; step < (options.maxSteps ?? 20); step++) {
    if (sameEndpoint(url, redirectUri)) return url.href
    const headers: Record<string, string> = {}
    const cookie = jar.header(url)
    if (cookie) headers.cookie = cookie
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
    const response = await fetchImpl(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body,
      redirect: 'manual',
    })
    jar.store(response)
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel()
      url = new URL(location, url)
      body = undefined
      continue
    }
    const text = await response.text()
    const form = /<form[^>]*method="post"[^>]*action="([^"]+)"/i.exec(text)
    if (response.status === 200 && form && body === undefined) {
      url = new URL(decodeHtml(form[1]!), url)
      body = new URLSearchParams(login).toString()
      continue
    }
    const summary = text
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200)
    throw new Error(`test login stopped at HTTP ${response.status} ${url.pathname}: ${summary}`)
  }
  throw new Error('test login did not reach the redirect URI')
}
