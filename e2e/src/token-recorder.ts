/**
 * Records every token a process receives: wraps `globalThis.fetch` and collects each string
 * under a key that names a token (`access_token`, `AccessToken`, `accessTtoken`, `refresh_token`,
 * `id_token`, ...) in JSON answers. The secrets test then searches all output for them.
 */

const TOKEN_KEY = /token/i
const MIN_LENGTH = 16
/** Answers larger than this are not parsed (a fault's 10 MB body carries no token). */
const MAX_PARSED_BYTES = 1024 * 1024

export interface TokenRecorder {
  /** Every token seen so far, without duplicates. */
  tokens(): string[]
  /** Puts the original fetch back. */
  restore(): void
}

function collect(value: unknown, found: (token: string) => void, key = ''): void {
  if (typeof value === 'string') {
    if (TOKEN_KEY.test(key) && !/type/i.test(key) && value.length >= MIN_LENGTH) found(value)
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, found, key)
  } else if (typeof value === 'object' && value !== null) {
    for (const [name, item] of Object.entries(value)) collect(item, found, name)
  }
}

async function inspectAnswer(answer: Response, found: (token: string) => void): Promise<void> {
  const length = Number(answer.headers.get('content-length') ?? 0)
  if (!/json/i.test(answer.headers.get('content-type') ?? '') || length > MAX_PARSED_BYTES) return
  try {
    collect(JSON.parse(await answer.text()), found)
  } catch {
    // not JSON after all, or the connection went away: nothing to record
  }
}

/**
 * Starts recording. `onToken` is called once per new token (e.g. to append it to a file).
 * @example
 * const recorder = recordIssuedTokens()
 * // ... run the demo ...
 * for (const token of recorder.tokens()) expect(output).not.toContain(token)
 */
export function recordIssuedTokens(onToken?: (token: string) => void): TokenRecorder {
  const original = globalThis.fetch
  const seen = new Set<string>()
  const found = (token: string) => {
    if (seen.has(token)) return
    seen.add(token)
    onToken?.(token)
  }
  globalThis.fetch = async (input, init) => {
    const answer = await original(input, init)
    void inspectAnswer(answer.clone(), found)
    return answer
  }
  return {
    tokens: () => [...seen],
    restore: () => {
      globalThis.fetch = original
    },
  }
}
