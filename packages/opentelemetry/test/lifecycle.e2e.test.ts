/** End-to-end: the real TokenManager against the vendor emulator, traced by this package. */
import { context, SpanStatusCode, trace } from '@opentelemetry/api'
import { diagnosticsKeyHash, TokenManager, TokenRequestRejectedError } from '@vendor-token/core'
import { startEmulator } from '@vendor-token/emulator'
import { bridgeft } from '@vendor-token/vendors'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Instrumentation, instrumentVendorToken } from '../src/index.js'
import { exportedText, startTelemetry, type TestTelemetry } from './support/otel.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

describe('a real manager, traced (end to end against the emulator)', () => {
  let emulator: Emulator
  let telemetry: TestTelemetry
  let otel: Instrumentation
  let manager: TokenManager

  /** A manager with BridgeFT registered; retries without waiting (jitter 0). */
  function managerFor(clientSecret: string): TokenManager {
    const { baseUrl, clientId } = emulator.vendors.bridgeft
    const created = new TokenManager({ random: () => 0, retry: { retries: 3, minDelayMs: 1 } })
    created.register('bridgeft', bridgeft({ clientId, clientSecret, baseUrl }))
    return created
  }

  beforeEach(async () => {
    emulator = await startEmulator()
    telemetry = startTelemetry()
    manager = managerFor(emulator.vendors.bridgeft.clientSecret)
    otel = instrumentVendorToken({ ...telemetry, managers: [manager] })
  })
  afterEach(async () => {
    otel.disable()
    await manager.close()
    await emulator.close()
    await telemetry.shutdown()
  })

  const tracer = () => telemetry.tracerProvider.getTracer('test')
  const fetchSpans = () => telemetry.spans().filter((span) => span.name === 'vendor-token.fetch')
  /** Runs `call` with a new active span, as an HTTP server instrumentation would. */
  async function inRequest<T>(name: string, call: () => Promise<T>) {
    const span = tracer().startSpan(name)
    try {
      return { span, result: await context.with(trace.setSpan(context.active(), span), call) }
    } finally {
      span.end()
    }
  }

  it('a cold fetch under a request span gives one child fetch span with the attributes', async () => {
    const { span: request } = await inRequest('GET /accounts', () => manager.getToken('bridgeft'))
    const spans = fetchSpans()
    expect(spans).toHaveLength(1)
    const [fetch] = spans
    expect(fetch!.parentSpanContext?.spanId).toBe(request.spanContext().spanId)
    expect(fetch!.attributes).toMatchObject({
      'vendor_token.vendor': 'bridgeft',
      'vendor_token.grant': 'client_credentials',
      'vendor_token.outcome': 'ok',
      'vendor_token.key_hash': diagnosticsKeyHash(manager.status()[0]!.key),
      'vendor_token.attempts': 1,
      'http.response.status_code': 200,
      'server.address': '127.0.0.1',
    })
    expect(fetch!.status.code).toBe(SpanStatusCode.UNSET)
    const lookups = await telemetry.points('vendor_token.cache.lookups')
    const miss = lookups.find((p) => p.attributes['vendor_token.cache.result'] === 'miss')
    expect(miss?.value).toBe(1)
    const [expiry] = await telemetry.points('vendor_token.token.time_to_expiry')
    expect(expiry!.value).toBeGreaterThan(3_500)
  })

  it('1,000 concurrent cold callers: one token request, one fetch span, waiters as links', async () => {
    const calls = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) =>
        inRequest(`request ${i}`, () => manager.getToken('bridgeft')),
      ),
    )
    expect(emulator.stats('bridgeft').tokenRequests).toBe(1)
    const spans = fetchSpans()
    expect(spans).toHaveLength(1)
    expect(spans[0]!.parentSpanContext?.spanId).toBe(calls[0]!.span.spanContext().spanId)
    const requestIds = new Set(calls.slice(1).map(({ span }) => span.spanContext().spanId))
    // 999 waiting requests; the SDK keeps its link limit (128 by default) of them.
    expect(spans[0]!.links).toHaveLength(128)
    for (const link of spans[0]!.links) expect(requestIds.has(link.context.spanId)).toBe(true)
    const lookups = await telemetry.points('vendor_token.cache.lookups')
    const count = (result: string) =>
      lookups.find((p) => p.attributes['vendor_token.cache.result'] === result)?.value
    expect([count('miss'), count('wait')]).toEqual([1, 999])
  })

  it('503, 503, 200: one span with two retry events', async () => {
    emulator.fault('bridgeft', { status: 503, times: 2 })
    await inRequest('GET /accounts', () => manager.getToken('bridgeft'))
    expect(emulator.stats('bridgeft').tokenRequests).toBe(3)
    const spans = fetchSpans()
    expect(spans).toHaveLength(1)
    expect(spans[0]!.attributes).toMatchObject({
      'vendor_token.outcome': 'ok',
      'vendor_token.attempts': 3,
      'http.response.status_code': 200,
    })
    expect(spans[0]!.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        'retry',
        {
          'vendor_token.retry.attempt': 1,
          'vendor_token.retry.delay_ms': 0,
          'vendor_token.retry.reason': 'endpoint_unavailable',
          'http.response.status_code': 503,
        },
      ],
      [
        'retry',
        {
          'vendor_token.retry.attempt': 2,
          'vendor_token.retry.delay_ms': 0,
          'vendor_token.retry.reason': 'endpoint_unavailable',
          'http.response.status_code': 503,
        },
      ],
    ])
  })

  it('a rejected secret: an ERROR span with the code, and the secret nowhere in the exported data', async () => {
    const secret = 'wrong-secret-0f9e8d7c-FAKE'
    const rejected = managerFor(secret)
    const local = instrumentVendorToken({ ...telemetry, managers: [rejected] })
    otel.disable() // one subscriber: the one that sees the rejected manager
    try {
      await expect(
        inRequest('GET /accounts', () => rejected.getToken('bridgeft')),
      ).rejects.toBeInstanceOf(TokenRequestRejectedError)
    } finally {
      local.disable()
      await rejected.close()
    }
    const spans = fetchSpans()
    expect(spans).toHaveLength(1)
    expect(spans[0]!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'token_rejected' })
    expect(spans[0]!.attributes).toMatchObject({
      'vendor_token.outcome': 'rejected',
      'vendor_token.oauth_error': 'invalid_client',
      'error.type': 'token_rejected',
      'http.response.status_code': 401,
    })
    const failures = await telemetry.points('vendor_token.fetch.failures')
    expect(failures.map((p) => [p.attributes['vendor_token.outcome'], p.value])).toEqual([
      ['rejected', 1],
    ])
    const exported = exportedText(telemetry.spans()) + JSON.stringify(await telemetry.metrics())
    expect(exported).not.toContain(secret)
    expect(exported).not.toContain(encodeURIComponent(secret))
  })
})
