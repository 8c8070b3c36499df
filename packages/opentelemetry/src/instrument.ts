import { subscribe, tracingChannel, unsubscribe } from 'node:diagnostics_channel'
import { type MeterProvider, metrics, type TracerProvider, trace } from '@opentelemetry/api'
import {
  type CacheLookupMessage,
  DIAGNOSTICS_CHANNELS,
  type FetchRetryMessage,
} from '@vendor-token/core'
import { FetchSpans } from './fetch-spans.js'
import { type StatusSource, VendorTokenMetrics } from './metrics.js'
import { SCOPE_NAME } from './names.js'
import { JWKS_CHANNEL, readJwksFetch, readVerifyBatch, VERIFY_CHANNEL } from './verify-messages.js'

const LOOKUP_RESULTS = new Set<unknown>(['hit', 'miss', 'wait'])

export interface InstrumentOptions {
  /** Default: the global tracer provider (`trace.getTracerProvider()`). */
  tracerProvider?: TracerProvider
  /** Default: the global meter provider (`metrics.getMeterProvider()`). */
  meterProvider?: MeterProvider
  /**
   * Managers whose `status()` feeds `vendor_token.token.time_to_expiry` at each collection.
   * Without any, that gauge is not created.
   */
  managers?: readonly StatusSource[]
}

export interface Instrumentation {
  /** Unsubscribes from every channel and stops the observable metrics. Idempotent. */
  disable(): void
}

/**
 * Turns vendor-token's diagnostics channels into OpenTelemetry spans and metrics. Subscribes
 * to the channels by name, so it sees every manager and verifier in the process, whichever
 * copy of @vendor-token/core or /verify they come from. A message that is not of the contract's
 * shape is ignored (a subscriber that threw would crash the process: channels rethrow async).
 *
 * @example
 * const otel = instrumentVendorToken({ managers: [manager] }) // global providers
 * // ... later
 * otel.disable()
 */
export function instrumentVendorToken(options: InstrumentOptions = {}): Instrumentation {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE_NAME)
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE_NAME)
  const recorder = new VendorTokenMetrics(meter, options.managers ?? [])
  const spans = new FetchSpans(tracer, (fetch, seconds) => recorder.fetchEnded(fetch, seconds))
  const fetchChannel = tracingChannel(DIAGNOSTICS_CHANNELS.fetch)
  fetchChannel.subscribe(spans.handlers)
  const listeners: Array<[string, (message: unknown) => void]> = [
    [DIAGNOSTICS_CHANNELS.retry, (message) => spans.retry(message as FetchRetryMessage)],
    [
      DIAGNOSTICS_CHANNELS.cache,
      (message) => {
        const lookup = message as CacheLookupMessage | undefined
        if (typeof lookup?.vendor !== 'string' || !LOOKUP_RESULTS.has(lookup.result)) return
        recorder.cacheLookup(lookup)
        if (lookup.result === 'wait') spans.waited(lookup)
      },
    ],
    [
      VERIFY_CHANNEL,
      (message) => {
        const batch = readVerifyBatch(message)
        if (batch !== undefined) recorder.verifyBatch(batch)
      },
    ],
    [
      JWKS_CHANNEL,
      (message) => {
        const fetch = readJwksFetch(message)
        if (fetch !== undefined) recorder.jwksFetch(fetch)
      },
    ],
  ]
  for (const [name, listener] of listeners) subscribe(name, listener)
  let enabled = true
  return {
    disable() {
      if (!enabled) return
      enabled = false
      fetchChannel.unsubscribe(spans.handlers)
      for (const [name, listener] of listeners) unsubscribe(name, listener)
      spans.clear()
      recorder.close()
    },
  }
}
