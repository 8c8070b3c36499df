import { afterEach, expect, it } from 'vitest'
import { ManagerClosedError } from '../src/index.js'
import { type Acme, startAcme } from './support/acme.js'
import { recordingLogger, waitFor } from './support/helpers.js'
import { gate } from './support/token-server.js'

let acme: Acme | undefined
afterEach(() => acme?.close())

it('60 concurrent fetches of distinct keys and their retry sleeps: no process warning', async () => {
  const warnings: Error[] = []
  const record = (warning: Error) => warnings.push(warning)
  process.on('warning', record)
  try {
    const logger = recordingLogger()
    const retry = { retries: 2, minDelayMs: 1000, maxDelayMs: 1000 }
    acme = await startAcme({ retry, logger })
    const { manager, server } = acme
    const held = gate()
    // Every answer is a 503, held until all 60 requests are in flight at once.
    server.setDefault({ gate: held.promise, status: 503 })
    const keys = Array.from({ length: 60 }, (_, i) => ({ firmIds: [i] }))
    const waits = keys.map((params) => manager.getToken('acme', params))
    await server.waitForRequests(60)
    held.open()
    // The 60 retry sleeps (on the manual clock, so they last) wait on the close signal at once.
    await waitFor(() => logger.lines.filter((l) => l.message.includes('retrying')).length === 60)
    await manager.close()
    const outcomes = await Promise.allSettled(waits)
    await new Promise((resolve) => setImmediate(resolve)) // warnings are emitted on next tick
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([])
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(ManagerClosedError) })
    }
  } finally {
    process.off('warning', record)
  }
})
