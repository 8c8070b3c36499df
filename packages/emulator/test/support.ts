import { createHash, randomBytes } from 'node:crypto'

/** RFC 6749 2.3.1 Basic: each part form-urlencoded, then base64. */
export function formBasic(id: string, secret: string): string {
  const encode = (value: string) => new URLSearchParams([['', value]]).toString().slice(1)
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`
}

/** Plain RFC 7617 Basic (no form-encoding). */
export function rawBasic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`
}

/** POSTs a form and returns the response. */
export function postForm(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  })
}

/** A PKCE S256 verifier and its challenge. */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

/** A settable clock for `startEmulator({ now })`. */
export function fakeClock(start = Date.now()): {
  now: () => number
  advance(ms: number): void
  set(ms: number): void
} {
  let current = start
  return {
    now: () => current,
    advance(ms) {
      current += ms
    },
    set(ms) {
      current = ms
    },
  }
}
