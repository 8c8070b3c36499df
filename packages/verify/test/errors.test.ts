import { VERIFY_ERROR_CODES, VerifyError } from '@vendor-token/verify'
import { describe, expect, it } from 'vitest'

describe('VerifyError', () => {
  it.each(VERIFY_ERROR_CODES)('%s carries a status and an RFC 6750 WWW-Authenticate', (code) => {
    const error = new VerifyError(code)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('VerifyError')
    const unavailable = ['jwks_unavailable', 'worker_failed', 'closed'].includes(code)
    expect(error.status).toBe(unavailable ? 503 : 401)
    if (unavailable) {
      expect(error.headers).toEqual({ 'www-authenticate': 'Bearer', 'retry-after': '5' })
    } else {
      expect(error.headers['www-authenticate']).toMatch(
        /^Bearer error="invalid_token", error_description="[^"]+"$/,
      )
    }
    expect(error.toJSON()).toEqual({
      name: 'VerifyError',
      code,
      message: error.message,
      status: error.status,
    })
  })

  it('tells a client that an expired token is worth refreshing', () => {
    expect(new VerifyError('expired').headers['www-authenticate']).toContain('expired')
  })

  it('keeps its cause off the JSON (the cause may hold request details)', () => {
    const cause = { url: 'https://idp.example/jwks?secret=abc', status: 500 }
    const error = new VerifyError('jwks_unavailable', 'The JWKS request failed', { cause })
    expect(error.cause).toBe(cause)
    const json = JSON.stringify(error)
    expect(json).not.toContain('secret')
    // What serializing the error gives is exactly its safe fields, not its own properties.
    expect(JSON.parse(json)).toEqual({
      name: 'VerifyError',
      code: 'jwks_unavailable',
      message: 'The JWKS request failed',
      status: 503,
    })
  })
})
