import { describe, expect, it } from 'vitest'
import { makeToken } from './helpers/redis.js'
import { useSharedRedis } from './helpers/redis-fixture.js'

describe('a stored issuedAt outside [now - 1 year, now + 1 day]', () => {
  const redis = useSharedRedis('issued-at-window')

  it.each([
    ['far in the future (9e15)', 9e15],
    ['more than a day ahead', Date.now() + 25 * 3_600_000],
    ['more than a year old', Date.now() - 366 * 24 * 3_600_000],
  ])('%s does not block later writes for that key', async (_, planted) => {
    const store = redis.store()
    const key = `v:planted:${planted}`
    const first = makeToken('first')
    await store.set(key, first)
    // Anyone who can write Redis can change the clear `issuedAt` beside the ciphertext.
    await redis.admin.hset(redis.keys.token(key), 'issuedAt', planted)

    const later = makeToken('later')
    await store.set(key, later)
    expect(await store.get(key)).toEqual(later)
    expect(Number(await redis.admin.hget(redis.keys.token(key), 'issuedAt'))).toBe(later.issuedAt)
  })

  it('a newer issuedAt inside the window still refuses an older token', async () => {
    const store = redis.store()
    const newer = makeToken('newer', Date.now() + 60_000)
    await store.set('v:fenced', newer)
    await store.set('v:fenced', makeToken('older'))
    expect(await store.get('v:fenced')).toEqual(newer)
  })
})
