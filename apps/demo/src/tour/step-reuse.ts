import type { TourStep } from './context.js'
import { countStatus, get } from './http.js'
import { measure, plural } from './stats.js'

const REQUESTS_PER_APP = 3

/** Step 1: each app asks for its token on every request; only the first one reaches the vendor. */
export const reuseStep: TourStep = {
  title: 'Tokens are fetched once and reused',
  intro: [
    `${REQUESTS_PER_APP} requests to each sample app, one after the other.`,
    'The first asks the vendor for a token; the others get it from the cache.',
  ],
  async run({ emulator, apps, print }) {
    const checks: { label: string; ok: boolean }[] = []
    let requests = 0
    let tokenRequests = 0
    for (const app of Object.values(apps)) {
      const { result: answers, delta } = await measure(emulator, app.vendor, async () => {
        const answers = []
        for (let i = 0; i < REQUESTS_PER_APP; i++) answers.push(await get(app.url + app.path))
        return answers
      })
      requests += answers.length
      tokenRequests += delta.tokenRequests
      // Wealth.com's Advisor API takes a static Basic credential: there is no token endpoint.
      const basic = app.vendor === 'wealthcom'
      const expected = basic ? 0 : 1
      const ok200 = countStatus(answers, 200)
      print.fact(
        `${app.name.padEnd(21)} ${answers.length} requests -> ${plural(delta.tokenRequests, 'token request')}` +
          `, ${plural(delta.resourceRequests, 'API call')}, ${ok200}/${answers.length} answered 200` +
          (basic ? ' (Basic credential, no token endpoint)' : ''),
      )
      checks.push({
        label: `${app.vendor}: ${plural(expected, 'token request')} for ${answers.length} requests`,
        ok: delta.tokenRequests === expected && ok200 === answers.length,
      })
    }
    return {
      checks,
      summary: `${requests} requests across 4 apps -> ${plural(tokenRequests, 'token request')}`,
    }
  },
}
