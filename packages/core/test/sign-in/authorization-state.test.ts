import type { Emulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import {
  MemoryTokenStore,
  type StoredToken,
  type TokenManager,
  type TokenStore,
} from '../../src/index.js'
import { grants, loginAt, signIn, startWealthcom, userManager } from './support.js'

let emulator: Emulator
const managers: TokenManager[] = []

beforeAll(async () => {
  emulator = await startWealthcom()
})
afterAll(() => emulator.close())
beforeEach(() => emulator.resetStats())
afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.close()))
})

function fleetMember(store: TokenStore): TokenManager {
  const manager = userManager(emulator, { store })
  managers.push(manager)
  return manager
}

it('lives in the shared store: the callback may reach another instance', async () => {
  const store = new MemoryTokenStore()
  const [a, b] = [fleetMember(store), fleetMember(store)]
  const { url } = await a.authorizationUrl('wealthcom', { user: 'u1', returnTo: '/home' })
  const token = await b.handleCallback('wealthcom', await loginAt(url), { user: 'u1' })
  expect(token.returnTo).toBe('/home')
  expect((await a.getToken('wealthcom', { user: 'u1' })).accessToken).toBe(token.accessToken)
  expect(grants(emulator)).toEqual({ authorization_code: 1 })
})

it('is single use even when the same callback arrives twice at once (store without take)', async () => {
  const map = new Map<string, StoredToken>()
  const plain: TokenStore = {
    get: async (key) => map.get(key),
    set: async (key, token) => void map.set(key, token),
    delete: async (key) => void map.delete(key),
  }
  const manager = fleetMember(plain)
  const { url } = await manager.authorizationUrl('wealthcom', { user: 'u1' })
  const callback = await loginAt(url)
  const outcomes = await Promise.allSettled([
    manager.handleCallback('wealthcom', callback, { user: 'u1' }),
    manager.handleCallback('wealthcom', callback, { user: 'u1' }),
  ])
  expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected'])
  const failure = outcomes.find((outcome) => outcome.status === 'rejected')
  expect((failure as PromiseRejectedResult).reason).toMatchObject({ reason: 'state_unknown' })
  expect(grants(emulator)).toEqual({ authorization_code: 1 })
  // Used states are gone; only the user's tokens are left.
  expect([...map.keys()]).toEqual(['wealthcom:{"user":"u1"}'])
})

it('is kept under a hash of the state, as an opaque record', async () => {
  const map = new Map<string, StoredToken>()
  const store: TokenStore = {
    get: (key) => map.get(key),
    set: (key, token) => void map.set(key, token),
    delete: (key) => void map.delete(key),
  }
  const manager = fleetMember(store)
  const { url } = await manager.authorizationUrl('wealthcom', { user: 'u1' })
  const state = new URL(url).searchParams.get('state')!
  const [[key, record]] = [...map.entries()] as [[string, StoredToken]]
  expect(key).toMatch(/^authorization-state:wealthcom:[A-Za-z0-9_-]{43}$/)
  expect(key).not.toContain(state)
  expect(record.tokenType).toBe('AuthorizationState')
  expect(record.refreshToken).toBeUndefined()
  // Kept 20 minutes (refused as expired after 10), so a store that drops expired values can.
  expect(record.expiresAt - record.issuedAt).toBe(20 * 60_000)
  await signIn(manager, 'u2')
  expect(map.has(key)).toBe(true)
})
