import { type CookieJar, decodeHtml, walkToRedirectUri } from '@vendor-token/emulator'

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
  const login = options.login ?? 'advisor-1'
  return walkToRedirectUri(authorizationUrl, {
    label: 'provider login',
    jar: options.jar,
    maxSteps: options.maxSteps,
    dispatcher: options.dispatcher,
    submit: ({ url, html }) => {
      const form = parseForm(html)
      if (form === undefined) return undefined
      // The login form asks for `login` and `password`; the consent form only for its hidden prompt.
      if (form.fields.get('prompt') === 'login') {
        form.fields.set('login', login)
        form.fields.set('password', 'any')
      }
      return { action: new URL(form.action, url), body: form.fields }
    },
  })
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
