import { describe, expect, test } from 'vitest'
import { toHttpAnswer } from '../../src/adapter/http-answer.js'
import {
  InvalidParamsError,
  NotSignedInError,
  TokenEndpointUnavailableError,
  TokenRequestRejectedError,
  UnknownVendorError,
} from '../../src/errors.js'

describe('toHttpAnswer', () => {
  test('endpoint unavailable -> 503 with Retry-After from the error', () => {
    const error = new TokenEndpointUnavailableError('bridgeft token endpoint answered 503', {
      vendor: 'bridgeft',
      retryAfterMs: 7_000,
    })
    expect(toHttpAnswer(error)).toEqual({
      status: 503,
      headers: { 'retry-after': '7' },
      body: { error: 'endpoint_unavailable', message: 'Service Unavailable' },
    })
  })

  test('rejected credentials -> 502 with the generic status text, not the message or cause', () => {
    const cause = new Error('body: {"error":"invalid_client","secret":"s3cr3t-value"}')
    const error = new TokenRequestRejectedError('bridgeft rejected the client credentials', {
      vendor: 'bridgeft',
      httpStatus: 401,
      oauthError: 'invalid_client',
      cause,
    })
    const answer = toHttpAnswer(error)
    expect(answer).toEqual({
      status: 502,
      headers: {},
      body: { error: 'token_rejected', message: 'Bad Gateway' },
    })
    expect(JSON.stringify(answer)).not.toContain('s3cr3t')
  })

  test('4xx errors of ours keep their message (written to be shown)', () => {
    expect(toHttpAnswer(new InvalidParamsError('firmIds must be integers')).body).toEqual({
      error: 'invalid_params',
      message: 'firmIds must be integers',
    })
    expect(toHttpAnswer(new NotSignedInError('Sign in first')).status).toBe(401)
  })

  test('a configuration error is the server’s fault: 500', () => {
    expect(toHttpAnswer(new UnknownVendorError('no source "x"'))).toMatchObject({
      status: 500,
      body: { error: 'unknown_vendor', message: 'Internal Server Error' },
    })
  })

  test('errors of the same shape from elsewhere (a verifier) use their status and headers', () => {
    const foreign = Object.assign(new Error('kid "abc" not in the key set'), {
      code: 'unknown_kid',
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"', 'bad header': 'x', n: {} },
    })
    expect(toHttpAnswer(foreign)).toEqual({
      status: 401,
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      body: { error: 'unknown_kid', message: 'Unauthorized' },
    })
  })

  test.each([
    [new TypeError('Cannot read properties of undefined (reading "x")')],
    ['a string'],
    [null],
    [Object.assign(new Error('x'), { status: 200 })],
    [Object.assign(new Error('x'), { status: '503' })],
  ])('anything else is 500 internal_error with no detail: %j', (error) => {
    expect(toHttpAnswer(error)).toEqual({
      status: 500,
      headers: {},
      body: { error: 'internal_error', message: 'Internal Server Error' },
    })
  })

  test('a code that is not a plain identifier is not echoed', () => {
    const odd = Object.assign(new Error('x'), { status: 400, code: '<script>' })
    expect(toHttpAnswer(odd).body.error).toBe('error')
  })
})
