/**
 * The soak: the app of soak-app.ts under full autocannon load on loopback, against the emulator
 * issuing short-lived BridgeFT tokens. Measures what reached the vendor (token requests, expired
 * tokens), what the load saw (status codes, errors, latency) and the app's memory.
 */
import type { ChildProcess } from 'node:child_process'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import autocannon from 'autocannon'
import type { SoakAppConfig } from './soak-app.js'
import { forkSoakApp, memory, next, settledMemory } from './soak-process.js'
import { evaluateSoak, type SoakMeasurements, type SoakResult } from './soak-verdict.js'
import { userAccessToken } from './user-token.js'

export interface SoakOptions {
  /** Length of the measured run (after the warm-up). */
  seconds: number
  /** Warm-up before the first memory sample. Default min(5, seconds / 2). */
  warmupSeconds?: number
  /** Lifetime of the vendor tokens the emulator issues. Default 2. */
  tokenTtlSeconds?: number
  /**
   * autocannon connections. Default 8: enough to keep both cores busy; more only lengthens the
   * queue, and a request that waits longer than the effective skew (0.5 s for 2 s tokens) may
   * reach the vendor with a token that expired on the way.
   */
  connections?: number
  /** Memory is logged this often during the run. Default 10. */
  sampleEverySeconds?: number
  /**
   * Length of the churn phase (after the main run): every request asks for a token of a new
   * firm id, through a manager bounded to CHURN_MAX_ENTRIES keys. Default min(10, seconds / 2);
   * it gets a warm-up of half its length that fills the bound first.
   */
  churnSeconds?: number
  /** Progress lines. Default: none. */
  log?: (line: string) => void
}

/** The start of the run that token requests are not counted in (see runSoak). */
const LEAD_IN_MS = 1_000

const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10

function load(url: string, authorization: string, connections: number, seconds: number) {
  return autocannon({ url, connections, duration: seconds, headers: { authorization } })
}

/** Requests for ever-new firm ids, starting after `first` (one token request each). */
function churnLoad(base: string, first: number, connections: number, seconds: number) {
  let id = first
  return autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, path: `/firms/${id++}` }) }],
  })
}

