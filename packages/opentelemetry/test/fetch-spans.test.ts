import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Instrumentation, instrumentVendorToken } from '../src/index.js'
import { exportedText, startTelemetry, type TestTelemetry } from './support/otel.js'
import { endFetch, publishLookup, publishRetry, startFetch } from './support/publish.js'

describe('vendor-token.fetch spans from the fetch channel', () => {
  let telemetry: TestTelemetry
  let otel: Instrumentation

  beforeEach(() => {
    telemetry = startTelemetry()
    otel = instrumentVendorToken(telemetry)
  })
  afterEach(async () => {
    otel.disable()
    await telemetry.shutdown()
  })

  const tracer = () => telemetry.tracerProvider.getTracer('test')

  it('is a CLIENT child of the span active where the fetch started, with the contract attributes', () => {
    const request = tracer().startSpan('GET /accounts')
    const fetch = context.with(trace.setSpan(context.active(), request), () =>
      startFetch({ vendor: 'bridgeft', grant: 'client_credentials', keyHash: 'abcdefabcdef' }),
    )
    endFetch(fetch, {
      outcome: 'ok',
      httpStatus: 200,
      serverAddress: '127.0.0.1',
      expiresInSeconds: 3600,
    })
    request.end()
    const span = telemetry.spans().find((s) => s.name === 'vendor-token.fetch')!
    expect(span.kind).toBe(SpanKind.CLIENT)
    expect(span.parentSpanContext?.spanId).toBe(request.spanContext().spanId)
    expect(span.spanContext().traceId).toBe(request.spanContext().traceId)
    expect(span.attributes).toMatchObject({
      'vendor_token.vendor': 'bridgeft',
      'vendor_token.grant': 'client_credentials',
      'vendor_token.key_hash': 'abcdefabcdef',
      'vendor_token.outcome': 'ok',
      'vendor_token.attempts': 1,
      'http.response.status_code': 200,
      'server.address': '127.0.0.1',
    })
    expect(span.status.code).toBe(SpanStatusCode.UNSET)
  })

  it('ends only at asyncEnd (not at the synchronous end of the call that started it)', () => {
    const fetch = startFetch()
    expect(telemetry.spans()).toHaveLength(0)
    endFetch(fetch, { outcome: 'ok' })
    expect(telemetry.spans()).toHaveLength(1)
  })

  it('a failure is status ERROR with the error code; the error and its cause are not exported', () => {
    const fetch = startFetch()
    const cause = new Error('upstream said: client_secret=s3cr3t-value')
    endFetch(fetch, {
      outcome: 'rejected',
      httpStatus: 401,
      errorCode: 'token_rejected',
      oauthError: 'invalid_client',
      error: Object.assign(new Error('token request rejected', { cause }), { secret: 's3cr3t' }),
    })
    const [span] = telemetry.spans()
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'token_rejected' })
    expect(span!.attributes).toMatchObject({
      'error.type': 'token_rejected',
      'vendor_token.outcome': 'rejected',
      'vendor_token.oauth_error': 'invalid_client',
      'http.response.status_code': 401,
    })
    expect(span!.events).toHaveLength(0)
    expect(exportedText(telemetry.spans())).not.toMatch(/s3cr3t|upstream said/)
  })

  it('a retry message adds a retry event to its fetch span (none to another fetch)', () => {
    const fetch = startFetch()
    const other = startFetch()
    const about = { vendor: 'acme', keyHash: fetch.keyHash }
    publishRetry({
      fetchId: fetch.id,
      ...about,
      attempt: 1,
      delayMs: 100,
      reason: 'endpoint_unavailable',
      httpStatus: 503,
    })
    publishRetry({ fetchId: fetch.id, ...about, attempt: 2, delayMs: 200, reason: 'timeout' })
    endFetch(fetch, { outcome: 'ok', attempt: 3 })
    endFetch(other, { outcome: 'ok' })
    const [first, second] = telemetry.spans()
    expect(first!.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        'retry',
        {
          'vendor_token.retry.attempt': 1,
          'vendor_token.retry.delay_ms': 100,
          'vendor_token.retry.reason': 'endpoint_unavailable',
          'http.response.status_code': 503,
        },
      ],
      [
        'retry',
        {
          'vendor_token.retry.attempt': 2,
          'vendor_token.retry.delay_ms': 200,
          'vendor_token.retry.reason': 'timeout',
        },
      ],
    ])
    expect(first!.attributes['vendor_token.attempts']).toBe(3)
    expect(second!.events).toHaveLength(0)
  })

  it('waiters are links on the one fetch span: one per waiting span, none for the starter', () => {
    const starter = tracer().startSpan('request 1')
    const waiterA = tracer().startSpan('request 2')
    const waiterB = tracer().startSpan('request 3')
    const within = <T>(span: typeof starter, run: () => T) =>
      context.with(trace.setSpan(context.active(), span), run)
    const fetch = within(starter, () => startFetch())
    const wait = {
      vendor: 'acme',
      keyHash: fetch.keyHash,
      result: 'wait' as const,
      fetchId: fetch.id,
      user: undefined,
    }
    within(starter, () => publishLookup(wait)) // the starter's own second call
    within(waiterA, () => publishLookup(wait))
    within(waiterA, () => publishLookup(wait))
    within(waiterB, () => publishLookup(wait))
    publishLookup(wait) // no active span: nothing to link
    endFetch(fetch, { outcome: 'ok' })
    const fetchSpans = telemetry.spans().filter((s) => s.name === 'vendor-token.fetch')
    expect(fetchSpans).toHaveLength(1)
    expect(fetchSpans[0]!.links.map((link) => link.context.spanId).sort()).toEqual(
      [waiterA.spanContext().spanId, waiterB.spanContext().spanId].sort(),
    )
  })

  it('a background refresh is marked, and the user id appears only when the message has it', () => {
    endFetch(startFetch({ background: true }), { outcome: 'ok' })
    endFetch(startFetch({ user: 'u-42' }), { outcome: 'ok' })
    const [background, user] = telemetry.spans()
    expect(background!.attributes['vendor_token.background']).toBe(true)
    expect(background!.attributes).not.toHaveProperty('vendor_token.user')
    expect(user!.attributes['vendor_token.user']).toBe('u-42')
  })

  it('disable() unsubscribes: later fetches make no span; calling it twice is fine', () => {
    otel.disable()
    otel.disable()
    endFetch(startFetch(), { outcome: 'ok' })
    expect(telemetry.spans()).toHaveLength(0)
  })
})
