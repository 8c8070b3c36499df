import { CookieJar } from '@vendor-token/emulator'

/** Options of {@link completeProviderLogin}. */
export interface ProviderLoginOptions {
  /** The account to sign in as (devInteractions accepts any). Default `advisor-1`. */
  login?: string
  /** Keep the provider's session across sign-ins (a second sign-in then skips the login form). */
  jar?: CookieJar
  /** Default 20. */
  maxSteps?: number
  /** For an HTTPS provider: e.g. an undici `Agent` trusting the test CA. */
  dispatcher?: unknown
}

interface HtmlForm {
  action: string
  fields: URLSearchParams
}

/**
 * Signs in at stock oidc-provider's development interactions like a browser would: follows the
 * redirects from `authorizationUrl`, submits the login form (any login and password), submits the
 * consent form, and stops at the client's redirect URI without calling it. Returns that callback
 * URL (with `code` and `state`, or `error`).
 *
 * @example
 * const callback = new URL(await completeProviderLogin(authorizationUrl))
 */
export async function completeProviderLogin(
  authorizationUrl: string | URL,
  options: ProviderLoginOptions = {},
): Promise<string> {
  const start = new URL(authorizationUrl)
  const redirectParam = start.searchParams.get('redirect_uri')
  if (!redirectParam) throw new TypeError('the authorization URL has no redirect_uri')
  const redirectUri = new URL(redirectParam)
  const jar = options.jar ?? new CookieJar()
  const login = options.login ?? 'advisor-1'

  let url = start
  let body: URLSearchParams | undefined
  for (let step = 0; step < (options.maxSteps ?? 20); step++) {
    if (url.origin === redirectUri.origin && url.pathname === redirectUri.pathname) return url.href
    const headers: Record<string, string> = {}
    const cookie = jar.header(url)
    if (cookie) headers.cookie = cookie
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      headers,
      ...(body ? { body } : {}),
      redirect: 'manual',
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    } as RequestInit)
    jar.store(response)
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel()
      url = new URL(location, url)
      body = undefined
      continue
    }
    const text = await response.text()
    const form = response.status === 200 && !body ? parseForm(text) : undefined
    if (form) {
      url = new URL(form.action, url)
      body = form.fields
      // The login form asks for `login` and `password`; the consent form only for its hidden prompt.
      if (body.get('prompt') === 'login') {
        body.set('login', login)
        body.set('password', 'any')
      }
      continue
    }
    const summary = text
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 300)
    throw new Error(`provider login stopped at HTTP ${response.status} ${url.pathname}: ${summary}`)
  }
  throw new Error('provider login did not reach the redirect URI')
}

// The first POST form of an interaction page: its action and hidden inputs.
function parseForm(html: string): HtmlForm | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html)
  if (!form) return undefined
  const attributes = form[1] ?? ''
  if (!/method="post"/i.test(attributes)) return undefined
  const action = /action="([^"]*)"/i.exec(attributes)?.[1]
  if (action === undefined) return undefined
  const fields = new URLSearchParams()
  for (const input of (form[2] ?? '').matchAll(/<input\b([^>]*)>/gi)) {
    const tag = input[1] ?? ''
    if (!/type="hidden"/i.test(tag)) continue
    const name = /name="([^"]*)"/i.exec(tag)?.[1]
    if (name) fields.set(name, decodeHtml(/value="([^"]*)"/i.exec(tag)?.[1] ?? ''))
  }
  return { action: decodeHtml(action), fields }
}

function decodeHtml(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) =>
      String.fromCharCode(Number.parseInt(code, 16)),
    )
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}
