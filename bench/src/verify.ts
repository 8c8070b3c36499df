/**
 * Benchmark of @vendor-token/verify (issue 5): the same 1,000 distinct RS256 tokens through raw
 * `crypto.verify`, jose inline, the pool (one token per task, micro-batched `verify`, `verifyMany`),
 * fast-jwt inline, and repeated tokens through the cache, with the main thread's event-loop p99
 * (perf_hooks.monitorEventLoopDelay) beside each. Run alone: `node bench/dist/verify.js [--quick]`.
 */
import { verify as cryptoVerify, KeyObject } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { createVerifier, type VerifierOptions } from '@vendor-token/verify'
import { createVerifier as createFastJwtVerifier } from 'fast-jwt'
import { exportJWK, exportSPKI, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose'
import type { BenchRow } from './types.js'

const ISSUER = 'https://auth.wealth.example/oidc'
const AUDIENCE = 'https://advisor-api.wealth.example'
const IN_FLIGHT = 256

interface Measured {
  perSecond: number
  p99Ms: number
  /** CPU time of the whole process (every thread) per operation, in µs: independent of other load. */
  cpuUs: number
}
type Baseline = { name: string; value: number }

/** Runs `round` (one pass, returning how many were verified) for at least `ms`; a synchronous round blocks the loop that long. */
async function measure(ms: number, round: () => Promise<number> | number): Promise<Measured> {
  await round() // warm-up (JIT, worker key import)
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  histogram.enable()
  let count = 0
  const cpu = process.cpuUsage()
  const start = performance.now()
  while (performance.now() - start < ms) {
    count += await round()
    await new Promise((resolve) => setImmediate(resolve))
  }
  const elapsed = performance.now() - start
  const { user, system } = process.cpuUsage(cpu)
  histogram.disable()
  return {
    perSecond: (count / elapsed) * 1000,
    p99Ms: histogram.percentile(99) / 1e6,
    cpuUs: (user + system) / count,
  }
}

/** Calls `task(i)` for every index with `limit` calls in flight. */
async function withInFlight(total: number, limit: number, task: (i: number) => Promise<unknown>) {
  let next = 0
  const lane = async () => {
    while (next < total) await task(next++)
  }
  await Promise.all(Array.from({ length: Math.min(limit, total) }, lane))
  return total
}

/** The same crypto.verify loop on `threads` threads at once: what the machine delivers right now. */
const PARALLEL_RAW = `
const { parentPort, workerData } = require('node:worker_threads')
const { createPublicKey, verify } = require('node:crypto')
const key = createPublicKey(workerData.pem)
const inputs = workerData.inputs.map(([d, s]) => [Buffer.from(d), Buffer.from(s)])
for (const [d, s] of inputs) verify('sha256', d, key, s)
const start = performance.now(); let count = 0
while (performance.now() - start < workerData.ms) { for (const [d, s] of inputs) verify('sha256', d, key, s); count += inputs.length }
parentPort.postMessage(count / (performance.now() - start) * 1000)`

async function parallelRaw(
  threads: number,
  ms: number,
  pem: string,
  inputs: (readonly [Buffer, Buffer])[],
) {
  const rates = await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(PARALLEL_RAW, { eval: true, workerData: { pem, inputs, ms } })
      return new Promise<number>((resolve, reject) =>
        worker.once('message', resolve).once('error', reject),
      )
    }),
  )
  return rates.reduce((a, b) => a + b, 0)
}

async function makeTokens(count: number) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'bench-key', alg: 'RS256', use: 'sig' }
  const tokens: string[] = []
  for (let i = 0; i < count; i++) {
    const claims = { scope: 'clients:read clients:write', client_id: 'advisor-app', jti: `t${i}` }
    tokens.push(
      await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'bench-key', typ: 'at+jwt' })
        .setIssuer(ISSUER)
        .setSubject(`advisor-${i}`)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(privateKey),
    )
  }
  return { tokens, jwk, publicKey, pem: await exportSPKI(publicKey) }
}

