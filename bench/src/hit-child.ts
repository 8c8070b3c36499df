/**
 * Child process of the "cache hit before/after the channels" row: imports the core build given
 * as argv[2], caches one token, and prints the best hit / (Map.get + Promise.resolve) ratio of
 * interleaved rounds as JSON. Nothing subscribes to any channel in this process.
 */
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'

interface CoreModule {
  TokenManager: new () => {
    register(vendor: string, source: unknown): unknown
    getToken(vendor: string): Promise<unknown>
    close(): Promise<void>
  }
}

async function awaitedOps(n: number, call: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  for (let i = 0; i < n; i++) await call()
  return n / ((performance.now() - started) / 1000)
}

const [corePath, roundsText] = process.argv.slice(2)
const core = (await import(pathToFileURL(corePath!).href)) as CoreModule
const manager = new core.TokenManager()
// A source that answers in-process: only the cache hit is measured, no server is needed.
manager.register('acme', {
  requestToken: async () => ({
    accessToken: 'a'.repeat(40),
    tokenType: 'Bearer',
    expiresIn: 3600,
  }),
})
const token = await manager.getToken('acme')
const map = new Map([['acme', token]])
const n = 200_000
let best = { hit: 0, baseline: 0 }
for (let round = -3; round < Number(roundsText); round++) {
  const baseline = await awaitedOps(n, () => Promise.resolve(map.get('acme')))
  const hit = await awaitedOps(n, () => manager.getToken('acme'))
  if (round >= 0 && hit / baseline > best.hit / (best.baseline || 1)) best = { hit, baseline }
}
await manager.close()
process.stdout.write(`${JSON.stringify(best)}\n`)
