import {
  ConfigurationError,
  InvalidParamsError,
  ManualClock,
  TokenManager,
} from '@vendor-token/core'
import { expect, it } from 'vitest'
import { bridgeft } from '../src/index.js'
import { usePresetEmulator } from './helpers/preset-emulator.js'
import { wholeSecondNow } from './helpers/settle.js'

// firmIds often come from a request: with allowedFirmIds, others are refused before any request.
const clock = new ManualClock(wholeSecondNow())
const preset = usePresetEmulator(clock, (manager, emulator) => {
  const { clientId, clientSecret, baseUrl } = emulator.vendors.bridgeft
  manager.register(
    'bridgeft',
    bridgeft({ clientId, clientSecret, baseUrl, allowedFirmIds: [39, '792'] }),
  )
})
const tokenRequests = () => preset.emulator.stats('bridgeft').tokenRequests

it('allowedFirmIds: firms in the list get tokens; others, and no firmIds, are refused without a request', async () => {
  const token = await preset.manager.getToken('bridgeft', { firmIds: ['792', 39] })
  expect(token.accessToken).toBeTruthy()
  expect(tokenRequests()).toBe(1)
  for (const params of [{ firmIds: [39, 40] }, { firmIds: [1] }, undefined]) {
    const error = await preset.manager.getToken('bridgeft', params).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidParamsError)
    expect(error).toMatchObject({ status: 400 })
  }
  const refused = await preset.manager.getToken('bridgeft', { firmIds: [39, 40] }).catch((e) => e)
  expect(String(refused)).toContain('allowedFirmIds')
  expect(String(refused)).toContain('40')
  // 3,000 made-up firm ids: no token request, no cache entry.
  for (let id = 1000; id < 4000; id++) {
    await preset.manager.getToken('bridgeft', { firmIds: [id] }).catch(() => undefined)
  }
  expect(tokenRequests()).toBe(1)
  expect(preset.manager.cacheStats().entries).toBe(1)
})

it('allowedFirmIds is checked at register', () => {
  for (const allowedFirmIds of [[], [0], ['x'], 'all'] as unknown[]) {
    const manager = new TokenManager({ clock })
    const source = bridgeft({
      clientId: 'id',
      clientSecret: 'secret',
      allowedFirmIds: allowedFirmIds as number[],
    })
    expect(() => manager.register('bridgeft', source)).toThrow(ConfigurationError)
    expect(() => manager.register('bridgeft', source)).toThrow(/allowedFirmIds/)
  }
})
