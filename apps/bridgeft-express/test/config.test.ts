import { expect, test } from 'vitest'
import { DEFAULT_BASE_URL, loadSettings, settingsFromEnv } from '../src/config.js'

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
    })
  } finally {
    await emulator?.close()
  }
})
