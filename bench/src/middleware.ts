/**
 * Requests/s of a bare Express (Koa) app vs the same app with `vendorToken` on a cache hit.
 *
 * Each framework's app runs in its own child process (`middleware-server.ts`, one core) and
 * autocannon drives it from this process (the other core), over loopback. The child serves ONE app
 * and switches the `vendorToken` middleware in and out between runs (`Phase`), so both figures
 * come from the same
 * process, the same app objects and the same JIT state; only the middleware differs. Why not two
 * apps: with two Express apps in one process V8's inline caches see both apps' request prototypes
 * and turn polymorphic, and whichever app was built first ran up to 10 % faster (the same
 * middleware read 0.93 or 1.0 of bare Express by build order); and two processes differ from
 * each other by up to ±8 % (JIT and memory layout luck), more than the effect measured here.
 *
 * The three phases (bare, a no-op middleware as a control, `vendorToken`) run in short rounds,
 * each phase taking each position in turn; a ratio is the median of the rounds' ratios, so drift
 * and bursts of background load (which hit a round's runs alike) cancel. The no-op row shows what
 * the framework itself charges for any middleware (Express's router layer, Koa's compose step);
 * `vendorToken vs no-op` is the cost of this package's code. The server's CPU time per request is
 * reported too, as a cross-check: bare / vendorToken CPU per request is the same capacity ratio.
 * Last, the middleware's own time per request is timed inside the server under load (entry to
 * `next()`, minus the same for a no-op): a figure the run-to-run noise of requests/s cannot hide.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import type { Framework, OwnTime, Phase } from './middleware-server.js'
import type { BenchRow } from './types.js'

const SERVER = fileURLToPath(new URL('./middleware-server.js', import.meta.url))
const CONNECTIONS = 32
/** The phases compared by requests/s (the timed ones are measured apart). */
const COMPARED = ['bare', 'noop', 'vendorToken'] as const satisfies readonly Phase[]
type Compared = (typeof COMPARED)[number]
interface Sample {
  requests: number
  cpuMicros: number
}

export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const framework of ['express', 'koa'] as const) {
    rows.push(...(await compare(framework, quick ? 8 : 30, 1)))
  }
  return rows
}

