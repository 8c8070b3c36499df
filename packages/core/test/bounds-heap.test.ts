import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { expect, it } from 'vitest'
import { ManualClock, TokenManager, type TokenSource } from '../src/index.js'

/** A full collection without `--expose-gc` on the command line. */
function collector(): () => number {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  return () => {
    gc()
    gc()
    return process.memoryUsage().heapUsed
  }
}

it('100,000 distinct params: entries and heap bounded by maxEntries', async () => {
  const heap = collector()
  let requests = 0
  // In process (no HTTP), so the heap holds only what the manager keeps.
  const source: TokenSource = {
    kind: 'counting',
    requestToken: async () => ({
      accessToken: `tok-${requests++}-${'x'.repeat(40)}`,
      expiresIn: 3600,
    }),
  }
  const manager = new TokenManager({ clock: new ManualClock(), maxEntries: 1000 })
  manager.register('firmwide', source)
  await manager.getToken('firmwide', { firmIds: [0] })
  const before = heap()
  for (let id = 1; id <= 100_000; id++) await manager.getToken('firmwide', { firmIds: [id] })
  const growth = heap() - before
  expect(requests).toBe(100_001)
  expect(manager.cacheStats()).toMatchObject({
    entries: 1000,
    evictions: { max_entries: 99_001 },
  })
  // 1,000 entries at about 1 KB each, plus slack for the collector; unbounded it is ~150 MB.
  expect(growth).toBeLessThan(4 * 1024 * 1024)
  await manager.close()
}, 120_000)
