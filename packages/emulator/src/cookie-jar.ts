interface StoredCookie {
  name: string
  value: string
  path: string
  expiresAt: number
}

/**
 * A small cookie jar for test HTTP clients talking to one host (the emulator): keeps cookies by
 * name and path, honours Path, Max-Age and Expires, and ignores Domain (everything is loopback).
 */
export class CookieJar {
  #cookies = new Map<string, StoredCookie>()

  /** Stores the `Set-Cookie` headers of a response. */
  store(response: Response, now = Date.now()): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
      const equals = pair.indexOf('=')
      if (equals < 1) continue
      const cookie: StoredCookie = {
        name: pair.slice(0, equals),
        value: pair.slice(equals + 1),
        path: '/',
        expiresAt: Number.POSITIVE_INFINITY,
      }
      for (const attribute of attributes) {
        const [key = '', value = ''] = attribute.split('=')
        const name = key.toLowerCase()
        if (name === 'path' && value.startsWith('/')) cookie.path = value
        if (name === 'max-age') cookie.expiresAt = now + Number(value) * 1000
        if (name === 'expires' && cookie.expiresAt === Number.POSITIVE_INFINITY) {
          cookie.expiresAt = Date.parse(value)
        }
      }
      const key = `${cookie.name};${cookie.path}`
      if (cookie.expiresAt <= now) this.#cookies.delete(key)
      else this.#cookies.set(key, cookie)
    }
  }

  /** The `Cookie` header for a request to `url`, or undefined when no cookie applies. */
  header(url: string | URL, now = Date.now()): string | undefined {
    const { pathname } = new URL(url)
    const matching = [...this.#cookies.values()]
      .filter((cookie) => cookie.expiresAt > now && pathMatches(pathname, cookie.path))
      .sort((a, b) => b.path.length - a.path.length)
    return matching.length
      ? matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
      : undefined
  }
}

// RFC 6265 5.1.4 path-match.
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}
