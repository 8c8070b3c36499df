/**
 * Observability benchmarks (issue 15): what the diagnostics channels cost on the cache-hit path,
 * with nobody subscribed and with @vendor-token/opentelemetry on the real OTel SDK (no-op
 * exporters), and that a traced stampede still makes one token request. Before the lifecycle
 * publishes (issue 15 stage 2) the instrumented rows measure nothing but the subscription.
 * Run alone with `node bench/dist/observability.js`.
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import {
  BasicTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base'
import { TokenManager } from '@vendor-token/core'
import { startEmulator } from '@vendor-token/emulator'
import { instrumentVendorToken } from '@vendor-token/opentelemetry'
import { bridgeft } from '@vendor-token/vendors'
import type { BenchRow } from './types.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

/** Drops every span (counting them): the SDK does all its work, nothing leaves the process. */
class NoopSpanExporter implements SpanExporter {
  exported = 0
  export(spans: ReadableSpan[], done: Parameters<SpanExporter['export']>[1]): void {
    this.exported += spans.length
    done({ code: 0 }) // ExportResultCode.SUCCESS
  }
  async shutdown(): Promise<void> {}
}

/** A metric reader nobody collects from (as a pull exporter between scrapes). */
class IdleReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

function sdk() {
  const exporter = new NoopSpanExporter()
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
  const meterProvider = new MeterProvider({ readers: [new IdleReader()] })
  return {
    exporter,
    tracerProvider,
    meterProvider,
    shutdown: () => Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]),
  }
}

function manager(emulator: Emulator): TokenManager {
  const { baseUrl, clientId, clientSecret } = emulator.vendors.bridgeft
  return new TokenManager().register('bridgeft', bridgeft({ baseUrl, clientId, clientSecret }))
}

async function awaitedOps(n: number, call: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  for (let i = 0; i < n; i++) await call()
  return n / ((performance.now() - started) / 1000)
}

/**
 * The core suite's "getToken cache hit vs baseline" ratio of the last full run
 * (results/latest.json, written at the end of a run, so read here before this run replaces it):
 * the cache-hit path before this change, against the same Map.get + Promise.resolve baseline.
 */
function previousHitRatio(): number | undefined {
  try {
    const report = JSON.parse(
      readFileSync(new URL('../results/latest.json', import.meta.url), 'utf8'),
    ) as { rows: BenchRow[] }
    return report.rows.find(
      (row) => row.suite === 'core' && row.name === 'getToken cache hit vs baseline',
    )?.ratio
  } catch {
    return undefined
  }
}

/**
 * Cache hits: no subscriber, and with the package enabled (on) against the same manager with
 * it disabled (off), in interleaved rounds (best of each), so both see the same machine state.
 */
async function hitRows(emulator: Emulator, quick: boolean): Promise<BenchRow[]> {
  const subject = manager(emulator)
  const telemetry = sdk()
  try {
    const token = await subject.getToken('bridgeft')
    const map = new Map([['bridgeft', token]])
    const baselineCall = () => Promise.resolve(map.get('bridgeft'))
    const call = () => subject.getToken('bridgeft')
    const n = 200_000
    const rounds = quick ? 10 : 30
    let baseline = 0
    let off = 0
    let on = 0
    for (let round = -3; round < rounds; round++) {
      // Three warm-up rounds (optimising compiler), then the measured ones.
      const b = await awaitedOps(n, baselineCall)
      const plain = await awaitedOps(n, call)
      const otel = instrumentVendorToken(telemetry)
      const instrumented = await awaitedOps(n, call)
      otel.disable()
      if (round < 0) continue
      baseline = Math.max(baseline, b)
      off = Math.max(off, plain)
      on = Math.max(on, instrumented)
    }
    const note = `best of ${rounds} interleaved rounds of ${n.toLocaleString('en')} awaited calls`
    const ratio = off / baseline
    const previous = previousHitRatio()
    const relative = previous === undefined ? undefined : ratio / previous
    return [
      {
        suite: 'observability',
        name: 'getToken cache hit, no subscriber vs before the channels',
        value: Math.round(off),
        unit: 'ops/s',
        baseline: { name: 'Map.get + Promise.resolve', value: Math.round(baseline) },
        ratio: Number((relative ?? ratio).toFixed(3)),
        target: '>= 0.97',
        ...(relative === undefined ? {} : { pass: relative >= 0.97 }),
        note:
          relative === undefined
            ? 'no previous full run in results/latest.json: ratio is against Map.get + Promise.resolve only'
            : `(hit / Map.get ratio ${ratio.toFixed(3)}) / (the core suite's ${previous} in the previous full run); ${note}`,
      },
      {
        suite: 'observability',
        name: 'getToken cache hit, @vendor-token/opentelemetry enabled',
        value: Math.round(on),
        unit: 'ops/s',
        baseline: { name: 'getToken cache hit, not instrumented', value: Math.round(off) },
        ratio: Number((on / off).toFixed(3)),
        target: '>= 0.5',
        pass: on / off >= 0.5,
        note: `OTel SDK (BasicTracerProvider, MeterProvider), no-op exporters; ${note}`,
      },
    ]
  } finally {
    await subject.close()
    await telemetry.shutdown()
  }
}

/** 10,000 cold callers on one key with the package enabled: token requests and fetch spans. */
async function stampedeRows(emulator: Emulator): Promise<BenchRow[]> {
  emulator.fault('bridgeft', { latencyMs: 20 })
  const subject = manager(emulator)
  const telemetry = sdk()
  const otel = instrumentVendorToken(telemetry)
  try {
    const before = emulator.stats('bridgeft').tokenRequests
    const exportedBefore = telemetry.exporter.exported
    await Promise.all(Array.from({ length: 10_000 }, () => subject.getToken('bridgeft')))
    const requests = emulator.stats('bridgeft').tokenRequests - before
    const spans = telemetry.exporter.exported - exportedBefore
    return [
      {
        suite: 'observability',
        name: '10,000 cold concurrent getToken, instrumented: token requests',
        value: requests,
        unit: 'requests',
        target: '== 1',
        pass: requests === 1,
        note: `${spans} span(s) exported; endpoint answers after 20 ms`,
      },
    ]
  } finally {
    otel.disable()
    emulator.clearFaults('bridgeft')
    await subject.close()
    await telemetry.shutdown()
  }
}

export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const emulator = await startEmulator()
  try {
    return [...(await hitRows(emulator, quick)), ...(await stampedeRows(emulator))]
  } finally {
    await emulator.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run({ quick: process.argv.includes('--quick') })) console.log(row)
}
