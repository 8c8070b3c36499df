import { expect, test } from 'vitest'
import { settingsFromEnv } from '../src/config.js'

test('real settings come from MODEL_PORTFOLIOS_* variables; the API version defaults to 1.0.0', () => {
  expect(
    settingsFromEnv({
      MODEL_PORTFOLIOS_BASE_URL: 'https://vendor.example',
      MODEL_PORTFOLIOS_CLIENT_ID: 'id',
      MODEL_PORTFOLIOS_CLIENT_SECRET: 's',
    }),
  ).toEqual({
    baseUrl: 'https://vendor.example',
    clientId: 'id',
    clientSecret: 's',
    apiVersion: '1.0.0',
  })
})

test('none set: undefined (use the emulator); some set: a configuration error naming the rest', () => {
  expect(settingsFromEnv({})).toBeUndefined()
  expect(() => settingsFromEnv({ MODEL_PORTFOLIOS_CLIENT_SECRET: 'top-secret-value' })).toThrow(
    /MODEL_PORTFOLIOS_BASE_URL, MODEL_PORTFOLIOS_CLIENT_ID/,
  )
  expect(() => settingsFromEnv({ MODEL_PORTFOLIOS_CLIENT_SECRET: 'top-secret-value' })).not.toThrow(
    /top-secret-value/,
  )
})
