/**
 * Observability benchmarks (issue 15): what the diagnostics channels cost on the cache-hit path,
 * with nobody subscribed and with @vendor-token/opentelemetry on the real OTel SDK (no-op
 * exporters), and that a traced stampede still makes one token request. Before the lifecycle
 * publishes (issue 15 stage 2) the instrumented rows measure nothing but the subscription.
 * Run alone with `node bench/dist/observability.js`.
 */
import { execFile } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
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
import { BEFORE_CHANNELS, buildCoreBeforeChannels } from './hit-before-channels.js'
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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!

/**
 * The cache hit with nobody subscribed, today's core against core just before the channels
 * (built from git), each in fresh child processes taking turns, each against its own
 * Map.get + Promise.resolve baseline: the ratio of the two medians is the channels' cost.
 */
async function beforeAfterChannelsRow(quick: boolean): Promise<BenchRow> {
  const run = promisify(execFile)
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
  const today = fileURLToPath(import.meta.resolve('@vendor-token/core'))
  const child = fileURLToPath(new URL('./hit-child.js', import.meta.url))
  const old = buildCoreBeforeChannels(repoRoot)
  try {
    const pairs = quick ? 3 : 7
    const rounds = quick ? '5' : '10'
    const ratios = { before: [] as number[], today: [] as number[] }
    const bestOps = { before: 0, today: 0 }
    for (let pair = 0; pair < pairs; pair++) {
      for (const [which, entry] of [
        ['before', old.entry],
        ['today', today],
      ] as const) {
        const { stdout } = await run(process.execPath, [child, entry, rounds])
        const best = JSON.parse(stdout) as { hit: number; baseline: number }
        ratios[which].push(best.hit / best.baseline)
        bestOps[which] = Math.max(bestOps[which], best.hit)
      }
    }
    const before = median(ratios.before)
    const after = median(ratios.today)
    return {
      suite: 'observability',
      name: 'getToken cache hit, no subscriber vs before the channels',
      value: Math.round(bestOps.today),
      unit: 'ops/s',
      baseline: {
        name: `core at ${BEFORE_CHANNELS}, before the channels`,
        value: Math.round(bestOps.before),
      },
      ratio: Number((after / before).toFixed(3)),
      target: '>= 0.97',
      pass: after / before >= 0.97,
      note: `median hit / (Map.get + Promise.resolve) of ${pairs} child processes per build taking turns: today ${after.toFixed(3)}, before ${before.toFixed(3)}; per process best of ${rounds} rounds of 200,000 awaited calls`,
    }
  } finally {
    old.remove()
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
    return [
      await beforeAfterChannelsRow(quick),
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
