import { formatDuration } from '../status/format.js'
import type { TourStep } from './context.js'
import { type Answer, countStatus, get, getConcurrently, sleep } from './http.js'
import { measure, plural } from './stats.js'

const COLD_CALLERS = 20
const COLD_FIRMS = '39'
const RECOVERY_TIMEOUT_MS = 15_000

/** Step 4: the token endpoint goes down; the cached token keeps serving, a cold key fails safely. */
export const outageStep: TourStep = {
  title: 'A token endpoint outage is survived',
  intro: [
    "BridgeFT's token endpoint now answers 503. Requests with the cached token carry on;",
    `${COLD_CALLERS} requests for a key with no token yet (firm ${COLD_FIRMS}) share one failing fetch (with its`,
    'retries) and get 503 with Retry-After. Once the endpoint is back, the cold key recovers.',
  ],
  async run({ emulator, apps, print }) {
    const app = apps.bridgeft
    const url = app.url + app.path
    emulator.fault(app.vendor, { on: 'token', status: 503 })
    const warm = await measure(emulator, app.vendor, async () => {
      const answers: Answer[] = []
      for (let i = 0; i < 5; i++) answers.push(await get(url))
      return answers
    })
    const warmOk = countStatus(warm.result, 200)
    print.fact(`cached key: ${warmOk}/5 answered 200 during the outage (no token request needed)`)
    const cold = await measure(emulator, app.vendor, () =>
      getConcurrently(COLD_CALLERS, url, { 'x-firm-ids': COLD_FIRMS }),
    )
    const cold503 = countStatus(cold.result, 503)
    const withRetryAfter = cold.result.filter((a) => a.status === 503 && a.retryAfter).length
    print.fact(
      `cold key: ${cold503}/${COLD_CALLERS} answered 503 (${withRetryAfter} with Retry-After); ` +
        `the vendor saw ${plural(cold.delta.tokenRequests, 'token attempt')}, not ${COLD_CALLERS}+`,
    )
    emulator.clearFaults(app.vendor)
    const started = performance.now()
    let recovered: Answer | undefined
    while (performance.now() - started < RECOVERY_TIMEOUT_MS) {
      const answer = await get(url, { 'x-firm-ids': COLD_FIRMS })
      if (answer.status === 200) {
        recovered = answer
        break
      }
      await sleep(200)
    }
    const recoveryMs = performance.now() - started
    print.fact(
      recovered
        ? `endpoint back: the cold key answered 200 after ${formatDuration(recoveryMs / 1000)} (failure cool-down)`
        : `endpoint back, but the cold key still fails after ${RECOVERY_TIMEOUT_MS / 1000} s`,
    )
    return {
      checks: [
        { label: 'cached token kept serving', ok: warmOk === 5 },
        { label: 'cold key: safe 503 with Retry-After', ok: withRetryAfter === COLD_CALLERS },
        {
          label: `${COLD_CALLERS} cold callers shared the attempts`,
          ok: cold.delta.tokenRequests >= 1 && cold.delta.tokenRequests < COLD_CALLERS,
        },
        { label: 'recovered when the endpoint came back', ok: recovered !== undefined },
      ],
      summary:
        `cached key served ${warmOk}/5; cold key 503 (${plural(cold.delta.tokenRequests, 'attempt')}), ` +
        (recovered ? `recovered in ${formatDuration(recoveryMs / 1000)}` : 'did not recover'),
    }
  },
}
