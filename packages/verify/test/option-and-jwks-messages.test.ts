import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  createVerifier,
  type Verifier,
  VerifierOptionsError,
  type VerifyError,
} from '@vendor-token/verify'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeClock } from './support/fake-clock.js'
import { ISSUER, makeKey, signToken } from './support/keys.js'

let verifier: Verifier | undefined
let server: Server | undefined

afterEach(async () => {
  await verifier?.close()
  server?.closeAllConnections()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

/** A real server that answers 404 to everything, like a JWKS URL with a typo in its path. */
async function startNotFound(): Promise<string> {
  server = createServer((request, response) => {
    request.resume()
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found')
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('messages that say what to fix', () => {
  it('a jwksUri that is not a URL is a VerifierOptionsError naming jwksUri and its form', () => {
    const create = () => createVerifier({ jwksUri: 'not a url', issuer: ISSUER })

    expect(create).toThrow(VerifierOptionsError)
    expect(create).toThrow(TypeError) // still one, for callers that caught TypeError
    expect(create).toThrow(/^jwksUri must be an absolute http\(s\) URL/)
    try {
      create()
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_options', name: 'VerifierOptionsError' })
    }
  })

  it('a JWKS 404 names the host and the status, also while the verifier backs off', async () => {
    const host = await startNotFound()
    verifier = createVerifier({
      jwksUri: `http://${host}/wrong/jwks`,
      issuer: ISSUER,
      threads: 1,
      clock: fakeClock(),
    })
    const token = await signToken(await makeKey('k1'))
    const refused = () =>
      verifier!.verify(token).then(
        () => undefined,
        (error: unknown) => error as VerifyError,
      )

    const first = await refused()
    const again = await refused() // within the back-off: no new request, the same facts

    for (const error of [first, again]) {
      expect(error).toMatchObject({ code: 'jwks_unavailable', status: 503 })
      expect(error?.message).toContain(host)
      expect(error?.message).toContain('HTTP 404')
      expect(error?.message).not.toContain('/wrong/jwks') // the host, not the full URL
    }
  })
})