function row(name: string, m: Measured, extra: Partial<BenchRow> = {}): BenchRow {
  const p99 = `event-loop p99 ${m.p99Ms.toFixed(1)} ms`
  return {
    suite: 'verify',
    name,
    value: Math.round(m.perSecond),
    unit: 'verifications/s',
    note: p99,
    ...extra,
  }
}

function versus(m: Measured, baseline: Baseline, min?: number): Partial<BenchRow> {
  const ratio = Number((m.perSecond / baseline.value).toFixed(2))
  if (min === undefined) return { baseline, ratio }
  return { baseline, ratio, target: `>= ${min} x ${baseline.name}`, pass: ratio >= min }
}

/**
 * The longest event-loop stall while a verifier loads a 2,000-key JWKS (one modulus under
 * 2,000 kids) and verifies its first token, timed by a 1 ms interval probe.
 */
async function largeKeySetLoad(token: string, jwk: JWK): Promise<BenchRow> {
  const keys: JWK[] = Array.from({ length: 2_000 }, (_, i) => ({ ...jwk, kid: `k${i}` }))
  keys[1_999] = jwk // the token's own kid, last
  let longest = 0
  let last = performance.now()
  const probe = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 1)
  const start = performance.now()
  const verifier = createVerifier({ jwks: { keys }, issuer: ISSUER, audience: AUDIENCE })
  try {
    await verifier.verify(token)
  } finally {
    clearInterval(probe)
    await verifier.close()
  }
  return {
    suite: 'verify',
    name: '2,000-key JWKS load: longest event-loop stall',
    value: Number(longest.toFixed(1)),
    unit: 'ms',
    target: '<= 50 ms',
    pass: longest <= 50,
    note: `load + first verification took ${Math.round(performance.now() - start)} ms (wall; other load included)`,
  }
}

