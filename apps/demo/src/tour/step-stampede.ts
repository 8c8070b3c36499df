import type { TourStep } from './context.js'
import { countStatus, getConcurrently, percentileMs } from './http.js'
import { measure, plural } from './stats.js'

const CALLERS = 100
const SLOW_TOKEN_MS = 400

/** Step 2: many concurrent requests on a cold cache share one token request. */
export const stampedeStep: TourStep = {
  title: 'A stampede shares one token request',
  intro: [
    'The cached model-portfolio token is dropped (manager.invalidate) and the token endpoint',
    `is slowed to ${SLOW_TOKEN_MS} ms; then ${CALLERS} requests arrive at the same moment.`,
    'Without single-flight each of them would ask the vendor for its own token.',
  ],
  async run({ emulator, manager, apps, print }) {
    const app = apps.modelPortfolios
    await manager.invalidate(app.vendor)
    emulator.fault(app.vendor, { on: 'token', latencyMs: SLOW_TOKEN_MS, times: 1 })
    const started = performance.now()
    const { result: answers, delta } = await measure(emulator, app.vendor, () =>
      getConcurrently(CALLERS, app.url + app.path),
    )
    const wallMs = performance.now() - started
    emulator.clearFaults(app.vendor)
    const ok200 = countStatus(answers, 200)
    print.fact(
      `${CALLERS} concurrent requests -> ${plural(delta.tokenRequests, 'token request')}, ` +
        `${plural(delta.resourceRequests, 'API call')}, ${ok200}/${CALLERS} answered 200`,
    )
    print.fact(
      `all answered within ${Math.round(wallMs)} ms (median ${Math.round(percentileMs(answers, 0.5))} ms, ` +
        `slowest ${Math.round(percentileMs(answers, 1))} ms): they all waited on the same request`,
    )
    return {
      checks: [
        { label: `${CALLERS} callers, 1 token request`, ok: delta.tokenRequests === 1 },
        { label: 'every caller got its answer', ok: ok200 === CALLERS },
      ],
      summary: `${CALLERS} concurrent requests -> ${plural(delta.tokenRequests, 'token request')}`,
    }
  },
}
