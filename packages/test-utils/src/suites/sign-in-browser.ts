import { CookieJar, completeTestLogin } from '@vendor-token/emulator'
import { expect } from 'vitest'

/** Fetches a path on the app like a browser would, as {@link browser} makes it. */
export type Browser = (path: string, accept?: string) => Promise<Response>

/** A browser on the app at `appUrl`: keeps its cookies, never follows redirects by itself. */
export function browser(appUrl: string): Browser {
  const jar = new CookieJar()
  return async (path, accept = 'application/json') => {
    const url = new URL(path, appUrl)
    const cookie = jar.header(url)
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { accept, ...(cookie ? { cookie } : {}) },
    })
    jar.store(response)
    return response
  }
}

/** Login at the app, then the provider's test login; returns the callback path on the app. */
export async function throughProvider(
  get: Browser,
  appUrl: string,
  login = '/auth/login',
  cancel = false,
): Promise<string> {
  const started = await get(login)
  expect(started.status).toBe(302)
  const callback = new URL(await completeTestLogin(started.headers.get('location')!, { cancel }))
  expect(callback.origin).toBe(appUrl)
  return `${callback.pathname}${callback.search}`
}