/** Runs every row; `quick` shortens each measurement. */
export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const ms = quick ? 700 : 3_000
  const cores = availableParallelism()
  const { tokens, jwk, publicKey, pem } = await makeTokens(1_000)
  const options: VerifierOptions = {
    jwks: { keys: [jwk] },
    issuer: ISSUER,
    audience: AUDIENCE,
    threads: cores,
  }
  const rows: BenchRow[] = []

  // 1. The machine's limit: synchronous crypto.verify of the same signing inputs, one thread.
  const key = KeyObject.from(publicKey)
  const inputs = tokens.map((token) => {
    const dot = token.lastIndexOf('.')
    return [
      Buffer.from(token.slice(0, dot)),
      Buffer.from(token.slice(dot + 1), 'base64url'),
    ] as const
  })
  const raw = await measure(ms, () => {
    for (const [data, signature] of inputs)
      if (!cryptoVerify('sha256', data, key, signature)) throw new Error('bad')
    return inputs.length
  })
  const limit: Baseline = {
    name: `${cores} cores x raw crypto.verify`,
    value: Math.round(raw.perSecond * cores),
  }
  rows.push(
    row('raw crypto.verify, 1 thread', raw, {
      note: `limit ${limit.value}/s; loop blocked: ${row('', raw).note}`,
    }),
  )

  // 2. jose inline on the main thread, 256 in flight (WebCrypto on the libuv threadpool).
  const claims = { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'] }
  const jose = await measure(ms, () =>
    withInFlight(tokens.length, IN_FLIGHT, (i) => jwtVerify(tokens[i]!, publicKey, claims)),
  )
  const joseBaseline: Baseline = { name: 'jose inline', value: Math.round(jose.perSecond) }
  const uv = process.env.UV_THREADPOOL_SIZE ?? '4'
  rows.push(row(`jose inline, ${IN_FLIGHT} in flight (UV_THREADPOOL_SIZE=${uv})`, jose))

  // 3-5. The pool: one token per task (the naive design), micro-batched verify(), verifyMany().
  const parallel = { perSecond: await parallelRaw(cores, ms, pem, inputs), p99Ms: 0, cpuUs: 0 }
  const measuredLimit: Baseline = {
    name: `raw crypto.verify on ${cores} threads now`,
    value: Math.round(parallel.perSecond),
  }
  rows.push({
    ...row(measuredLimit.name, parallel),
    note: 'what the machine gives in parallel during this run (other load included)',
  })
  const pool = async (
    name: string,
    extra: Partial<VerifierOptions>,
    many: boolean,
    targets: boolean,
  ) => {
    const verifier = createVerifier({ ...options, cache: false, ...extra })
    try {
      const m = await measure(ms, async () =>
        many
          ? (await verifier.verifyMany(tokens)).length
          : withInFlight(tokens.length, IN_FLIGHT, (i) => verifier.verify(tokens[i]!)),
      )
      rows.push(row(name, m, targets ? versus(m, limit, 0.7) : {}))
      if (targets) {
        rows.push(row(`${name} vs jose inline`, m, versus(m, joseBaseline, 1.5)))
        rows.push(row(`${name} vs parallel raw now`, m, versus(m, measuredLimit)))
        const cpuRatio = Number((m.cpuUs / raw.cpuUs).toFixed(2))
        rows.push({
          suite: 'verify',
          name: `${name}: CPU per token vs raw signature`,
          value: Number(m.cpuUs.toFixed(1)),
          unit: 'µs',
          baseline: {
            name: 'raw crypto.verify CPU per token',
            value: Number(raw.cpuUs.toFixed(1)),
          },
          ratio: cpuRatio,
          target: '<= 1.25 x raw signature',
          pass: cpuRatio <= 1.25,
          note: 'CPU of every thread of the process per token / CPU of one raw crypto.verify (less sensitive to other load than throughput)',
        })
      }
      return m
    } finally {
      await verifier.close()
    }
  }
  await pool(`pool (${cores} threads), one token per task`, { maxBatchSize: 1 }, false, false)
  const batched = await pool(
    `pool (${cores} threads), verify() x${IN_FLIGHT} micro-batched`,
    {},
    false,
    true,
  )
  await pool(`pool (${cores} threads), verifyMany(1000)`, {}, true, true)
  rows.push({
    suite: 'verify',
    name: 'event-loop p99 under full pool load',
    value: Number(batched.p99Ms.toFixed(2)),
    unit: 'ms',
    baseline: { name: 'jose inline p99', value: Number(jose.p99Ms.toFixed(2)) },
    target: '<= 10 ms',
    pass: batched.p99Ms <= 10,
  })

  // 6. fast-jwt inline (synchronous, main thread).
  const fast = createFastJwtVerifier({
    key: pem,
    algorithms: ['RS256'],
    allowedIss: ISSUER,
    allowedAud: AUDIENCE,
    cache: false,
  })
  rows.push(
    row(
      'fast-jwt inline',
      await measure(ms, () => tokens.reduce((n, t) => (fast(t) ? n + 1 : n), 0)),
    ),
  )

  // 7. A 2,000-key JWKS loaded while the event loop is watched (issue 13: never blocked > 50 ms).
  rows.push(await largeKeySetLoad(tokens[0]!, jwk))

  // 8. Repeated tokens through the cache, a fresh string per call (as parsed from a header).
  const cached = createVerifier(options)
  try {
    await cached.verifyMany(tokens)
    const halves = tokens.map((token) => [token.slice(0, 40), token.slice(40)] as const)
    const hits = await measure(ms, async () => {
      for (const [head, tail] of halves) await cached.verify(head + tail)
      return halves.length
    })
    rows.push(
      row('cache hit, fresh string per call', hits, {
        target: '>= 500000/s',
        pass: hits.perSecond >= 500_000,
      }),
    )
  } finally {
    await cached.close()
  }
  return rows
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await run({ quick: process.argv.includes('--quick') })
  for (const r of rows) {
    const versus = r.baseline
      ? ` | ${r.ratio ?? ''} x ${r.baseline.name} (${r.baseline.value})`
      : ''
    const target = r.target ? ` | target ${r.target}: ${r.pass ? 'pass' : 'MISS'}` : ''
    console.log(`${r.name} | ${r.value} ${r.unit}${versus}${target}${r.note ? ` | ${r.note}` : ''}`)
  }
}
