import { context } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import {
  type DataPoint,
  MeterProvider,
  type MetricData,
  MetricReader,
} from '@opentelemetry/sdk-metrics'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'

/** A reader the test collects from when it wants (no timer). */
class CollectingReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** The OTel SDK with in-memory span export and a metric reader collected on demand. */
export interface TestTelemetry {
  tracerProvider: BasicTracerProvider
  meterProvider: MeterProvider
  spans(): ReadableSpan[]
  /** Collects every metric now. */
  metrics(): Promise<MetricData[]>
  /** The data points of one metric (empty when it has none). */
  points(name: string): Promise<DataPoint<unknown>[]>
  shutdown(): Promise<void>
}

let contextManager: AsyncLocalStorageContextManager | undefined

/** Active spans follow async calls (as in an app with the Node SDK). Once per test file. */
export function enableAsyncContext(): void {
  if (contextManager !== undefined) return
  contextManager = new AsyncLocalStorageContextManager().enable()
  context.setGlobalContextManager(contextManager)
}

export function startTelemetry(): TestTelemetry {
  enableAsyncContext()
  const exporter = new InMemorySpanExporter()
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
  const reader = new CollectingReader()
  const meterProvider = new MeterProvider({ readers: [reader] })
  const metrics = async () => {
    const { resourceMetrics } = await reader.collect()
    return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics)
  }
  return {
    tracerProvider,
    meterProvider,
    spans: () => exporter.getFinishedSpans(),
    metrics,
    points: async (name) =>
      ((await metrics()).find((metric) => metric.descriptor.name === name)?.dataPoints ??
        []) as DataPoint<unknown>[],
    shutdown: async () => {
      await tracerProvider.shutdown()
      await meterProvider.shutdown()
    },
  }
}

/** What an exporter sends of each span (OTLP's fields), as text to search. */
export function exportedText(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(
    spans.map((span) => ({
      name: span.name,
      kind: span.kind,
      attributes: span.attributes,
      status: span.status,
      events: span.events,
      links: span.links,
      resource: span.resource.attributes,
    })),
  )
}
