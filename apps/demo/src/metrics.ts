import type { IncomingMessage, ServerResponse } from 'node:http'
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus'
import { MeterProvider } from '@opentelemetry/sdk-metrics'
import type { TokenManager } from '@vendor-token/core'
import { instrumentVendorToken } from '@vendor-token/opentelemetry'

/** The demo's `/metrics`: what @vendor-token/opentelemetry records, as Prometheus text. */
export interface DemoMetrics {
  /** Answers a scrape (the OpenTelemetry Prometheus exporter's request handler). */
  serve(req: IncomingMessage, res: ServerResponse): void
  /** Stops recording (unsubscribes from the channels) and shuts the meter provider down. */
  close(): Promise<void>
}

/**
 * The metrics an adopter gets from `@vendor-token/opentelemetry` (names and labels: its README),
 * in a MeterProvider of the demo's own (nothing global), read by the OpenTelemetry Prometheus
 * exporter without a server of its own: the status server serves its handler at `/metrics`.
 * `managers` feeds `vendor_token_token_time_to_expiry` from `manager.status()`, the rows the
 * status page shows. Labels are bounded: the vendor, a key hash, outcome codes. Never a token.
 */
export function startMetrics(manager: Pick<TokenManager, 'status'>): DemoMetrics {
  const exporter = new PrometheusExporter({ preventServerStart: true })
  const meterProvider = new MeterProvider({ readers: [exporter] })
  // No tracer provider: the global one is a no-op until an app registers one (the demo does not).
  const instrumentation = instrumentVendorToken({ meterProvider, managers: [manager] })
  return {
    serve: (req, res) => exporter.getMetricsRequestHandler(req, res),
    close: async () => {
      instrumentation.disable()
      await meterProvider.shutdown()
    },
  }
}
