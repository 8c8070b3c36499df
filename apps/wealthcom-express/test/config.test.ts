import { WEALTHCOM_ISSUER } from '@vendor-token/vendors'
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

test('advisor sign-in comes from WEALTHCOM_CLIENT_ID and friends; the JWKS URI is required', () => {
  const basic = { WEALTHCOM_USERNAME: 'u', WEALTHCOM_PASSWORD: 'p' }
  expect(settingsFromEnv(basic)?.signIn).toBeUndefined()
  expect(
    settingsFromEnv({
      ...basic,
      WEALTHCOM_CLIENT_ID: 'app',
      WEALTHCOM_CLIENT_SECRET: 'app-secret-value',
      WEALTHCOM_JWKS_URI: 'https://auth.example/jwks',
    })?.signIn,
  ).toEqual({
    issuer: WEALTHCOM_ISSUER,
    clientId: 'app',
    clientSecret: 'app-secret-value',
    audience: DEFAULT_BASE_URL,
    jwksUri: 'https://auth.example/jwks',
  })
  expect(() => settingsFromEnv({ ...basic, WEALTHCOM_CLIENT_ID: 'app' })).toThrow(/JWKS/)
})
