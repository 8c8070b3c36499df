/** One answer from a sample app, timed. */
export interface Answer {
  status: number
  body: unknown
  ms: number
  retryAfter: string | null
}

/** GETs `url` (JSON) and times it. Network errors become status 0 so a step can report them. */
export async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now()
  try {
    const response = await fetch(url, { headers: { accept: 'application/json', ...headers } })
    const text = await response.text()
    return {
      status: response.status,
      body: parse(text),
      ms: performance.now() - started,
      retryAfter: response.headers.get('retry-after'),
    }
  } catch {
    return { status: 0, body: undefined, ms: performance.now() - started, retryAfter: null }
  }
}

/** `n` GETs all at once. */
export function getConcurrently(
  n: number,
  url: string,
  headers?: Record<string, string>,
): Promise<Answer[]> {
  return Promise.all(Array.from({ length: n }, () => get(url, headers)))
}

/** Count of answers with `status`. */
export function countStatus(answers: readonly Answer[], status: number): number {
  return answers.filter((answer) => answer.status === status).length
}

/** The p-th percentile (0..1) of the answer times, in ms. */
export function percentileMs(answers: readonly Answer[], p: number): number {
  const sorted = answers.map((answer) => answer.ms).sort((a, b) => a - b)
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
