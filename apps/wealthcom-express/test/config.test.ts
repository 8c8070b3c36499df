import { expect, test } from 'vitest'
import { DEFAULT_BASE_URL, settingsFromEnv } from '../src/config.js'

test('real settings come from WEALTHCOM_* variables, with the production base URL by default', () => {
  expect(settingsFromEnv({ WEALTHCOM_USERNAME: 'u', WEALTHCOM_PASSWORD: 'p' })).toEqual({
    baseUrl: DEFAULT_BASE_URL,
    username: 'u',
    password: 'p',
  })
})

test('none set: undefined (use the emulator); half set: an error without the password', () => {
  expect(settingsFromEnv({})).toBeUndefined()
  expect(() => settingsFromEnv({ WEALTHCOM_PASSWORD: 'top-secret-value' })).toThrow(
    /WEALTHCOM_USERNAME/,
  )
  expect(() => settingsFromEnv({ WEALTHCOM_PASSWORD: 'top-secret-value' })).not.toThrow(
    /top-secret-value/,
  )
})
