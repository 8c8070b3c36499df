import { MANAGER_OPTIONS } from '../manager-options.js'
import { APITURE_SCOPES, SHORT_TTL_SECONDS } from '../services.js'
import { formatDuration } from '../status/format.js'
import type { TourStep } from './context.js'
import { type Answer, countStatus, get, percentileMs, sleep } from './http.js'
import { measure, plural } from './stats.js'

const POLL_MS = 200
/** Give up waiting for a refresh after this long (two lifetimes: one refresh point surely passed). */
const MAX_WAIT_MS = 2 * SHORT_TTL_SECONDS * 1000
const RATIO_PERCENT = Math.round(MANAGER_OPTIONS.refreshAheadRatio * 100)

/** Step 3: a short-lived token is replaced in the background before it expires. */
export const refreshAheadStep: TourStep = {
  title: 'A short-lived token is refreshed ahead of expiry',
  intro: [
    `The emulator issues Apiture tokens that live ${SHORT_TTL_SECONDS} s. The app is called every ${POLL_MS} ms;`,
    `at ${RATIO_PERCENT}% of the lifetime (the demo's setting; default 80%) the manager refreshes in the`,
    'background while callers keep getting the current token: no request waits for it, and',
    'none reaches the bank with an expired token. The step starts from a fresh token.',
  ],
  async run({ emulator, manager, apps, print }) {
    const app = apps.apiture
    // Expiry of the token in use, read before each request (the refresh replaces it in status()).
    let lastExpiry: number | undefined
    const refreshes: { at: number; oldExpiresAt: number | undefined }[] = []
    const onRefreshed = ({ vendor }: { vendor: string }) => {
      if (vendor === app.vendor) refreshes.push({ at: Date.now(), oldExpiresAt: lastExpiry })
    }
    await manager.invalidate(app.vendor, { scopes: APITURE_SCOPES })
    manager.on('refreshed', onRefreshed)
    const started = Date.now()
    const { result: answers, delta } = await measure(emulator, app.vendor, async () => {
      const answers: Answer[] = []
      let stopAt = started + MAX_WAIT_MS
      while (Date.now() < stopAt) {
        lastExpiry = manager.status().find((row) => row.vendor === app.vendor)?.expiresAt
        answers.push(await get(app.url + app.path))
        // Keep calling for a second after the first refresh, to show the new token serving.
        if (refreshes.length > 0) stopAt = Math.min(stopAt, refreshes[0]!.at + 1_000)
        await sleep(POLL_MS)
      }
      return answers
    })
    manager.off('refreshed', onRefreshed)
    const first = refreshes[0]
    const earlyMs = first?.oldExpiresAt === undefined ? undefined : first.oldExpiresAt - first.at
    const ok200 = countStatus(answers, 200)
    print.fact(
      `${answers.length} requests over ${formatDuration((Date.now() - started) / 1000)} -> ` +
        `${plural(delta.tokenRequests, 'token request')}, ${plural(refreshes.length, 'background refresh', 'background refreshes')}`,
    )
    if (earlyMs !== undefined) {
      print.fact(
        `refreshed ${formatDuration(earlyMs / 1000)} before the old token would have expired`,
      )
    }
    print.fact(
      `${ok200}/${answers.length} answered 200; slowest answer ${Math.round(percentileMs(answers, 1))} ms; ` +
        `expired tokens the bank rejected: ${delta.rejectedExpired}`,
    )
    return {
      checks: [
        { label: 'refreshed in the background', ok: refreshes.length > 0 },
        { label: 'before the old token expired', ok: earlyMs !== undefined && earlyMs > 0 },
        { label: 'every request answered 200', ok: ok200 === answers.length },
        { label: 'no expired token sent to the vendor', ok: delta.rejectedExpired === 0 },
      ],
      summary:
        earlyMs === undefined
          ? 'no background refresh seen'
          : `${SHORT_TTL_SECONDS} s token refreshed ${formatDuration(earlyMs / 1000)} early; ${plural(delta.rejectedExpired, 'expired token')} sent`,
    }
  },
}
