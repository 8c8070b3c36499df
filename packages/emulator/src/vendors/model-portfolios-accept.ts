import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendOAuthError } from '../http.js'

/** The API version the vendor documents in its Accept header. */
export const modelPortfoliosApiVersion = '1.0.0'

/** Whether the Accept header asks for `application/json; version=1.0.0`. */
export function acceptedVersion(header: string | undefined): 'ok' | 'missing' | 'unsupported' {
  let sawOtherVersion = false
  for (const range of (header ?? '').split(',')) {
    const [type, ...params] = range.split(';').map((part) => part.trim())
    if (type?.toLowerCase() !== 'application/json') continue
    const version = params
      .find((param) => param.toLowerCase().startsWith('version='))
      ?.slice('version='.length)
      .replace(/"/g, '')
    if (version === modelPortfoliosApiVersion) return 'ok'
    if (version) sawOtherVersion = true
  }
  return sawOtherVersion ? 'unsupported' : 'missing'
}

/** Answers the request when its Accept header is not the documented one; true when it did. */
export function refusedAccept(req: IncomingMessage, res: ServerResponse): boolean {
  const accept = acceptedVersion(req.headers.accept)
  if (accept === 'ok') return false
  if (accept === 'unsupported') {
    sendOAuthError(
      res,
      406,
      'not_acceptable',
      `only API version ${modelPortfoliosApiVersion} is supported`,
    )
  } else {
    const expected = `application/json; version=${modelPortfoliosApiVersion}`
    sendOAuthError(res, 400, 'invalid_request', `the Accept header must be "${expected}"`)
  }
  return true
}
