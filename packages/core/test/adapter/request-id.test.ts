import { describe, expect, it } from 'vitest'
import { requestIdOf } from '../../src/adapter/index.js'
import { failureLevel } from '../../src/adapter/report-failure.js'

describe('requestIdOf', () => {
  it("prefers the framework's id, then the x-request-id header", () => {
    expect(requestIdOf('from-req', 'from-header')).toBe('from-req')
    expect(requestIdOf(undefined, 'from-header')).toBe('from-header')
    expect(requestIdOf(42, undefined)).toBe('42')
    expect(requestIdOf(undefined, undefined)).toBeUndefined()
  })

  it('keeps only a short printable id: a header cannot forge or flood log lines', () => {
    expect(requestIdOf(undefined, 'abc\nERROR forged')).toBeUndefined()
    expect(requestIdOf(undefined, 'x'.repeat(129))).toBeUndefined()
    expect(requestIdOf({ id: 1 }, 'ok-1')).toBe('ok-1')
  })
})

describe('failureLevel', () => {
  it('vendor down or slow -> warn; other 5xx -> error; 4xx -> info', () => {
    expect([503, 504].map(failureLevel)).toEqual(['warn', 'warn'])
    expect([500, 502].map(failureLevel)).toEqual(['error', 'error'])
    expect([400, 401, 403].map(failureLevel)).toEqual(['info', 'info', 'info'])
  })
})
