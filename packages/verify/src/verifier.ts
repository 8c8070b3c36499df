import { VerifyError } from './errors.js'
import { KeySetOwner } from './jwks/key-set-owner.js'
import { type ResolvedOptions, resolveOptions, type VerifierOptions } from './options.js'
import { Batcher } from './pool/batcher.js'
import { type PendingToken, tokenBatches } from './pool/token-batches.js'
import { WorkerPool } from './pool/worker-pool.js'
import { type HeaderInfo, Prechecker } from './precheck.js'
import type { BatchOutcome } from './protocol.js'
import { TokenCache, tokenKey } from './token-cache.js'
import type { VerifiedToken, Verifier, VerifierStats } from './types.js'

class PoolVerifier implements Verifier {
  readonly #options: ResolvedOptions
  readonly #precheck: Prechecker
  readonly #cache: TokenCache<VerifiedToken> | undefined
  readonly #keys: KeySetOwner
  readonly #pool: WorkerPool
  readonly #batcher: Batcher<PendingToken, BatchOutcome, VerifiedToken>
  readonly #counts = { hits: 0, misses: 0 }
  #closing: Promise<void> | undefined

  constructor(options: ResolvedOptions) {
    this.#options = options
    this.#precheck = new Prechecker(options)
    this.#cache = options.cacheMax > 0 ? new TokenCache(options.cacheMax) : undefined
    this.#pool = new WorkerPool(
      {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: options.algorithms,
        clockToleranceSeconds: options.clockToleranceSeconds,
        requiredClaims: options.requiredClaims,
        accessTokensOnly: options.accessTokensOnly,
        clientIds: options.clientIds,
        exitOnToken: options.unsafeExitWorkerOnToken,
      },
      options.threads,
    )
    // A new key set may drop keys: tokens verified with the old one are verified again.
    this.#keys = new KeySetOwner(options, () => this.#cache?.clear())
    const handler = tokenBatches({
      pool: this.#pool,
      keys: this.#keys,
      clock: options.clock,
      cache: this.#cache,
    })
    this.#batcher = new Batcher(handler, options.maxBatchSize, options.threads * 2)
  }

  verify(token: string): Promise<VerifiedToken> {
    if (this.#closing !== undefined) return Promise.reject(new VerifyError('closed'))
    let key: string | undefined
    if (
      this.#cache !== undefined &&
      typeof token === 'string' &&
      token.length <= this.#options.maxTokenLength
    ) {
      key = tokenKey(token)
      const hit = this.#cache.get(key, this.#options.clock.now())
      if (hit !== undefined) {
        this.#counts.hits++
        return Promise.resolve(hit)
      }
      this.#counts.misses++
    }
    const checked = this.#precheck.check(token)
    if (checked instanceof VerifyError) return Promise.reject(checked)
    return this.#verifyChecked(token, checked, key)
  }

  verifyMany(tokens: readonly string[]): Promise<Array<VerifiedToken | VerifyError>> {
    return Promise.all(
      tokens.map((token) =>
        this.verify(token).catch((error: unknown) =>
          error instanceof VerifyError
            ? error
            : new VerifyError('worker_failed', undefined, { cause: error }),
        ),
      ),
    )
  }

  stats(): VerifierStats {
    const { queued, inFlight, sent } = this.#batcher.counts
    return {
      threads: this.#pool.threads,
      workersStarted: this.#pool.workersStarted,
      queued,
      inFlightBatches: inFlight,
      batchesSent: sent,
      cache: { size: this.#cache?.size ?? 0, ...this.#counts },
      jwks: this.#keys.stats(),
    }
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#keys.close()
      await this.#batcher.close()
      await this.#pool.close()
    })()
    return this.#closing
  }

  /** Sends a pre-checked token to the workers once its key is known (one promise per token). */
  #verifyChecked(
    token: string,
    header: HeaderInfo,
    cacheKey: string | undefined,
  ): Promise<VerifiedToken> {
    const keys = this.#keys.current()
    if (keys?.kids.get(header.alg)?.has(header.kid))
      return this.#batcher.submit({ token, header, cacheKey })
    return this.#verifyAfterKeys(token, header, cacheKey)
  }

  /** The slow path: no keys yet, or a kid not in the current key set. */
  async #verifyAfterKeys(
    token: string,
    header: HeaderInfo,
    cacheKey: string | undefined,
  ): Promise<VerifiedToken> {
    const keys = this.#keys.current() ?? (await this.#keys.load())
    if (!keys.kids.get(header.alg)?.has(header.kid)) {
      // Concurrent tokens with unknown kids share one refetch; none at all during the cool-down.
      const refreshed = await this.#keys.refetchForUnknownKid()
      if (!refreshed?.kids.get(header.alg)?.has(header.kid)) throw new VerifyError('unknown_kid')
    }
    return this.#batcher.submit({ token, header, cacheKey })
  }
}

/**
 * Creates a JWT verifier: jose and node:crypto verify RS256 (and other asymmetric) tokens on a
 * piscina worker pool, against a JWKS the main thread fetches and caches.
 *
 * @param options see {@link VerifierOptions}; `issuer` and one of `jwksUri`/`jwks` are required
 * @example
 * const verifier = createVerifier({ jwksUri: 'https://idp.example.com/jwks', issuer: 'https://idp.example.com' })
 * const { payload } = await verifier.verify(token) // or rejects with VerifyError (err.code, err.status)
 * await verifier.close()
 */
export function createVerifier(options: VerifierOptions): Verifier {
  return new PoolVerifier(resolveOptions(options))
}
