import type { DataPoint, Histogram } from '@opentelemetry/sdk-metrics'
import {
  clientCredentials,
  diagnosticsKeyHash,
  ManualClock,
  TokenManager,
} from '@vendor-token/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Instrumentation, instrumentVendorToken } from '../src/index.js'
import { startTelemetry, type TestTelemetry } from './support/otel.js'
import {
  endFetch,
  publishJwksFetch,
  publishLookup,
  publishVerifyBatch,
  startFetch,
} from './support/publish.js'

/** value of the point whose attributes include `match` */
function pointValue(points: DataPoint<unknown>[], match: Record<string, unknown>): unknown {
  return points.find((point) =>
    Object.entries(match).every(([key, value]) => point.attributes[key] === value),
  )?.value
}

describe('metrics from the channels', () => {
  let telemetry: TestTelemetry
  let otel: Instrumentation | undefined

  beforeEach(() => {
    telemetry = startTelemetry()
  })
  afterEach(async () => {
    otel?.disable()
    await telemetry.shutdown()
  })

  it('vendor_token.cache.lookups counts hit / miss / wait per vendor', async () => {
    otel = instrumentVendorToken(telemetry)
    const lookup = (vendor: string, result: 'hit' | 'miss' | 'wait') =>
      publishLookup({ vendor, keyHash: 'k', result, fetchId: undefined, user: undefined })
    for (let i = 0; i < 5; i++) lookup('acme', 'hit')
    lookup('acme', 'miss')
    lookup('acme', 'wait')
    lookup('acme', 'wait')
    lookup('globex', 'hit')
    const points = await telemetry.points('vendor_token.cache.lookups')
    const at = (vendor: string, result: string) =>
      pointValue(points, { 'vendor_token.vendor': vendor, 'vendor_token.cache.result': result })
    expect([at('acme', 'hit'), at('acme', 'miss'), at('acme', 'wait')]).toEqual([5, 1, 2])
    expect(at('globex', 'hit')).toBe(1)
    lookup('acme', 'hit')
    expect(at('acme', 'hit')).toBe(5) // the old collection
    const later = await telemetry.points('vendor_token.cache.lookups')
    expect(
      pointValue(later, { 'vendor_token.vendor': 'acme', 'vendor_token.cache.result': 'hit' }),
    ).toBe(6)
  })

  it('vendor_token.fetch.duration (s) per vendor and outcome; failures counted apart', async () => {
    otel = instrumentVendorToken(telemetry)
    endFetch(startFetch(), { outcome: 'ok' })
    endFetch(startFetch(), { outcome: 'ok' })
    endFetch(startFetch(), { outcome: 'timeout', errorCode: 'timeout' })
    const durations = await telemetry.points('vendor_token.fetch.duration')
    const ok = pointValue(durations, {
      'vendor_token.vendor': 'acme',
      'vendor_token.outcome': 'ok',
    }) as Histogram
    const timeout = pointValue(durations, { 'vendor_token.outcome': 'timeout' }) as Histogram
    expect(ok.count).toBe(2)
    expect(timeout.count).toBe(1)
    expect(ok.sum).toBeLessThan(5) // seconds, not milliseconds
    const metric = (await telemetry.metrics()).find(
      (m) => m.descriptor.name === 'vendor_token.fetch.duration',
    )
    expect(metric?.descriptor.unit).toBe('s')
    const failures = await telemetry.points('vendor_token.fetch.failures')
    expect(failures).toHaveLength(1)
    expect(
      pointValue(failures, { 'vendor_token.vendor': 'acme', 'vendor_token.outcome': 'timeout' }),
    ).toBe(1)
  })

  it('verify batches: tokens per outcome code, batch duration in seconds', async () => {
    otel = instrumentVendorToken(telemetry)
    publishVerifyBatch({ size: 5, durationMs: 12, outcomes: { ok: 3, expired: 2 } })
    publishVerifyBatch({ size: 1, durationMs: 8, outcomes: { bad_signature: 1 } })
    const tokens = await telemetry.points('vendor_token.verify.tokens')
    expect(pointValue(tokens, { 'vendor_token.outcome': 'ok' })).toBe(3)
    expect(pointValue(tokens, { 'vendor_token.outcome': 'expired' })).toBe(2)
    expect(pointValue(tokens, { 'vendor_token.outcome': 'bad_signature' })).toBe(1)
    const [batches] = await telemetry.points('vendor_token.verify.batch.duration')
    expect((batches!.value as Histogram).count).toBe(2)
    expect((batches!.value as Histogram).sum).toBeCloseTo(0.02)
  })

  it('JWKS fetches per outcome; a message without an outcome is ignored', async () => {
    otel = instrumentVendorToken(telemetry)
    const base = { reason: 'initial' as const, durationMs: 3, cooldownMs: 30_000 }
    publishJwksFetch({ ...base, outcome: 'ok', keyCount: 2, changed: true })
    publishJwksFetch({ ...base, reason: 'unknown_kid', outcome: 'unavailable', cooldownMs: 1_000 })
    publishJwksFetch({ ...base, outcome: 'unavailable', cooldownMs: 2_000 })
    ;(await import('node:diagnostics_channel'))
      .channel('vendor-token:jwks')
      .publish({ nonsense: 1 })
    const fetches = await telemetry.points('vendor_token.jwks.fetches')
    const count = (outcome: string) =>
      fetches
        .filter((point) => point.attributes['vendor_token.outcome'] === outcome)
        .reduce((sum, point) => sum + (point.value as number), 0)
    expect([count('ok'), count('unavailable')]).toEqual([1, 2])
  })

  it("vendor_token.token.time_to_expiry reads the given managers' status(), by key hash", async () => {
    const clock = new ManualClock()
    const manager = new TokenManager({ clock })
    manager.register(
      'acme',
      clientCredentials({
        tokenUrl: 'http://127.0.0.1:9/token',
        clientId: 'id',
        clientSecret: 'x',
      }),
    )
    const now = clock.now()
    const stored = {
      accessToken: 'at-1',
      tokenType: 'Bearer',
      issuedAt: now,
      expiresAt: now + 3_600_000,
    }
    await manager.setToken('acme', { scopes: ['read'] }, stored)
    otel = instrumentVendorToken({ ...telemetry, managers: [manager] })
    clock.advance(600_000)
    const [point] = await telemetry.points('vendor_token.token.time_to_expiry')
    const key = manager.status()[0]!.key
    expect(point!.attributes).toEqual({
      'vendor_token.vendor': 'acme',
      'vendor_token.key_hash': diagnosticsKeyHash(key),
    })
    expect(point!.value).toBe(3_000)
    expect(JSON.stringify(point)).not.toContain('read') // the raw key (its scopes) is not a label
    await manager.close()
  })

  it('no managers: no time_to_expiry gauge; disable() stops the observable counters', async () => {
    otel = instrumentVendorToken(telemetry)
    publishLookup({
      vendor: 'acme',
      keyHash: 'k',
      result: 'hit',
      fetchId: undefined,
      user: undefined,
    })
    const names = (await telemetry.metrics()).map((metric) => metric.descriptor.name)
    expect(names).not.toContain('vendor_token.token.time_to_expiry')
    expect(names).toContain('vendor_token.cache.lookups')
    otel.disable()
    publishLookup({
      vendor: 'acme',
      keyHash: 'k',
      result: 'hit',
      fetchId: undefined,
      user: undefined,
    })
    const after = await telemetry.points('vendor_token.cache.lookups')
    expect(after.map((point) => point.value)).not.toContain(2)
  })
})

describe('messages not of the contract shape', () => {
  it('are ignored: nothing recorded, nothing thrown (a throwing subscriber would crash the process)', async () => {
    const telemetry = startTelemetry()
    const otel = instrumentVendorToken(telemetry)
    try {
      const { channel, tracingChannel } = await import('node:diagnostics_channel')
      for (const name of [
        'vendor-token:cache',
        'vendor-token:retry',
        'vendor-token:verify',
        'vendor-token:jwks',
      ]) {
        for (const message of [
          undefined,
          null,
          42,
          'text',
          {},
          { vendor: 'acme', result: 'other' },
        ]) {
          channel(name).publish(message)
        }
      }
      const fetch = tracingChannel('vendor-token:fetch')
      for (const message of [{}, { id: 'x' }]) {
        fetch.start.publish(message)
        fetch.asyncEnd.publish(message)
      }
      await new Promise((resolve) => setImmediate(resolve)) // where a subscriber's throw would surface
      expect(telemetry.spans()).toEqual([])
      const points = (await telemetry.metrics()).flatMap(
        (metric) => metric.dataPoints as DataPoint<unknown>[],
      )
      expect(points).toEqual([])
    } finally {
      otel.disable()
      await telemetry.shutdown()
    }
  })
})
