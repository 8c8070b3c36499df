import { NotSignedInError, type StoredToken, type TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { waitUntil } from './helpers/redis.js'
import { useSharedRedis } from './helpers/redis-fixture.js'
import { providerCallback, userManager } from './sign-in-support.js'

// Two instances of an app (two managers, each with its own RedisTokenStore on the same prefix
// and key) share the advisors' sign-ins. Access tokens live 300 s at the provider (real clock);
// each manager's ManualClock starts at real time and is moved 250 s ahead: inside the skew.
const redis = useSharedRedis('sign-in-fleet', { cleanup: 'each' })
let emulator: Emulator
let managers: TokenManager[] = []

beforeAll(async () => {
  emulator = await startEmulator({ tokenTtlSeconds: { wealthcom: 300 } })
})
beforeEach(() => emulator.resetStats())
afterEach(async () => {
  await Promise.all(managers.map((manager) => manager.close()))
  managers = []
})
afterAll(async () => {
  await emulator.close()
})

async function fleet(issued: StoredToken[]) {
  const stores = [0, 1].map(() => redis.store())
  await redis.ready(stores)
  const members = stores.map((store) => userManager(emulator, store, issued))
  managers = members.map((member) => member.manager)
  return members
}

const grants = () => emulator.stats('wealthcom').tokenRequestsByGrantType

it('a sign-in started on one instance finishes on another, and is used by both', async () => {
  const [a, b] = await fleet([])
  const callback = await providerCallback(a!.manager, 'advisor')
  const token = await b!.manager.handleCallback('wealthcomUser', callback, { user: 'advisor' })
  expect((await a!.manager.getToken('wealthcomUser', { user: 'advisor' })).accessToken).toBe(
    token.accessToken,
  )
  // The same callback replayed on the first instance: its state was taken by the second.
  await expect(
    a!.manager.handleCallback('wealthcomUser', callback, { user: 'advisor' }),
  ).rejects.toMatchObject({ reason: 'state_unknown' })
  expect(grants()).toEqual({ authorization_code: 1 })
})

it('one refresh for the whole fleet at expiry; the rotated refresh token is sent once', async () => {
  const issued: StoredToken[] = []
  const [a, b] = await fleet(issued)
  const user = 'busy-advisor'
  await a!.manager.handleCallback('wealthcomUser', await providerCallback(a!.manager, user), {
    user,
  })
  const first = await b!.manager.getToken('wealthcomUser', { user }) // b holds the token too
  a!.clock.advance(250_000)
  b!.clock.advance(250_000)
  const tokens = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      (i % 2 ? a! : b!).manager.getToken('wealthcomUser', { user }),
    ),
  )
  expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1)
  expect(tokens[0]!.accessToken).not.toBe(first.accessToken)
  expect(grants()).toEqual({ authorization_code: 1, refresh_token: 1 })
  expect(issued).toHaveLength(2)
  // The fleet's only refresh token still works: the first one was never sent twice.
  const response = await b!.manager.fetch(
    'wealthcomUser',
    `${emulator.vendors.wealthcom.baseUrl}/v1/clients`,
    {},
    { user },
  )
  expect(response.status).toBe(200)
})

it('signing out on one instance signs the user out on the other', async () => {
  const [a, b] = await fleet([])
  const user = 'leaving'
  await a!.manager.handleCallback('wealthcomUser', await providerCallback(a!.manager, user), {
    user,
  })
  await b!.manager.getToken('wealthcomUser', { user })
  expect(await a!.manager.signOut('wealthcomUser', { user })).toEqual({ revoked: true })
  await waitUntil(() => b!.manager.status().every((row) => row.state !== 'valid'))
  await expect(b!.manager.getToken('wealthcomUser', { user })).rejects.toBeInstanceOf(
    NotSignedInError,
  )
})

it('an instance that said "not signed in" serves the sign-in another instance just took', async () => {
  const [a, b] = await fleet([])
  const user = 'arriving'
  await expect(a!.manager.getToken('wealthcomUser', { user })).rejects.toBeInstanceOf(
    NotSignedInError,
  )
  // a's failure is in its cool-down, and a's clock does not move: only b's notice can clear it.
  await b!.manager.handleCallback('wealthcomUser', await providerCallback(b!.manager, user), {
    user,
  })
  await waitUntil(() =>
    a!.manager.getToken('wealthcomUser', { user }).then(
      () => true,
      () => false,
    ),
  )
  expect(grants()).toEqual({ authorization_code: 1 })
})
