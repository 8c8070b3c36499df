import { describe, expect, it } from 'vitest'
import { parseRetryAfter, retryDelay } from './support/internal.js'

const policy = { retries: 5, minDelayMs: 200, maxDelayMs: 10_000 }

describe('retry policy', () => {
  it('backs off exponentially with full jitter, capped', () => {
    const top = () => 0.999_999
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(n, policy, undefined, top))).toEqual([
      199, 399, 799, 1599, 3199, 6399, 9999, 9999,
    ])
    expect(retryDelay(3, policy, undefined, () => 0)).toBe(0)
    expect(retryDelay(3, policy, undefined, () => 0.5)).toBe(800)
  })

  it('honours Retry-After, capped by maxDelayMs', () => {
    expect(retryDelay(0, policy, 2_000, () => 0)).toBe(2_000)
    expect(retryDelay(0, policy, 60_000, () => 0)).toBe(10_000)
  })

  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.UTC(2030, 0, 1, 12, 0, 0)
    expect(parseRetryAfter('2', now)).toBe(2_000)
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000)
    expect(parseRetryAfter('Tue, 01 Jan 2030 12:00:05 GMT', now)).toBe(5_000)
    expect(parseRetryAfter('Tue, 01 Jan 2030 11:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})
