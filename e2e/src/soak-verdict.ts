/** The soak's bars, applied to what it measured, and a readable summary. */

/** Raw figures of one soak run (warm-up included where it says so). */
export interface SoakMeasurements {
  /** The window token requests are counted in: the run after its first second. */
  durationSeconds: number
  tokenTtlSeconds: number
  requests: number
  requestsPerSecond: number
  latencyP99Ms: number
  /** Warm-up and run. */
  non2xx: number
  answers5xx: number
  /** App requests whose call of the vendor resource did not succeed. */
  upstreamFailures: number
  errors: number
  timeouts: number
  /** In the counting window only. */
  tokenRequests: number
  resourceRequests: number
  /** Warm-up and run. */
  rejectedExpired: number
  rejectedInvalid: number
  managerEvents: Record<string, number>
  /**
   * Mean lifetime the vendor granted the app's tokens, counted from the request (JWT exp - time
   * sent). A whole-second exp makes it shorter than the nominal lifetime: 2 s tokens live 1-2 s.
   */
  meanTokenLifetimeMs: number
  /** Mean duration of a token request seen by the app. */
  meanTokenFetchMs: number
  rssWarmBytes: number
  rssEndBytes: number
  /** The main thread's heap after a GC, for telling a leak from allocator growth. */
  heapWarmBytes: number
  heapEndBytes: number
  /** The churn phase: a new firm id (a new cache key, a token request) per request. */
  churn: {
    requests: number
    non2xx: number
    /** Keys the churn manager held at the end, its bound, and how many it evicted. */
    entries: number
    maxEntries: number
    evicted: number
    /** After the churn warm-up (the bound is full) and after the churn run. */
    rssWarmBytes: number
    rssEndBytes: number
    heapWarmBytes: number
    heapEndBytes: number
  }
}

export interface SoakResult extends SoakMeasurements {
  /** duration / granted lifetime: the token requests a refresher with no margin would make. */
  expectedTokenRequests: number
  /** tokenRequests / expectedTokenRequests; must be within [0.8, 2]. */
  tokenRatio: number
  /** tokenRequests / (duration / nominal lifetime): informative (whole-second exp inflates it). */
  nominalTokenRatio: number
  /** rssEnd / rssWarm - 1; must be <= 0.2. */
  rssGrowth: number
  /** The same for the churn phase: ever-new params must leave RSS flat. */
  churnRssGrowth: number
  /** One line per missed bar; empty when the soak passed. */
  failures: string[]
}

/** Token requests must stay within these multiples of duration / lifetime. */
export const TOKEN_RATIO_BOUNDS = [0.8, 2] as const
/** RSS after the run may exceed RSS after warm-up by this fraction at most. */
export const MAX_RSS_GROWTH = 0.2

/** Applies the bars to the measurements. */
export function evaluateSoak(m: SoakMeasurements): SoakResult {
  const expectedTokenRequests = (m.durationSeconds * 1000) / m.meanTokenLifetimeMs
  const tokenRatio = m.tokenRequests / expectedTokenRequests
  const nominalTokenRatio = m.tokenRequests / (m.durationSeconds / m.tokenTtlSeconds)
  const rssGrowth = m.rssEndBytes / m.rssWarmBytes - 1
  const failures: string[] = []
  const bar = (ok: boolean, line: string) => ok || failures.push(line)
  bar(m.requests > 0, 'no request was answered')
  bar(m.rejectedExpired === 0, `${m.rejectedExpired} resource requests carried an expired token`)
  bar(m.rejectedInvalid === 0, `${m.rejectedInvalid} resource requests carried an invalid token`)
  bar(m.answers5xx === 0, `${m.answers5xx} answers were 5xx`)
  bar(m.non2xx === 0, `${m.non2xx} answers were not 2xx`)
  bar(m.errors === 0, `${m.errors} connection errors (${m.timeouts} timeouts)`)
  const [low, high] = TOKEN_RATIO_BOUNDS
  bar(
    tokenRatio >= low && tokenRatio <= high,
    `${m.tokenRequests} token requests = ${tokenRatio.toFixed(2)} x duration / granted lifetime (bounds ${low}-${high})`,
  )
  bar(
    rssGrowth <= MAX_RSS_GROWTH,
    `RSS grew ${(rssGrowth * 100).toFixed(1)}% after warm-up (max 20%)`,
  )
  const { churn } = m
  const churnRssGrowth = churn.rssEndBytes / churn.rssWarmBytes - 1
  bar(churn.requests > 0, 'the churn phase answered no request')
  bar(churn.non2xx === 0, `${churn.non2xx} churn answers were not 2xx`)
  bar(
    churn.entries <= churn.maxEntries && churn.evicted > 0,
    `churn: ${churn.entries} keys held (bound ${churn.maxEntries}), ${churn.evicted} evicted`,
  )
  bar(
    churnRssGrowth <= MAX_RSS_GROWTH,
    `RSS grew ${(churnRssGrowth * 100).toFixed(1)}% during the churn phase (max 20%)`,
  )
  return {
    ...m,
    expectedTokenRequests,
    tokenRatio,
    nominalTokenRatio,
    rssGrowth,
    churnRssGrowth,
    failures,
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** A few lines for the terminal. */
export function formatSoak(r: SoakResult): string {
  return [
    `duration         ${r.durationSeconds.toFixed(1)} s counted (after a 1 s lead-in), vendor tokens live ${r.tokenTtlSeconds} s`,
    `load             ${r.requests} requests, ${Math.round(r.requestsPerSecond)} req/s, p99 ${r.latencyP99Ms} ms`,
    `answers          non-2xx ${r.non2xx}, 5xx ${r.answers5xx}, errors ${r.errors}, timeouts ${r.timeouts}`,
    `vendor resource  ${r.resourceRequests} requests, expired token ${r.rejectedExpired}, invalid ${r.rejectedInvalid}`,
    `tokens granted   mean lifetime ${(r.meanTokenLifetimeMs / 1000).toFixed(2)} s from the request (nominal ${r.tokenTtlSeconds} s; whole-second exp), mean fetch ${Math.round(r.meanTokenFetchMs)} ms`,
    `token requests   ${r.tokenRequests} = ${r.tokenRatio.toFixed(2)} x duration / granted lifetime (bounds ${TOKEN_RATIO_BOUNDS.join('-')}); ${r.nominalTokenRatio.toFixed(2)} x duration / nominal lifetime`,
    `manager events   ${Object.entries(r.managerEvents)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `app RSS          ${mb(r.rssWarmBytes)} after warm-up, ${mb(r.rssEndBytes)} after the run (${(r.rssGrowth * 100).toFixed(1)}%, max +20%)`,
    `app heap         ${mb(r.heapWarmBytes)} after warm-up, ${mb(r.heapEndBytes)} after the run (after a GC)`,
    `churn            ${r.churn.requests} requests for new firm ids, non-2xx ${r.churn.non2xx}; ${r.churn.entries} keys held (bound ${r.churn.maxEntries}), ${r.churn.evicted} evicted`,
    `churn RSS        ${mb(r.churn.rssWarmBytes)} with the bound full, ${mb(r.churn.rssEndBytes)} after the churn (${(r.churnRssGrowth * 100).toFixed(1)}%, max +20%); heap ${mb(r.churn.heapWarmBytes)} -> ${mb(r.churn.heapEndBytes)}`,
    r.failures.length ? `FAILED: ${r.failures.join('; ')}` : 'PASS',
  ].join('\n')
}
