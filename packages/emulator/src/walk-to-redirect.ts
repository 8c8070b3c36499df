import { CookieJar } from './cookie-jar.js'

/** A page of the provider's sign-in, as {@link walkToRedirectUri} hands it to `submit`. */
export interface SignInPage {
  url: URL
  html: string
}

/** Options of {@link walkToRedirectUri}. */
export interface WalkOptions {
  /** The form to post on a page (its absolute action URL and body), or undefined to stop there. */
  submit: (page: SignInPage) => { action: URL; body: URLSearchParams } | undefined
  /** Keep the provider's session cookies across sign-ins. */
  jar?: CookieJar | undefined
  fetch?: typeof fetch | undefined
  /** Passed to fetch, e.g. an undici `Agent` trusting a test CA for an HTTPS provider. */
  dispatcher?: unknown
  /** Default 20. */
  maxSteps?: number | undefined
  /** Names the walk in its errors, e.g. `test login`. */
  label: string
}

/** Decodes the HTML character references a provider puts in form actions and values. */
export function decodeHtml(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) =>
      String.fromCharCode(Number.parseInt(code, 16)),
    )
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}

/**
 * Walks a sign-in like a browser, with plain fetch and a cookie jar: follows redirects from
 * `authorizationUrl`, posts the form `submit` picks on each page it answers with a 200, and stops
 * at the client's redirect URI without calling it. Returns that callback URL (with `code` and
 * `state`, or `error`). The provider-specific part (which fields to fill) is `submit`.
 */
export async function walkToRedirectUri(
  authorizationUrl: string | URL,
  options: WalkOptions,
): Promise<string> {
  const start = new URL(authorizationUrl)
  const redirectParam = start.searchParams.get('redirect_uri')
  if (!redirectParam) throw new TypeError('the authorization URL has no redirect_uri')
  const redirectUri = new URL(redirectParam)
  const fetchImpl = options.fetch ?? fetch
  const jar = options.jar ?? new CookieJar()

  let url = start
  let body: URLSearchParams | undefined
  for (let step = 0; step < (options.maxSteps ?? 20); step++) {
    if (url.origin === redirectUri.origin && url.pathname === redirectUri.pathname) return url.href
    const headers: Record<string, string> = {}
    const cookie = jar.header(url)
    if (cookie) headers.cookie = cookie
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
    const response = await fetchImpl(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      ...(body === undefined ? {} : { body: body.toString() }),
      redirect: 'manual',
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    } as RequestInit)
    jar.store(response)
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel()
      url = new URL(location, url)
      body = undefined
      continue
    }
    const html = await response.text()
    const form =
      response.status === 200 && body === undefined ? options.submit({ url, html }) : undefined
    if (form !== undefined) {
      url = form.action
      body = form.body
      continue
    }
    const summary = html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 300)
    throw new Error(
      `${options.label} stopped at HTTP ${response.status} ${url.pathname}: ${summary}`,
    )
  }
  throw new Error(`${options.label} did not reach the redirect URI`)
}
