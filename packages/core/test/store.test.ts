import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  clientCredentials,
  ManualClock,
  MemoryTokenStore,
  type StoredToken,
  TokenManager,
} from '../src/index.js'
import { recordingLogger } from './support/helpers.js'
import { RecordingStore } from './support/recording-store.js'
import { startTokenServer, type TokenServer } from './support/token-server.js'

describe('token store interplay', () => {
  let server: TokenServer
  let clock: ManualClock
  let store: RecordingStore
  let manager: TokenManager
  const source = () =>
    clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'id', clientSecret: 'secret' })

  beforeEach(async () => {
    server = await startTokenServer()
    clock = new ManualClock()
    store = new RecordingStore()
    manager = new TokenManager({ clock, store })
    manager.register('acme', source())
  })
  afterEach(async () => {
    await manager.close()
    await server.close()
  })

  /** A one-hour token with `leftMs` to live. */
  const stored = (accessToken: string, leftMs = 3_600_000): StoredToken => ({
    accessToken,
    tokenType: 'Bearer',
    issuedAt: clock.now() + leftMs - 3_600_000,
    expiresAt: clock.now() + leftMs,
  })

  it('on a miss reads the store first and uses a token another instance stored', async () => {
    store.tokens.set('acme', stored('from-another-instance'))
    const token = await manager.getToken('acme')
    expect(token.accessToken).toBe('from-another-instance')
    expect(server.requests).toHaveLength(0)
    expect(store.calls).toEqual(['get acme'])
  })

  it('ignores a stored token inside the skew and stores the one it fetched', async () => {
    store.tokens.set('acme', stored('almost-expired', 30_000))
    const token = await manager.getToken('acme')
    expect(token.accessToken).toBe(server.issued[0])
    expect(store.calls).toEqual(['get acme', 'set acme'])
    expect(store.tokens.get('acme')!.accessToken).toBe(server.issued[0])
  })

  it('invalidate deletes from the store and tells the fleet', async () => {
    await manager.getToken('acme', { scopes: ['a'] })
    await manager.invalidate('acme', { scopes: ['a'] })
    const key = 'acme:{"scopes":["a"]}'
    expect(store.calls).toEqual([`get ${key}`, `set ${key}`, `delete ${key}`, `publish ${key}`])
    expect(manager.status()[0]!.state).toBe('empty')
  })

  it('drops the local token when another instance invalidates the key', async () => {
    const first = await manager.getToken('acme')
    const events: unknown[] = []
    manager.on('invalidated', (event) => events.push(event))
    store.remoteInvalidate('acme')
    expect(events).toEqual([{ vendor: 'acme', key: 'acme', remote: true }])
    const second = await manager.getToken('acme')
    expect(second.accessToken).not.toBe(first.accessToken)
    expect(server.requests).toHaveLength(2)
  })

  it('unsubscribes from the store on close', async () => {
    expect(store.listeners.size).toBe(1)
    await manager.close()
    expect(store.listeners.size).toBe(0)
  })

  it('runs the fetch through store.lock when the store has one', async () => {
    const locked: string[] = []
    const lockStore = new RecordingStore()
    lockStore.lock = async (key, fetchToken, { isUsable }) => {
      locked.push(key)
      expect(isUsable(stored('fresh-elsewhere'))).toBe(true)
      expect(isUsable(stored('nearly-expired', 59_000))).toBe(false)
      const token = await fetchToken()
      await lockStore.set(key, token) // the holder stores
      return token
    }
    const locking = new TokenManager({ clock, store: lockStore })
    locking.register('acme', source())
    try {
      const token = await locking.getToken('acme')
      expect(locked).toEqual(['acme'])
      expect(token.accessToken).toBe(server.issued[0])
      expect(lockStore.calls).toEqual(['get acme', 'set acme'])
    } finally {
      await locking.close()
    }
  })

  it('returns what another lock holder fetched without a request of its own', async () => {
    const lockStore = new RecordingStore()
    lockStore.lock = async () => stored('fetched-by-the-holder')
    const waiting = new TokenManager({ clock, store: lockStore })
    waiting.register('acme', source())
    try {
      expect((await waiting.getToken('acme')).accessToken).toBe('fetched-by-the-holder')
      expect(server.requests).toHaveLength(0)
    } finally {
      await waiting.close()
    }
  })

  it('lets two managers share one MemoryTokenStore', async () => {
    const shared = new MemoryTokenStore(() => clock.now())
    const a = new TokenManager({ clock, store: shared }).register('acme', source())
    const b = new TokenManager({ clock, store: shared }).register('acme', source())
    try {
      const first = await a.getToken('acme')
      const second = await b.getToken('acme')
      expect(second.accessToken).toBe(first.accessToken)
      expect(server.requests).toHaveLength(1)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('keeps serving when the store fails', async () => {
    const broken = new RecordingStore()
    broken.get = () => {
      throw new Error('store down')
    }
    broken.set = async () => {
      throw new Error('store down')
    }
    const logger = recordingLogger()
    const resilient = new TokenManager({ clock, store: broken, logger })
    resilient.register('acme', source())
    try {
      const token = await resilient.getToken('acme')
      expect(token.accessToken).toBe(server.issued[0])
      expect(
        logger.lines.filter((line) => line.level === 'warn').map((line) => line.message),
      ).toEqual(['token store read failed; fetching', 'token store write failed'])
    } finally {
      await resilient.close()
    }
  })

  it('setToken stores a token obtained elsewhere and hands it out', async () => {
    await manager.setToken('acme', { user: 'u1' }, stored('signed-in-token'))
    expect((await manager.getToken('acme', { user: 'u1' })).accessToken).toBe('signed-in-token')
    expect(store.tokens.get('acme:{"user":"u1"}')!.accessToken).toBe('signed-in-token')
    expect(server.requests).toHaveLength(0)
  })
})
