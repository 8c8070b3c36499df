/** Sign-in steps on `vendor-token:signin` (real manager, the emulator's Wealth.com provider). */
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { Emulator } from '@vendor-token/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import {
  DIAGNOSTICS_CHANNELS,
  diagnosticsKeyHash,
  ManualClock,
  type SignInMessage,
  type StoredToken,
  type TokenManager,
} from '../../src/index.js'
import { loginAt, signIn, startWealthcom, tokenEndpoint, userManager } from './support.js'

let emulator: Emulator
let manager: TokenManager
let clock: ManualClock
let issued: Array<{ user: string; tokens: StoredToken }>
let steps: SignInMessage[]
const listener = (message: unknown) => steps.push(message as SignInMessage)
const user = 'advisor-diag'
const keyHash = diagnosticsKeyHash(`wealthcom:{"user":"${user}"}`)

function start(traceUserIds: boolean): void {
  // Ten minutes behind real time: provider tokens stay valid on this clock while it moves.
  clock = new ManualClock(Date.now() - 600_000)
  issued = []
  manager = userManager(emulator, { clock, issued, manager: { traceUserIds } })
}

beforeAll(async () => {
  emulator = await startWealthcom(300)
})
afterAll(() => emulator.close())
beforeEach(() => {
  steps = []
  subscribe(DIAGNOSTICS_CHANNELS.signin, listener)
})
afterEach(async () => {
  unsubscribe(DIAGNOSTICS_CHANNELS.signin, listener)
  await manager.close()
})

it('login, callback, refresh and sign-out, with the user id only when traceUserIds is on', async () => {
  start(true)
  await signIn(manager, user)
  clock.advance(250_000) // past the refresh point: the next getToken refreshes
  await manager.getToken('wealthcom', { user })
  await manager.signOut('wealthcom', { user })
  expect(steps).toEqual([
    { vendor: 'wealthcom', keyHash, step: 'login', outcome: 'ok', user },
    { vendor: 'wealthcom', keyHash, step: 'callback', outcome: 'ok', user },
    { vendor: 'wealthcom', keyHash, step: 'refresh', outcome: 'ok', user },
    { vendor: 'wealthcom', keyHash, step: 'sign_out', outcome: 'ok', reason: 'sign_out', user },
  ])
})

it('a refused callback carries its reason; without traceUserIds no user id', async () => {
  start(false)
  const { url } = await manager.authorizationUrl('wealthcom', { user })
  const query = await loginAt(url)
  await manager.handleCallback('wealthcom', query, { user })
  await expect(manager.handleCallback('wealthcom', query, { user })).rejects.toMatchObject({
    reason: 'state_unknown',
  })
  expect(steps.map(({ step, outcome, reason }) => [step, outcome, reason])).toEqual([
    ['login', 'ok', undefined],
    ['callback', 'ok', undefined],
    ['callback', 'refused', 'state_unknown'],
  ])
  expect(JSON.stringify(steps)).not.toContain(user)
})

it('a refused refresh token: refresh refused (invalid_grant), then sign_out refresh_rejected', async () => {
  start(false)
  await signIn(manager, user)
  const refreshToken = issued[0]!.tokens.refreshToken!
  // Used twice elsewhere: the provider revokes the grant (rotation reuse detection).
  await tokenEndpoint(emulator, { grant_type: 'refresh_token', refresh_token: refreshToken })
  await tokenEndpoint(emulator, { grant_type: 'refresh_token', refresh_token: refreshToken })
  clock.advance(250_000)
  await expect(manager.getToken('wealthcom', { user })).rejects.toMatchObject({ status: 401 })
  expect(steps.slice(2).map(({ step, outcome, reason }) => [step, outcome, reason])).toEqual([
    ['refresh', 'refused', 'invalid_grant'],
    ['sign_out', 'ok', 'refresh_rejected'],
  ])
})
