// The running demo (its exported API, in this process): the status page, /status.json, /metrics,
// the apps' error answers, every error the manager reported (serialized every usual way) and the
// manager itself contain no secret and no token, even when a vendor's error page echoes them.
import { inspect } from 'node:util'
import { startDemo } from '@vendor-token/demo'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { recordIssuedTokens, type TokenRecorder } from '../../src/token-recorder.js'
import { credentialNeedles, findLeaks, tokenNeedles } from './leaks.js'

type Demo = Awaited<ReturnType<typeof startDemo>>
let demo: Demo
let recorder: TokenRecorder
let printed = ''
const sink = {
  write: (text: string) => {
    printed += text
  },
}
const errors: unknown[] = []

beforeAll(async () => {
  recorder = recordIssuedTokens()
  demo = await startDemo({ port: 0, logLevel: 'debug', out: sink, err: sink })
  demo.manager.on('failed', ({ error }) => void errors.push(error))
}, 180_000)

afterAll(async () => {
  await demo?.close()
  recorder?.restore()
})

/** Serializations a log line, an error tracker or a developer would produce. */
function serialize(value: unknown): string {
  return [
    JSON.stringify(value),
    String(value),
    inspect(value, { depth: 10, showHidden: true }),
  ].join('\n')
}

async function read(url: string): Promise<string> {
  const answer = await fetch(url)
  return `${answer.status} ${JSON.stringify([...answer.headers])}\n${await answer.text()}`
}

it('pages, error answers, serialized errors and logs carry no secret or token', async () => {
  const { emulator, manager, apps, statusUrl } = demo
  expect(statusUrl).toBeDefined()
  const tokensSoFar = recorder.tokens()
  const echo = `${Object.values(emulator.vendors)
    .map((v) => ('clientSecret' in v ? v.clientSecret : ''))
    .join(' ')} ${tokensSoFar.join(' ')}`

  // Vendors' error answers that echo secrets and earlier tokens back: nothing of them may pass.
  const answers: string[] = []
  const faults = [
    { status: 400, body: JSON.stringify({ error: 'invalid_client', error_description: echo }) },
    { status: 503, body: `<html>${echo}</html>` },
    { contentType: 'text/html', body: `<html>${echo}</html>` },
    { malformedJson: true },
  ]
  for (const app of [apps.bridgeft, apps.modelPortfolios, apps.apiture]) {
    for (const fault of faults) {
      emulator.fault(app.vendor, { ...fault, times: 10 })
      emulator.revokeTokens(app.vendor) // the app's cached token is refused: it must fetch a new one
      answers.push(await read(app.url + app.path))
      emulator.clearFaults(app.vendor)
      await new Promise((resolve) => setTimeout(resolve, 1_100)) // past the failure cool-down
    }
  }
  expect(errors.length).toBeGreaterThanOrEqual(faults.length)

  const haystacks: Record<string, string> = {
    'printed output and debug logs': printed,
    'status page': await read(statusUrl!),
    '/status.json': await read(`${statusUrl}status.json`),
    '/metrics': await read(`${statusUrl}metrics`),
    'apps error answers': answers.join('\n'),
    'serialized errors': errors.map(serialize).join('\n'),
    'the manager and status()': `${serialize(manager)}\n${serialize(manager.status())}`,
  }
  expect(haystacks['status page']).toMatch(/bridgeft/)
  // The OpenTelemetry exporter's text, with a series per cached key (fetch and cache series too
  // once core's lifecycle publishes); all of it is searched below.
  expect(haystacks['/metrics']).toMatch(
    /vendor_token_token_time_to_expiry\{vendor_token_vendor="bridgeft"/,
  )
  const tokens = recorder.tokens()
  expect(tokens.length).toBeGreaterThanOrEqual(3)
  const needles = [...credentialNeedles(emulator.vendors), ...tokenNeedles(tokens)]
  const leaks = findLeaks(haystacks, needles)
  const sizes = Object.entries(haystacks).map(([where, text]) => `${where} ${text.length}`)
  console.log(
    `searched for ${needles.length} secrets/tokens (${tokens.length} tokens issued, ${errors.length} errors) in: ${sizes.join(', ')} chars`,
  )
  expect(leaks).toEqual([])
}, 180_000)
