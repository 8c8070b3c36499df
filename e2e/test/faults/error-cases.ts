/**
 * The token endpoint's faults, table-driven: each gives the documented typed error (or a
 * recovery), token requests stay within 1 + retries, the error names the vendor and carries no
 * secret, and the manager recovers once the fault clears.
 */
import { inspect } from 'node:util'
import {
  InvalidTokenResponseError,
  TokenEndpointUnavailableError,
  type TokenManagerOptions,
  TokenRequestTimeoutError,
  type VendorTokenError,
} from '@vendor-token/core'
import type { FaultSpec } from '@vendor-token/emulator'
import { describe, expect, it } from 'vitest'
import {
  COOLDOWN_MS,
  type FaultContext,
  type PresetUnderTest,
  RETRIES,
  rejection,
  sleep,
} from './harness.js'

interface FailureCase {
  fault: FaultSpec
  error: abstract new (...args: never[]) => VendorTokenError
  /** Exact number of token requests: transient faults are retried, the others are not. */
  requests: number
  check?(error: VendorTokenError): void
}

const TRANSIENT = 1 + RETRIES

const failures: Record<string, FailureCase> = {
  '500s': {
    fault: { status: 500 },
    error: TokenEndpointUnavailableError,
    requests: TRANSIENT,
    check: (e) => expect((e as TokenEndpointUnavailableError).httpStatus).toBe(500),
  },
  '429 with Retry-After (retry-after carried to the answer)': {
    fault: { status: 429, retryAfterSeconds: 7 },
    error: TokenEndpointUnavailableError,
    requests: TRANSIENT,
    check(e) {
      expect((e as TokenEndpointUnavailableError).httpStatus).toBe(429)
      expect((e as TokenEndpointUnavailableError).retryAfterMs).toBe(7000)
      expect(e.headers['retry-after']).toBe('7')
      expect(e.status).toBe(503)
    },
  },
  'a hang past the timeout': {
    fault: { hang: true },
    error: TokenRequestTimeoutError,
    requests: TRANSIENT,
  },
  'connection reset': {
    fault: { reset: true },
    error: TokenEndpointUnavailableError,
    requests: TRANSIENT,
    check: (e) => expect(e).not.toBeInstanceOf(TokenRequestTimeoutError),
  },
  // One byte every 100 ms: never idle long, so only a deadline on the whole answer catches it.
  'a slow trickling body past the timeout': {
    fault: { trickleMs: 100 },
    error: TokenRequestTimeoutError,
    requests: TRANSIENT,
  },
  'malformed JSON': {
    fault: { malformedJson: true },
    error: InvalidTokenResponseError,
    requests: 1,
  },
  'wrong content type (an HTML page)': {
    fault: { contentType: 'text/html; charset=utf-8' },
    error: InvalidTokenResponseError,
    requests: 1,
  },
  'missing fields': {
    fault: { missingFields: true },
    error: InvalidTokenResponseError,
    requests: 1,
  },
  'a 10 MB body': {
    fault: { hugeBodyBytes: 10 * 1024 * 1024 },
    error: InvalidTokenResponseError,
    requests: 1,
  },
}

interface RecoveryCase {
  fault: FaultSpec
  requests: number
  managerOptions?: TokenManagerOptions
  /** The shortest time the recovery may take (a honoured Retry-After). */
  minMs?: number
}

const recoveries: Record<string, RecoveryCase> = {
  '503 then recovery': { fault: { status: 503, times: 2 }, requests: 3 },
  '429 with Retry-After: 1 honoured, then a token': {
    fault: { status: 429, retryAfterSeconds: 1, times: 1 },
    requests: 2,
    managerOptions: { retry: { retries: RETRIES, minDelayMs: 5, maxDelayMs: 5_000 } },
    minMs: 950,
  },
  'one hang, then a token': { fault: { hang: true, times: 1 }, requests: 2 },
  'one reset, then a token': { fault: { reset: true, times: 1 }, requests: 2 },
}

/** Registers the table of token endpoint faults for one preset. */
export function describeTokenEndpointFaults(preset: PresetUnderTest, ctx: FaultContext): void {
  describe(`${preset.vendor}: token endpoint faults give a typed error`, () => {
    for (const [name, c] of Object.entries(failures)) {
      it(name, async () => {
        ctx.emulator.fault(preset.vendor, c.fault)
        const error = await rejection(ctx.getToken())
        expect(error).toBeInstanceOf(c.error)
        const typed = error as VendorTokenError
        expect(typed.vendor).toBe(preset.vendor)
        expect(ctx.tokenRequests()).toBe(c.requests)
        c.check?.(typed)
        const shown = [JSON.stringify(typed), String(typed), inspect(typed, { depth: 10 })].join(
          '\n',
        )
        for (const secret of preset.secrets(ctx.emulator)) expect(shown).not.toContain(secret)

        ctx.emulator.clearFaults(preset.vendor)
        await sleep(COOLDOWN_MS + 50)
        const token = await ctx.getToken()
        expect(await ctx.callResource(token.authorization)).toBe(200)
      })
    }
  })

  describe(`${preset.vendor}: transient token endpoint faults recover`, () => {
    for (const [name, c] of Object.entries(recoveries)) {
      it(name, async () => {
        const manager = c.managerOptions ? ctx.newManager(c.managerOptions) : ctx.manager
        ctx.emulator.fault(preset.vendor, c.fault)
        const started = performance.now()
        const token = await ctx.getToken(manager)
        expect(performance.now() - started).toBeGreaterThanOrEqual(c.minMs ?? 0)
        expect(ctx.tokenRequests()).toBe(c.requests)
        expect(await ctx.callResource(token.authorization)).toBe(200)
      })
    }
  })
}
