import type { TokenSource } from './types.js'

/**
 * `init` with the source's `apiHeaders` (e.g. a vendor's versioned `Accept`) added where the
 * caller did not set that header; header names compare case-insensitively, so a caller's own
 * value always wins. `init` is returned as is when the source has none.
 */
export function withApiHeaders(init: RequestInit, source: TokenSource | undefined): RequestInit {
  const defaults = source?.apiHeaders
  if (defaults === undefined) return init
  const headers = new Headers(init.headers)
  for (const [name, value] of Object.entries(defaults)) {
    if (!headers.has(name)) headers.set(name, value)
  }
  return { ...init, headers }
}
