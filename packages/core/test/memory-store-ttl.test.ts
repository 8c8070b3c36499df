import { expect, it } from 'vitest'
import { ManualClock, MemoryTokenStore, type StoredToken } from '../src/index.js'

const DAY = 24 * 3600_000
const token = (clock: ManualClock, lifetimeMs: number, refreshToken?: string): StoredToken => ({
  accessToken: `at-${Math.random()}`,
  tokenType: 'Bearer',
  issuedAt: clock.now(),
  expiresAt: clock.now() + lifetimeMs,
  ...(refreshToken === undefined ? {} : { refreshToken }),
})

it('every record expires: a token at its expiry, a refresh-token record refreshTokenTtlMs after its write', () => {
  const clock = new ManualClock()
  const store = new MemoryTokenStore(clock, { refreshTokenTtlMs: 7 * DAY })
  store.set('cc', token(clock, 3600_000))
  store.set('user', token(clock, 3600_000, 'rt-1'))
  expect(store.size).toBe(2)
  clock.advance(3600_000)
  expect(store.get('cc')).toBeUndefined()
  expect(store.get('user')?.refreshToken).toBe('rt-1') // the refresh token outlives the access token
  expect(store.size).toBe(1)
  clock.advance(7 * DAY)
  expect(store.size).toBe(0)
  expect(clock.pendingTimers).toBe(0) // nothing left: the sweep timer is not re-armed
})

it('the clock sweeps records nobody reads; without a Clock, size counts live records only', () => {
  const clock = new ManualClock()
  const timed = new MemoryTokenStore(clock, { sweepIntervalMs: 1000 })
  let now = clock.now()
  const untimed = new MemoryTokenStore(() => now)
  for (let i = 0; i < 1000; i++) {
    timed.set(`k${i}`, token(clock, 60_000))
    untimed.set(`k${i}`, token(clock, 60_000))
  }
  clock.advance(61_000)
  now = clock.now()
  // The timed store's sweep found nothing left (it is not re-armed), before anything read it.
  expect(clock.pendingTimers).toBe(0)
  expect(JSON.stringify(timed)).toBe('{"kind":"memory","size":0}')
  untimed.set('fresh', token(clock, 60_000))
  expect(untimed.get('k1')).toBeUndefined()
  expect(untimed.size).toBe(1)
  timed.close()
})
