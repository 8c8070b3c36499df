/**
 * Outages seen by many callers: concurrent callers never multiply token requests, callers after
 * a final failure share it during the cool-down, and a still-valid token keeps being served
 * (and accepted by the vendor) while its background refresh fails.
 */
import { TokenEndpointUnavailableError } from '@vendor-token/core'
import { describe, expect, it } from 'vitest'
import { COOLDOWN_MS, type FaultContext, type PresetUnderTest, RETRIES, sleep } from './harness.js'

const CALLERS = 50

/** Registers the outage tests for one preset. */
export function describeOutages(preset: PresetUnderTest, ctx: FaultContext): void {
  describe(`${preset.vendor}: outages with many callers`, () => {
    it(`${CALLERS} concurrent callers during 503, 503, 200 share one retry sequence`, async () => {
      ctx.emulator.fault(preset.vendor, { status: 503, times: 2 })
      const tokens = await Promise.all(Array.from({ length: CALLERS }, () => ctx.getToken()))
      expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1)
      expect(ctx.tokenRequests()).toBe(3)
    })

    it(`${CALLERS} concurrent callers share one final failure; later callers share it in the cool-down`, async () => {
      ctx.emulator.fault(preset.vendor, { status: 500 })
      const first = await Promise.allSettled(Array.from({ length: CALLERS }, () => ctx.getToken()))
      expect(first.every((r) => r.status === 'rejected')).toBe(true)
      for (const r of first) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(TokenEndpointUnavailableError)
      }
      expect(ctx.tokenRequests()).toBe(1 + RETRIES)

      const later = await Promise.allSettled(Array.from({ length: CALLERS }, () => ctx.getToken()))
      expect(later.every((r) => r.status === 'rejected')).toBe(true)
      expect(ctx.tokenRequests()).toBe(1 + RETRIES)
    })

    it('a still-valid token keeps being served while its refresh fails, then is replaced', async () => {
      // An 8 s token, refreshed ahead from 1.6 s on, handed out until 6-7 s (skew 1 s; a JWT's
      // whole-second exp may cut up to 1 s). Times count from the token's issuedAt (request sent).
      const manager = ctx.newManager({ refreshAheadRatio: 0.2 })
      ctx.emulator.fault(preset.vendor, { tokenTtlSeconds: 8, times: 1 })
      const first = await ctx.getToken(manager)
      const since = () => Date.now() - first.issuedAt
      ctx.emulator.fault(preset.vendor, { status: 500 })
      await sleep(1_800 - since())

      let calls = 0
      const before = ctx.tokenRequests()
      const outageStart = since()
      while (since() < 4_500) {
        const batch = await Promise.all(Array.from({ length: 20 }, () => ctx.getToken(manager)))
        calls += batch.length
        for (const token of batch) expect(token.accessToken).toBe(first.accessToken)
        expect(await ctx.callResource(first.authorization)).toBe(200)
        await sleep(100)
      }
      const duringOutage = ctx.tokenRequests() - before
      const sequences = Math.ceil((since() - outageStart) / COOLDOWN_MS) + 1
      expect(duringOutage).toBeGreaterThan(0) // the refresh was attempted...
      expect(duringOutage).toBeLessThanOrEqual(sequences * (1 + RETRIES)) // ...but not per caller
      expect(calls).toBeGreaterThan(duringOutage)

      ctx.emulator.clearFaults(preset.vendor)
      let next = first
      while (next.accessToken === first.accessToken && since() < 6_000) {
        await sleep(50)
        next = await ctx.getToken(manager)
      }
      expect(next.accessToken).not.toBe(first.accessToken)
      expect(await ctx.callResource(next.authorization)).toBe(200)
    })
  })
}
