import { metrics, trace } from '@opentelemetry/api'
import { afterAll, expect, it } from 'vitest'
import { instrumentVendorToken } from '../src/index.js'
import { startTelemetry } from './support/otel.js'
import { endFetch, publishLookup, startFetch } from './support/publish.js'

const telemetry = startTelemetry()
afterAll(() => telemetry.shutdown())

it('uses the global tracer and meter providers when none are given', async () => {
  trace.setGlobalTracerProvider(telemetry.tracerProvider)
  metrics.setGlobalMeterProvider(telemetry.meterProvider)
  const otel = instrumentVendorToken()
  try {
    endFetch(startFetch(), { outcome: 'ok' })
    publishLookup({
      vendor: 'acme',
      keyHash: 'k',
      result: 'miss',
      fetchId: undefined,
      user: undefined,
    })
    expect(telemetry.spans().map((span) => span.name)).toEqual(['vendor-token.fetch'])
    expect(await telemetry.points('vendor_token.cache.lookups')).toHaveLength(3)
  } finally {
    otel.disable()
  }
})
