import type { Attributes, Meter, ObservableCallback } from '@opentelemetry/api'
import {
  type CacheLookupMessage,
  diagnosticsKeyHash,
  type FetchContext,
  type TokenStatus,
} from '@vendor-token/core'
import { ATTR, DURATION_BUCKETS, METRIC } from './names.js'
import type { JwksFetch, VerifyBatch } from './verify-messages.js'

/** Anything with the manager's `status()` (a TokenManager). */
export interface StatusSource {
  status(): readonly TokenStatus[]
}

type LookupCounts = { hit: number; miss: number; wait: number }

/**
 * The metrics. Cache lookups happen on every `getToken`, so they are counted in plain numbers
 * here and reported by an observable counter at collection time: a hit costs an increment, not
 * an SDK call. Everything else is rare (a fetch, a verify batch) and recorded directly.
 */
export class VendorTokenMetrics {
  readonly #lookups = new Map<string, LookupCounts>()
  readonly #fetchDuration
  readonly #fetchFailures
  readonly #verifyTokens
  readonly #verifyBatchDuration
  readonly #jwksFetches
  readonly #unregister: Array<() => void> = []
  /** status() keys hashed once. */
  readonly #hashes = new Map<string, string>()

  constructor(meter: Meter, managers: readonly StatusSource[]) {
    const seconds = { unit: 's', advice: { explicitBucketBoundaries: DURATION_BUCKETS } }
    this.#fetchDuration = meter.createHistogram(METRIC.fetchDuration, {
      ...seconds,
      description: 'Duration of a token fetch, retries included.',
    })
    this.#fetchFailures = meter.createCounter(METRIC.fetchFailures, {
      unit: '{fetch}',
      description: 'Token fetches that ended without a token.',
    })
    this.#verifyTokens = meter.createCounter(METRIC.verifyTokens, {
      unit: '{token}',
      description: 'Tokens verified by worker batches, by outcome (ok or the refusal code).',
    })
    this.#verifyBatchDuration = meter.createHistogram(METRIC.verifyBatchDuration, {
      ...seconds,
      description: 'Duration of one verify batch on a worker.',
    })
    this.#jwksFetches = meter.createCounter(METRIC.jwksFetches, {
      unit: '{fetch}',
      description: 'JWKS fetches, by outcome.',
    })
    const lookups = meter.createObservableCounter(METRIC.cacheLookups, {
      unit: '{lookup}',
      description: 'getToken lookups: hit (cached), wait (joined a fetch), miss.',
    })
    this.#observe(lookups, (result) => {
      for (const [vendor, counts] of this.#lookups) {
        for (const kind of ['hit', 'miss', 'wait'] as const) {
          result.observe(counts[kind], { [ATTR.vendor]: vendor, [ATTR.cacheResult]: kind })
        }
      }
    })
    if (managers.length > 0) {
      const expiry = meter.createObservableGauge(METRIC.timeToExpiry, {
        unit: 's',
        description: 'Seconds until the cached token of a key expires.',
      })
      this.#observe(expiry, (result) => {
        for (const manager of managers) {
          for (const row of manager.status()) {
            if (row.expiresInSeconds === undefined) continue
            const attributes = { [ATTR.vendor]: row.vendor, [ATTR.keyHash]: this.#hash(row.key) }
            result.observe(row.expiresInSeconds, attributes)
          }
        }
      })
    }
  }

  cacheLookup(message: CacheLookupMessage): void {
    let counts = this.#lookups.get(message.vendor)
    if (counts === undefined) {
      counts = { hit: 0, miss: 0, wait: 0 }
      this.#lookups.set(message.vendor, counts)
    }
    counts[message.result]++
  }

  fetchEnded(fetch: FetchContext, seconds: number): void {
    const attributes: Attributes = {
      [ATTR.vendor]: fetch.vendor,
      [ATTR.outcome]: fetch.outcome ?? 'unavailable',
    }
    this.#fetchDuration.record(seconds, attributes)
    if (fetch.outcome !== 'ok') this.#fetchFailures.add(1, attributes)
  }

  verifyBatch(batch: VerifyBatch): void {
    this.#verifyBatchDuration.record(batch.durationMs / 1000)
    for (const [outcome, count] of batch.outcomes) {
      this.#verifyTokens.add(count, { [ATTR.outcome]: outcome })
    }
  }

  jwksFetch(fetch: JwksFetch): void {
    this.#jwksFetches.add(1, { [ATTR.outcome]: fetch.outcome, [ATTR.jwksReason]: fetch.reason })
  }

  /** Stops the observable instruments' callbacks. */
  close(): void {
    for (const unregister of this.#unregister.splice(0)) unregister()
  }

  #observe(
    instrument: {
      addCallback(callback: ObservableCallback): void
      removeCallback(callback: ObservableCallback): void
    },
    callback: ObservableCallback,
  ): void {
    instrument.addCallback(callback)
    this.#unregister.push(() => instrument.removeCallback(callback))
  }

  #hash(key: string): string {
    let hash = this.#hashes.get(key)
    if (hash === undefined) {
      hash = diagnosticsKeyHash(key)
      this.#hashes.set(key, hash)
    }
    return hash
  }
}
