import { expect, test } from 'vitest'
import { DEFAULT_ISSUER, settingsFromEnv } from '../src/config.js'

test('real settings come from APITURE_* variables, with the production issuer by default', () => {
  expect(
    settingsFromEnv({
      APITURE_BASE_URL: 'https://api.bank.example',
      APITURE_CLIENT_ID: 'id',
      APITURE_CLIENT_SECRET: 's',
      APITURE_SCOPES: 'banking/read  banking/write',
    }),
  ).toEqual({
    issuer: DEFAULT_ISSUER,
    baseUrl: 'https://api.bank.example',
    clientId: 'id',
    clientSecret: 's',
    scopes: ['banking/read', 'banking/write'],
  })
})

test('none set: undefined (use the emulator); some set: a configuration error naming the rest', () => {
  expect(settingsFromEnv({})).toBeUndefined()
  expect(() => settingsFromEnv({ APITURE_CLIENT_ID: 'id' })).toThrow(
    /APITURE_BASE_URL, APITURE_CLIENT_SECRET/,
  )
})