/** Runs the soak and returns what it measured with the verdict (`failures` empty = pass). */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const {
    seconds,
    tokenTtlSeconds = 2,
    connections = 8,
    sampleEverySeconds = 10,
    log = () => {},
  } = options
  const warmupSeconds = options.warmupSeconds ?? Math.min(5, seconds / 2)
  const emulator: Emulator = await startEmulator({
    port: 0,
    tokenTtlSeconds: { bridgeft: tokenTtlSeconds },
  })
  let app: ChildProcess | undefined
  try {
    const { bridgeft, wealthcom } = emulator.vendors
    const config: SoakAppConfig = {
      bridgeft: {
        baseUrl: bridgeft.baseUrl,
        clientId: bridgeft.clientId,
        clientSecret: bridgeft.clientSecret,
      },
      wealthcom: { issuer: wealthcom.issuer, jwksUri: wealthcom.jwksUri },
    }
    const bearer = `Bearer ${await userAccessToken(emulator)}`
    app = forkSoakApp(config)
    const { port } = await next(app, 'ready')
    const url = `http://127.0.0.1:${port}/accounts`
    log(`app on ${url}; vendor tokens live ${tokenTtlSeconds} s; ${connections} connections`)

    log(`warm-up ${warmupSeconds} s`)
    const warm = await load(url, bearer, connections, warmupSeconds)
    const warmMemory = await settledMemory(app)
    log(`after warm-up: RSS ${mb(warmMemory.rss)} MB, heap ${mb(warmMemory.heapUsed)} MB`)
    const warmVendor = emulator.stats('bridgeft')
    emulator.resetStats()

    log(`soak ${seconds} s`)
    const started = performance.now()
    // Token requests are counted in the steady state, from LEAD_IN_MS into the run: the token
    // kept through the idle memory sample may need a fetch at the very start.
    let windowStart = started
    let leadIn = emulator.stats('bridgeft')
    const steady = setTimeout(() => {
      leadIn = emulator.stats('bridgeft')
      emulator.resetStats()
      windowStart = performance.now()
    }, LEAD_IN_MS)
    const sampler = setInterval(() => {
      memory(app!).then(
        ({ rss, heapUsed }) =>
          log(
            `${Math.round((performance.now() - started) / 1000)} s: RSS ${mb(rss)} MB, heap ${mb(heapUsed)} MB`,
          ),
        () => {},
      )
    }, sampleEverySeconds * 1000)
    let run: autocannon.Result
    try {
      run = await load(url, bearer, connections, seconds)
    } finally {
      clearInterval(sampler)
      clearTimeout(steady)
    }
    const durationSeconds = (performance.now() - windowStart) / 1000
    const vendor = emulator.stats('bridgeft')
    const endMemory = await settledMemory(app)
    log(`after the run: RSS ${mb(endMemory.rss)} MB, heap ${mb(endMemory.heapUsed)} MB`)

    const churnSeconds = options.churnSeconds ?? Math.min(10, seconds / 2)
    const base = `http://127.0.0.1:${port}`
    log(`churn warm-up ${churnSeconds / 2} s: a new firm id per request`)
    const churnWarm = await churnLoad(base, 1_000_000, connections, churnSeconds / 2)
    const churnWarmMemory = await settledMemory(app)
    log(
      `churn after warm-up: RSS ${mb(churnWarmMemory.rss)} MB, heap ${mb(churnWarmMemory.heapUsed)} MB`,
    )
    const churnRun = await churnLoad(base, 50_000_000, connections, churnSeconds)
    const churnEndMemory = await settledMemory(app)
    log(
      `churn after the run: RSS ${mb(churnEndMemory.rss)} MB, heap ${mb(churnEndMemory.heapUsed)} MB`,
    )

    const stopped = next(app, 'stopped')
    app.send({ type: 'stop' })
    const { events, answers5xx, meanLifetimeMs, meanFetchMs, churn } = await stopped

    const measurements: SoakMeasurements = {
      durationSeconds,
      tokenTtlSeconds,
      requests: run.requests.total,
      requestsPerSecond: run.requests.average,
      latencyP99Ms: run.latency.p99,
      non2xx: run.non2xx + warm.non2xx,
      answers5xx: run['5xx'] + warm['5xx'],
      upstreamFailures: answers5xx,
      errors: run.errors + warm.errors,
      timeouts: run.timeouts + warm.timeouts,
      tokenRequests: vendor.tokenRequests,
      resourceRequests: vendor.resourceRequests,
      rejectedExpired: vendor.rejectedExpired + leadIn.rejectedExpired + warmVendor.rejectedExpired,
      rejectedInvalid: vendor.rejectedInvalid + leadIn.rejectedInvalid + warmVendor.rejectedInvalid,
      managerEvents: events,
      meanTokenLifetimeMs: meanLifetimeMs,
      meanTokenFetchMs: meanFetchMs,
      rssWarmBytes: warmMemory.rss,
      rssEndBytes: endMemory.rss,
      heapWarmBytes: warmMemory.heapUsed,
      heapEndBytes: endMemory.heapUsed,
      churn: {
        requests: churnRun.requests.total + churnWarm.requests.total,
        non2xx: churnRun.non2xx + churnWarm.non2xx,
        entries: churn.entries,
        maxEntries: churn.maxEntries,
        evicted: churn.evicted,
        rssWarmBytes: churnWarmMemory.rss,
        rssEndBytes: churnEndMemory.rss,
        heapWarmBytes: churnWarmMemory.heapUsed,
        heapEndBytes: churnEndMemory.heapUsed,
      },
    }
    return evaluateSoak(measurements)
  } finally {
    if (app && app.exitCode === null) app.kill()
    await emulator.close()
  }
}
