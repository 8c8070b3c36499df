// A 10 s soak under full load (`npm run soak -- --seconds 60` runs the long one).
import { expect, it } from 'vitest'
import { runSoak } from '../src/soak.js'
import { formatSoak } from '../src/soak-verdict.js'

it('10 s at full load with 2 s vendor tokens: no expired token, no 5xx, bounded token requests, no leak; then ever-new firm ids: flat RSS', async () => {
  const result = await runSoak({ seconds: 10, warmupSeconds: 4, churnSeconds: 4 })
  console.log(formatSoak(result))
  expect(result.requests).toBeGreaterThan(0)
  expect(result.rejectedExpired).toBe(0)
  expect(result.answers5xx).toBe(0)
  expect(result.errors).toBe(0)
  expect(result.tokenRatio).toBeGreaterThanOrEqual(0.8)
  expect(result.tokenRatio).toBeLessThanOrEqual(2)
  expect(result.rssGrowth).toBeLessThanOrEqual(0.2)
  expect(result.churn.requests).toBeGreaterThan(result.churn.maxEntries)
  expect(result.churn.entries).toBeLessThanOrEqual(result.churn.maxEntries)
  expect(result.churn.evicted).toBeGreaterThan(0)
  expect(result.churnRssGrowth).toBeLessThanOrEqual(0.2)
  expect(result.failures).toEqual([])
}, 120_000)
