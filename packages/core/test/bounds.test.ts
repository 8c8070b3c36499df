import { afterEach, describe, expect, it } from 'vitest'
import { ConfigurationError, type TokenEvents, TokenManager } from '../src/index.js'
import { type Acme, startAcme } from './support/acme.js'
import { gate } from './support/token-server.js'

let acme: Acme | undefined
afterEach(() => acme?.close())

/** Every `evicted` event of the manager, in order. */
function evictions(fixture: Acme): TokenEvents['evicted'][0][] {
  const seen: TokenEvents['evicted'][0][] = []
  fixture.manager.on('evicted', (event) => seen.push(event))
  return seen
}

const firm = (id: number) => ({ firmIds: [id] })

describe('maxEntries', () => {
  it('evicts the least recently used idle entry past the bound', async () => {
    acme = await startAcme({ maxEntries: 3 })
    const { manager } = acme
    const seen = evictions(acme)
    for (const id of [1, 2, 3]) await manager.getToken('acme', firm(id))
    acme.clock.advance(1000)
    await manager.getToken('acme', firm(1)) // a hit: 1 is now the most recently used
    await manager.getToken('acme', firm(4))
    expect(seen).toEqual([{ vendor: 'acme', key: 'acme:{"firmIds":[2]}', reason: 'max_entries' }])
    expect(manager.status().map((row) => row.key)).not.toContain('acme:{"firmIds":[2]}')
    expect(manager.cacheStats()).toEqual({
      entries: 3,
      maxEntries: 3,
      evictions: { max_entries: 1, idle: 0 },
    })
    // The bound holds with any number of keys.
    for (let id = 5; id < 50; id++) await manager.getToken('acme', firm(id))
    expect(manager.cacheStats().entries).toBe(3)
    // An evicted key is fetched again when asked for (the manager's own store forgot it too).
    const requests = acme.server.requests.length
    await manager.getToken('acme', firm(2))
    expect(acme.server.requests.length).toBe(requests + 1)
  })

  it('never evicts an entry with a fetch in flight; its callers get their token', async () => {
    acme = await startAcme({ maxEntries: 2 })
    const { manager, server } = acme
    const slow = gate()
    server.script({ gate: slow.promise })
    const waiting = manager.getToken('acme', firm(1))
    await server.waitForRequests(1)
    await manager.getToken('acme', firm(2))
    await manager.getToken('acme', firm(3)) // evicts 2, not the busy 1
    await manager.getToken('acme', firm(4)) // evicts 3; 1 is still busy
    expect(manager.status().map((row) => row.key)).toContain('acme:{"firmIds":[1]}')
    slow.open()
    const token = await waiting
    expect(token.accessToken).toBe(server.issued[0])
    expect(manager.cacheStats().evictions.max_entries).toBe(2)
  })

  it('is checked, and so is idleTtlMs', () => {
    for (const maxEntries of [0, 1.5, -1, Number.NaN]) {
      expect(() => new TokenManager({ maxEntries })).toThrow(ConfigurationError)
      expect(() => new TokenManager({ maxEntries })).toThrow(/maxEntries.*integer >= 1/)
    }
    for (const idleTtlMs of [0, -1, Number.POSITIVE_INFINITY]) {
      expect(() => new TokenManager({ idleTtlMs })).toThrow(/idleTtlMs/)
    }
  })
})

describe('idleTtlMs', () => {
  it('sweeps entries nobody asked for, idleTtlMs past their expiry, on the clock', async () => {
    acme = await startAcme({ idleTtlMs: 600_000 })
    const { manager, clock } = acme
    const seen = evictions(acme)
    await manager.getToken('acme', firm(1)) // expires in 1 h
    await manager.getToken('acme', firm(2))
    clock.advance(3_000_000) // 50 min: both still valid
    const refreshed = new Promise((resolve) => manager.once('refreshed', resolve))
    await manager.getToken('acme', firm(2)) // refresh-ahead point passed: a refresh starts
    await refreshed
    clock.advance(600_000 + 600_000) // 1 h 10 min: 1 expired 10 min ago; 2 was refreshed
    expect(seen).toEqual([{ vendor: 'acme', key: 'acme:{"firmIds":[1]}', reason: 'idle' }])
    expect(manager.cacheStats()).toMatchObject({ entries: 1, evictions: { idle: 1 } })
  })

  it('a sweep timer is only armed while entries exist, and close removes it', async () => {
    acme = await startAcme({ idleTtlMs: 60_000 })
    const { manager, clock } = acme
    expect(clock.pendingTimers).toBe(0)
    await manager.getToken('acme')
    expect(clock.pendingTimers).toBeGreaterThan(0)
    clock.advance(3600_000 + 60_000 * 2)
    expect(manager.cacheStats().entries).toBe(0)
    expect(manager.cacheStats().evictions.idle).toBe(1)
    await manager.close()
    expect(clock.pendingTimers).toBe(0)
  })
})
