import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisTokenStore } from '../src/index.js'
import {
  adminClient,
  deleteKeys,
  makeToken,
  REDIS_URL,
  testKey,
  uniquePrefix,
} from './helpers/redis.js'

describe('encryption key rotation', () => {
  const prefix = uniquePrefix('rotation')
  const oldKey = testKey()
  const newKey = testKey()
  const stores: RedisTokenStore[] = []
  let admin: Redis

  function store(encryptionKey: ConstructorParameters<typeof RedisTokenStore>[0]['encryptionKey']) {
    const created = new RedisTokenStore({ redis: REDIS_URL, prefix, encryptionKey })
    stores.push(created)
    return created
  }

  beforeAll(() => {
    admin = adminClient()
  })

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()))
    await deleteKeys(admin, prefix)
    admin.disconnect()
  })

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
    expect(await admin.hget(`${prefix}token:v:new`, 'data')).toMatch(/^v1\.k2\./)
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
