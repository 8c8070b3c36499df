/**
 * The lifecycle publishes the diagnostics contract (src/diagnostics.ts) with a real manager and
 * a loopback token server.
 */
import { subscribe, tracingChannel, unsubscribe } from 'node:diagnostics_channel'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type CacheLookupMessage,
  DIAGNOSTICS_CHANNELS,
  diagnosticsKeyHash,
  type FetchContext,
  type FetchRetryMessage,
  type InvalidateMessage,
} from '../src/index.js'
import { type Acme, startAcme } from './support/acme.js'
import { waitFor } from './support/helpers.js'
import { RecordingStore } from './support/recording-store.js'

const cleanups: Array<() => void> = []
let acme: Acme | undefined
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup()
  await acme?.close()
  acme = undefined
})

function listen<T>(name: string): T[] {
  const received: T[] = []
  const listener = (message: unknown) => received.push(message as T)
  subscribe(name, listener)
  cleanups.push(() => unsubscribe(name, listener))
  return received
}

/** Snapshots of the fetch context at start and at asyncEnd. */
function listenFetch(): { starts: FetchContext[]; ends: FetchContext[] } {
  const starts: FetchContext[] = []
  const ends: FetchContext[] = []
  const ignore = () => {}
  const handlers = {
    start: (message: unknown) => starts.push({ ...(message as FetchContext) }),
    end: ignore,
    asyncStart: ignore,
    error: ignore,
    asyncEnd: (message: unknown) => ends.push({ ...(message as FetchContext) }),
  }
  tracingChannel(DIAGNOSTICS_CHANNELS.fetch).subscribe(handlers)
  cleanups.push(() => tracingChannel(DIAGNOSTICS_CHANNELS.fetch).unsubscribe(handlers))
  return { starts, ends }
}

describe('the lifecycle on the diagnostics channels', () => {
  it('cache: miss for the caller that starts the fetch, wait (with its id) for the others, then hits', async () => {
    acme = await startAcme()
    const lookups = listen<CacheLookupMessage>(DIAGNOSTICS_CHANNELS.cache)
    const fetches = listenFetch()
    await Promise.all([1, 2, 3].map(() => acme!.manager.getToken('acme')))
    await acme.manager.getToken('acme')
    acme.manager.peekToken('acme')
    const fetchId = fetches.starts[0]!.id
    const keyHash = diagnosticsKeyHash('acme')
    expect(lookups).toEqual([
      { vendor: 'acme', keyHash, result: 'miss', fetchId: undefined, user: undefined },
      { vendor: 'acme', keyHash, result: 'wait', fetchId, user: undefined },
      { vendor: 'acme', keyHash, result: 'wait', fetchId, user: undefined },
      { vendor: 'acme', keyHash, result: 'hit', fetchId: undefined, user: undefined },
      { vendor: 'acme', keyHash, result: 'hit', fetchId: undefined, user: undefined },
    ])
    expect(acme.server.requests).toHaveLength(1)
  })

  it('fetch: one context for the whole retried fetch; a retry message per transient failure; no token anywhere', async () => {
    acme = await startAcme({ random: () => 0, retry: { retries: 3, minDelayMs: 0 } })
    const { starts, ends } = listenFetch()
    const retries = listen<FetchRetryMessage>(DIAGNOSTICS_CHANNELS.retry)
    acme.server.script({ status: 503 }, { status: 503 })
    const pending = acme.manager.getToken('acme')
    for (const n of [1, 2]) {
      await waitFor(() => retries.length === n, `retry ${n}`)
      acme.clock.advance(1) // the retry's sleep (0 ms with jitter 0) is on the manual clock
    }
    const token = await pending
    expect(starts).toHaveLength(1)
    expect(starts[0]).toMatchObject({
      vendor: 'acme',
      grant: 'client_credentials',
      background: false,
    })
    expect(ends).toEqual([
      expect.objectContaining({
        id: starts[0]!.id,
        attempt: 3,
        outcome: 'ok',
        httpStatus: 200,
        serverAddress: '127.0.0.1',
        expiresInSeconds: 3600,
      }),
    ])
    expect(
      retries.map(({ fetchId, attempt, reason, httpStatus }) => [
        fetchId,
        attempt,
        reason,
        httpStatus,
      ]),
    ).toEqual([
      [starts[0]!.id, 1, 'endpoint_unavailable', 503],
      [starts[0]!.id, 2, 'endpoint_unavailable', 503],
    ])
    expect(JSON.stringify([starts, ends, retries])).not.toContain(token.accessToken)
  })

  it('fetch: a rejection ends with outcome rejected, the code and the OAuth error', async () => {
    acme = await startAcme()
    const { ends } = listenFetch()
    acme.server.script({ status: 401, json: { error: 'invalid_client' } })
    await expect(acme.manager.getToken('acme')).rejects.toMatchObject({ code: 'token_rejected' })
    expect(ends[0]).toMatchObject({
      outcome: 'rejected',
      errorCode: 'token_rejected',
      oauthError: 'invalid_client',
      httpStatus: 401,
      attempt: 1,
    })
    expect(JSON.stringify(ends)).not.toContain('secret') // the client secret of startAcme
  })

  it('invalidate: api, unauthorized (a 401 in manager.fetch) and remote', async () => {
    const store = new RecordingStore()
    acme = await startAcme({ store })
    const invalidations = listen<InvalidateMessage>(DIAGNOSTICS_CHANNELS.invalidate)
    await acme.manager.getToken('acme')
    await acme.manager.invalidate('acme')
    await acme.manager.getToken('acme')
    acme.server.rejectAllResourceRequests()
    await acme.manager.fetch('acme', `${acme.server.url}/resource`)
    await acme.manager.getToken('acme')
    store.remoteInvalidate('acme')
    expect(invalidations.map((message) => message.reason)).toEqual([
      'api',
      'unauthorized',
      'remote',
    ])
    expect(invalidations[0]).toEqual({
      vendor: 'acme',
      keyHash: diagnosticsKeyHash('acme'),
      reason: 'api',
    })
  })

  it('evict: an idle entry over maxEntries', async () => {
    acme = await startAcme({ maxEntries: 1 })
    const evictions = listen<{ reason: string; keyHash: string }>(DIAGNOSTICS_CHANNELS.evict)
    await acme.manager.getToken('acme', { scopes: ['a'] })
    await acme.manager.getToken('acme', { scopes: ['b'] })
    expect(evictions.map((message) => message.reason)).toEqual(['max_entries'])
    expect(JSON.stringify(evictions)).not.toContain('"a"')
  })
})
