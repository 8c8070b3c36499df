import { CookieJar, completeTestLogin, type Emulator } from '@vendor-token/emulator'

/** A browser without a window: keeps the app's cookies, follows no redirect by itself. */
export function browser(baseUrl: string) {
  const jar = new CookieJar()
  const get = async (path: string, init: RequestInit = {}) => {
    const url = new URL(path, baseUrl)
    const cookie = jar.header(url)
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { accept: 'text/html', ...(cookie ? { cookie } : {}), ...init.headers },
    })
    jar.store(response)
    return response
  }
  return { get, jar }
}

/**
 * Signs the advisor in as a browser would: `/me` bounces to the app's login, which redirects to
 * the provider; the emulator's test login runs; the callback lands back on the app. Returns the
 * answer of the callback.
 */
export async function signInThroughApp(
  get: ReturnType<typeof browser>['get'],
  start = '/me',
): Promise<Response> {
  const bounced = await get(start)
  if (bounced.status !== 303)
    throw new Error(`expected a redirect to the login, got ${bounced.status}`)
  const login = await get(bounced.headers.get('location')!)
  if (login.status !== 302)
    throw new Error(`expected a redirect to the provider, got ${login.status}`)
  const callback = new URL(await completeTestLogin(login.headers.get('location')!))
  return get(`${callback.pathname}${callback.search}`)
}

/** Access and ID tokens of the test advisor, straight from the provider (as an SPA would hold). */
export async function advisorTokens(
  emulator: Emulator,
): Promise<{ accessToken: string; idToken: string }> {
  const { createHash, randomBytes } = await import('node:crypto')
  const { issuer, publicClientId } = emulator.vendors.wealthcom
  const redirectUri = 'http://127.0.0.1:9/spa/callback' // never called: the code is read from it
  const verifier = randomBytes(32).toString('base64url')
  const authorize = new URL(`${issuer}/auth`)
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: publicClientId,
    redirect_uri: redirectUri,
    scope: 'openid clients:read',
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString()
  const code = new URL(await completeTestLogin(authorize.href)).searchParams.get('code') ?? ''
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_id: publicClientId,
    }),
  })
  const tokens = (await response.json()) as { access_token: string; id_token: string }
  return { accessToken: tokens.access_token, idToken: tokens.id_token }
}