/** Rotating bare / no-op / vendorToken runs against one server process; one framework's rows. */
async function compare(framework: Framework, rounds: number, seconds: number): Promise<BenchRow[]> {
  const { child, port } = await startServer(framework)
  try {
    const measure = async (phase: Phase, duration: number): Promise<Sample> => {
      await ask(child, phase)
      const before = (await ask(child, 'cpu')) as number
      const requests = await load(port, duration)
      return { requests, cpuMicros: ((await ask(child, 'cpu')) as number) - before }
    }
    for (const phase of COMPARED) await measure(phase, 2) // warm-up: JIT, connection setup
    const sums = { bare: EMPTY, noop: EMPTY, vendorToken: EMPTY }
    const ratios = { noop: [] as number[], vendorToken: [] as number[] }
    for (let round = 0; round < rounds; round++) {
      // Each phase takes each position in turn, so drift favours none.
      const order = COMPARED.map((_, i) => COMPARED[(i + round) % COMPARED.length]!)
      const got = {} as Record<Compared, Sample>
      for (const phase of order) got[phase] = await measure(phase, seconds)
      for (const phase of COMPARED) sums[phase] = add(sums[phase], got[phase])
      ratios.noop.push(got.noop.requests / got.bare.requests)
      ratios.vendorToken.push(got.vendorToken.requests / got.bare.requests)
    }
    const ownTime = async (phase: Phase): Promise<number> => {
      await measure(phase, 2)
      const { calls, nanos } = (await ask(child, 'own-time')) as OwnTime
      return nanos / calls
    }
    const ownNoop = await ownTime('timed-noop')
    const ownToken = await ownTime('timed-vendorToken')
    const rate = (s: Sample) => Math.round(s.requests / (rounds * seconds))
    const cpu = (s: Sample) => Number((s.cpuMicros / s.requests).toFixed(1))
    const bareName = `bare ${framework} app`
    const bare = { name: bareName, value: rate(sums.bare) }
    const spread = (sorted: number[]) =>
      `median of ${rounds} rounds of ${seconds} s runs (bare, no-op, vendorToken rotating), ${CONNECTIONS} connections; round ratios ${sorted[0]!.toFixed(3)}..${sorted.at(-1)!.toFixed(3)}`
    const token = median(ratios.vendorToken)
    const noop = median(ratios.noop)
    return [
      { suite: framework, name: bareName, value: bare.value, unit: 'req/s' },
      {
        suite: framework,
        name: `${framework} app + no-op middleware (control)`,
        value: rate(sums.noop),
        unit: 'req/s',
        baseline: bare,
        ratio: round3(noop.value),
        note: `what the framework charges any middleware; ${spread(noop.sorted)}`,
      },
      {
        suite: framework,
        name: `${framework} app + vendorToken (cache hit)`,
        value: rate(sums.vendorToken),
        unit: 'req/s',
        baseline: bare,
        ratio: round3(token.value),
        target: '>= 0.97',
        pass: token.value >= 0.97,
        note: spread(token.sorted),
      },
      {
        suite: framework,
        name: `${framework} app + vendorToken vs + no-op middleware`,
        value: rate(sums.vendorToken),
        unit: 'req/s',
        baseline: { name: `${framework} app + no-op middleware`, value: rate(sums.noop) },
        ratio: round3(token.value / noop.value),
        note: 'the cost of vendorToken itself, beyond being a middleware',
      },
      {
        suite: framework,
        name: `${framework}: vendorToken's own time per request`,
        value: Math.round(ownToken - ownNoop),
        unit: 'ns',
        note: `timed in the server under load from entry to next(), minus a timed no-op (${Math.round(ownNoop)} ns): ${(((ownToken - ownNoop) / 1000 / cpu(sums.bare)) * 100).toFixed(2)} % of a bare request's CPU`,
      },
      {
        suite: framework,
        name: `${framework} app + vendorToken: server CPU per request`,
        value: cpu(sums.vendorToken),
        unit: 'µs',
        baseline: { name: `${bareName}: server CPU per request`, value: cpu(sums.bare) },
        ratio: round3(cpu(sums.bare) / cpu(sums.vendorToken)),
        note: `cross-check: bare / vendorToken CPU per request is the same capacity ratio (no-op: ${cpu(sums.noop)} µs)`,
      },
    ]
  } finally {
    await stopServer(child)
  }
}

const EMPTY: Sample = { requests: 0, cpuMicros: 0 }
const round3 = (x: number) => Number(x.toFixed(3))

function median(values: number[]): { value: number; sorted: number[] } {
  const sorted = [...values].sort((x, y) => x - y)
  return { value: sorted[Math.floor(sorted.length / 2)]!, sorted }
}

const add = (a: Sample, b: Sample): Sample => ({
  requests: a.requests + b.requests,
  cpuMicros: a.cpuMicros + b.cpuMicros,
})

/** Sends one message to the server process and waits for its answer. */
function ask(child: ChildProcess, message: string): Promise<unknown> {
  return new Promise((resolve) => {
    child.once('message', resolve)
    child.send(message)
  })
}

/** Drives the app for `seconds`; returns the number of 2xx answers. */
async function load(port: number, seconds: number): Promise<number> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/`,
    connections: CONNECTIONS,
    duration: seconds,
  })
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`port ${port}: ${result.errors} errors, ${result.non2xx} non-2xx answers`)
  }
  return result['2xx']
}

interface AppServer {
  child: ChildProcess
  port: number
}

/** Forks the process serving one framework's app; resolves once it listens. */
async function startServer(framework: Framework): Promise<AppServer> {
  const child = fork(SERVER, [framework], { stdio: 'inherit' })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${framework} server exited with code ${code}`)))
  })
  return { child, port }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.send('close')
  await exited
}
