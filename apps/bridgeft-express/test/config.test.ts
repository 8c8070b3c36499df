import { expect, test } from 'vitest'
import {
  DEFAULT_BASE_URL,
  EMULATOR_FIRM_IDS,
  loadSettings,
  settingsFromEnv,
} from '../src/config.js'

test('real settings come from BRIDGEFT_* variables, with the production base URL by default', () => {
  expect(settingsFromEnv({ BRIDGEFT_CLIENT_ID: 'id', BRIDGEFT_CLIENT_SECRET: 's' })).toEqual({
    baseUrl: DEFAULT_BASE_URL,
    clientId: 'id',
    clientSecret: 's',
  })
  expect(
    settingsFromEnv({
      BRIDGEFT_BASE_URL: 'https://sandbox.example',
      BRIDGEFT_CLIENT_ID: 'id',
      BRIDGEFT_CLIENT_SECRET: 's',
    })?.baseUrl,
  ).toBe('https://sandbox.example')
})

test('half a credential is a configuration error that does not print the secret', () => {
  expect(() => settingsFromEnv({ BRIDGEFT_CLIENT_SECRET: 'top-secret-value' })).toThrow(
    expect.objectContaining({ code: 'configuration' }),
  )
  try {
    settingsFromEnv({ BRIDGEFT_CLIENT_SECRET: 'top-secret-value' })
  } catch (error) {
    expect(String((error as Error).message)).not.toContain('top-secret-value')
  }
})

test('no settings: the emulator is started and its credentials used', async () => {
  const { settings, emulator } = await loadSettings({})
  try {
    expect(emulator).toBeDefined()
    expect(settings).toEqual({
      baseUrl: emulator!.vendors.bridgeft.baseUrl,
      clientId: emulator!.vendors.bridgeft.clientId,
      clientSecret: emulator!.vendors.bridgeft.clientSecret,
      allowedFirmIds: EMULATOR_FIRM_IDS,
    })
  } finally {
    await emulator?.close()
  }
})

test('BRIDGEFT_ALLOWED_FIRM_IDS is the allow-list; a malformed one is a configuration error', () => {
  const env = { BRIDGEFT_CLIENT_ID: 'id', BRIDGEFT_CLIENT_SECRET: 's' }
  expect(settingsFromEnv({ ...env, BRIDGEFT_ALLOWED_FIRM_IDS: '39, 792' })?.allowedFirmIds).toEqual(
    [39, 792],
  )
  for (const bad of ['39,,792', '0', 'abc', '39;792']) {
    expect(() => settingsFromEnv({ ...env, BRIDGEFT_ALLOWED_FIRM_IDS: bad })).toThrow(
      /BRIDGEFT_ALLOWED_FIRM_IDS/,
    )
  }
})
