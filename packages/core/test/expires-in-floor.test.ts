import { afterEach, expect, it } from 'vitest'
import type { TokenEvents } from '../src/index.js'
import { type Acme, startAcme } from './support/acme.js'
import { tokenBody } from './support/token-server.js'

let acme: Acme | undefined
afterEach(() => acme?.close())

it('an expires_in below 1 s is used as 1 s, with a warning, not a request per call', async () => {
  acme = await startAcme()
  const { manager, server, clock } = acme
  const warnings: TokenEvents['warning'][0][] = []
  manager.on('warning', (event) => warnings.push(event))
  server.setDefault({ json: tokenBody({ expires_in: 0.001 }) })
  const first = await manager.getToken('acme')
  expect(first.expiresAt - first.issuedAt).toBe(1000)
  for (let i = 0; i < 100; i++) await manager.getToken('acme')
  expect(server.requests).toHaveLength(1)
  expect(warnings).toEqual([
    expect.objectContaining({ vendor: 'acme', key: 'acme', code: 'expires_in_floored' }),
  ])
  clock.advance(1000) // the floored lifetime is over: one new request
  await manager.getToken('acme')
  expect(server.requests).toHaveLength(2)
})
