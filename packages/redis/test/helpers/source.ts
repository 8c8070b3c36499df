import type { TokenSource } from '@vendor-token/core'

/** A token source that answers locally and counts its requests (no vendor needed). */
export function countingSource(): TokenSource & { requests: number } {
  const source = {
    kind: 'test',
    requests: 0,
    async requestToken() {
      source.requests++
      return {
        accessToken: `access-${source.requests}-${Math.random().toString(36).slice(2)}`,
        tokenType: 'Bearer',
        expiresIn: 3600,
      }
    },
  }
  return source
}
