import { describe, expect, it } from 'vitest'
import type { RedisTokenStoreOptions } from '../src/index.js'
import { makeToken, testKey } from './helpers/redis.js'
import { useSharedRedis } from './helpers/redis-fixture.js'

describe('encryption key rotation', () => {
  const redis = useSharedRedis('rotation')
  const oldKey = testKey()
  const newKey = testKey()
  const store = (encryptionKey: RedisTokenStoreOptions['encryptionKey']) =>
    redis.store({ encryptionKey })

  it('still decrypts values written under a previous key id, and writes under the current one', async () => {
    const token = makeToken('old')
    await store({ current: { id: 'k1', key: oldKey } }).set('v:old', token)

    const rotated = store({
      current: { id: 'k2', key: newKey },
      previous: [{ id: 'k1', key: oldKey }],
    })
    expect(await rotated.get('v:old')).toEqual(token)

    const fresh = makeToken('new')
    await rotated.set('v:new', fresh)
    expect(await redis.admin.hget(redis.keys.token('v:new'), 'data')).toMatch(/^v1\.k2\./)
    expect(await store({ current: { id: 'k2', key: newKey } }).get('v:new')).toEqual(fresh)
  })

  it('cannot read a value once its key id is dropped from the ring', async () => {
    const token = makeToken('dropped')
    await store({ current: { id: 'k1', key: oldKey } }).set('v:dropped', token)
    const withoutOld = store({ current: { id: 'k2', key: newKey } })
    const warnings: string[] = []
    withoutOld.on('warning', (warning) => warnings.push(warning.message))
    expect(await withoutOld.get('v:dropped')).toBeUndefined()
    expect(warnings).toEqual(['stored token ignored: unknown encryption key id "k1"'])
  })

  it('gives a single key the id `default`, so it can move into a ring', async () => {
    const hex = oldKey.toString('hex')
    const token = makeToken('single')
    await store(hex).set('v:single', token)
    const ring = store({
      current: { id: 'k2', key: newKey },
      previous: [{ id: 'default', key: hex }],
    })
    expect(await ring.get('v:single')).toEqual(token)
  })
})
