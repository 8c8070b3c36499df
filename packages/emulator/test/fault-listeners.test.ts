import { afterEach, beforeEach, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import { formBasic, postForm } from './support.js'

// Every request shares the emulator's close signal: faults must not add a listener to it per
// request (Node warns past 10: MaxListenersExceededWarning), nor leave one behind.
let emulator: Emulator
let warnings: Error[]
const onWarning = (warning: Error) => void warnings.push(warning)

beforeEach(async () => {
  warnings = []
  process.on('warning', onWarning)
  emulator = await startEmulator()
})

afterEach(async () => {
  process.off('warning', onWarning)
  await emulator.close()
})

function bridgeftToken(): Promise<Response> {
  const { tokenUrl, clientId, clientSecret } = emulator.vendors.bridgeft
  return postForm(
    tokenUrl,
    { grant_type: 'client_credentials' },
    { authorization: formBasic(clientId, clientSecret) },
  )
}

/** Warnings are emitted on the next tick; give them a turn of the loop. */
const flushWarnings = () => new Promise((resolve) => setImmediate(resolve))

it('30 requests held by a latency fault at once raise no listener warning', async () => {
  emulator.fault('bridgeft', { latencyMs: 300, times: 30 })
  const answers = await Promise.all(Array.from({ length: 30 }, () => bridgeftToken()))
  expect(answers.map((answer) => answer.status)).toEqual(Array(30).fill(200))
  await flushWarnings()
  expect(warnings.map((warning) => `${warning.name}: ${warning.message}`)).toEqual([])
})

it('streamed (huge) bodies one after another leave no listener behind', async () => {
  emulator.fault('bridgeft', { hugeBodyBytes: 64 * 1024, times: 12 })
  for (let i = 0; i < 12; i++) {
    const answer = await bridgeftToken()
    expect(await answer.json()).toHaveProperty('AccessToken')
  }
  await flushWarnings()
  expect(warnings.map((warning) => `${warning.name}: ${warning.message}`)).toEqual([])
})

it('close() still ends requests held by a latency fault', async () => {
  emulator.fault('bridgeft', { latencyMs: 60_000, times: 15 })
  const held = Array.from({ length: 15 }, () =>
    bridgeftToken().then(
      (answer) => answer.status,
      () => 'ended',
    ),
  )
  await new Promise((resolve) => setTimeout(resolve, 200)) // the requests reach the fault
  const started = performance.now()
  await emulator.close()
  expect(await Promise.all(held)).toEqual(Array(15).fill('ended'))
  expect(performance.now() - started).toBeLessThan(30_000) // not the 60 s latency
  await flushWarnings()
  expect(warnings).toEqual([])
})
