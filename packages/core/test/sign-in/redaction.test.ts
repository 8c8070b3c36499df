import type { EventEmitter } from 'node:events'
import { inspect } from 'node:util'
import type { Emulator } from '@vendor-token/emulator'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ManualClock, type StoredToken } from '../../src/index.js'
import { recordingLogger } from '../support/helpers.js'
import { loginAt, signIn, startWealthcom, tokenEndpoint, userManager } from './support.js'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startWealthcom(300)
})
afterAll(() => emulator.close())

it('refresh tokens, ID tokens, codes and the secret never reach a log line, an error or JSON', async () => {
  const logger = recordingLogger()
  const clock = new ManualClock(Date.now() - 600_000)
  const issued: Array<{ user: string; tokens: StoredToken }> = []
  const manager = userManager(emulator, { clock, logger, issued })
  const seen: unknown[] = []
  for (const event of [
    'fetched',
    'refreshed',
    'failed',
    'invalidated',
    'warning',
    'signedOut',
  ] as const) {
    ;(manager as unknown as EventEmitter).on(event, (payload: unknown) => seen.push(payload))
  }
  try {
    const user = 'u1'
    const { url } = await manager.authorizationUrl('wealthcom', { user })
    const callback = await loginAt(url)
    const code = callback.get('code')!
    const token = await manager.handleCallback('wealthcom', callback, { user })
    seen.push(token, await manager.handleCallback('wealthcom', callback, { user }).catch((e) => e))
    clock.advance(250_000)
    seen.push(await manager.getToken('wealthcom', { user }))
    // Kill the grant (reuse of a rotated refresh token), then fail a refresh: a rejected one.
    const first = issued[0]!.tokens.refreshToken!
    await tokenEndpoint(emulator, { grant_type: 'refresh_token', refresh_token: first })
    clock.advance(250_000)
    seen.push(await manager.getToken('wealthcom', { user }).catch((e) => e))
    await signIn(manager, user)
    seen.push(await manager.signOut('wealthcom', { user }))
    seen.push(manager.status(), manager, manager.sources.get('wealthcom'))

    const secrets = [
      emulator.vendors.wealthcom.clientSecret,
      code,
      ...issued.flatMap(({ tokens }) => [
        tokens.refreshToken!,
        tokens.idToken!,
        tokens.accessToken,
      ]),
    ]
    expect(secrets.length).toBeGreaterThan(8)
    const text = [
      ...logger.lines.map((line) => `${line.message} ${JSON.stringify(line.fields)}`),
      ...seen.map(
        (item) => `${JSON.stringify(item)} ${inspect(item, { depth: 6 })} ${String(item)}`,
      ),
    ].join('\n')
    for (const secret of secrets) expect(text).not.toContain(secret)
    expect(text).toContain('reauthentication_required') // the failure was there to be logged
  } finally {
    await manager.close()
  }
})
