import { expect, test } from 'vitest'
import { readAllOrNone } from '../src/env.js'

const NAMES = ['ACME_CLIENT_ID', 'ACME_CLIENT_SECRET'] as const

test('all set: their values; none set: undefined', () => {
  expect(readAllOrNone({ ACME_CLIENT_ID: 'id', ACME_CLIENT_SECRET: 's' }, NAMES)).toEqual({
    ACME_CLIENT_ID: 'id',
    ACME_CLIENT_SECRET: 's',
  })
  expect(readAllOrNone({ ACME_CLIENT_ID: '' }, NAMES)).toBeUndefined()
})

test('some set: a configuration error naming the missing ones, never a value', () => {
  let caught: unknown
  try {
    readAllOrNone({ ACME_CLIENT_SECRET: 'top-secret-value' }, NAMES)
  } catch (error) {
    caught = error
  }
  expect(caught).toMatchObject({
    code: 'configuration',
    message: expect.stringMatching(/ACME_CLIENT_ID too/),
  })
  expect(JSON.stringify(caught)).not.toContain('top-secret-value')
  expect(String((caught as Error).message)).not.toContain('top-secret-value')
})
