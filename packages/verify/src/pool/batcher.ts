interface Pending<T, R> {
  item: T
  resolve(result: R): void
  reject(error: unknown): void
}

/** How a batch of items travels to a worker and how each answer becomes a result. */
export interface BatchHandler<T, O, R> {
  /** Sends one batch; resolves to one outcome per item, in order. */
  dispatch(items: readonly T[]): Promise<readonly O[]>
  /** Turns an item's outcome into its result (or throws the error it is rejected with). */
  finish(item: T, outcome: O): R
  /** What a submission after `close()` is rejected with. */
  closedError(): Error
}

/**
 * Micro-batching of concurrent `verify` calls: items submitted in the same turn of the event
 * loop leave together (flushed by `setImmediate`, or at once when a batch is full), and at most
 * `maxInFlight` batches are out (one running and one waiting per worker), so under load items
 * gather into full batches instead of one message each. Each item costs one promise, settled
 * directly with its final result.
 */
export class Batcher<T, O, R> {
  #queue: Pending<T, R>[] = []
  #inFlight = 0
  #sent = 0
  #scheduled = false
  #closed = false
  #idle: (() => void) | undefined
  readonly #flushSoon = () => {
    this.#scheduled = false
    this.#flush()
  }

  /**
   * @param handler sends batches and finishes items
   * @param maxBatch most items per batch
   * @param maxInFlight most batches out at once
   */
  constructor(
    private readonly handler: BatchHandler<T, O, R>,
    private readonly maxBatch: number,
    private readonly maxInFlight: number,
  ) {}

  /** The item's result; rejected with its error, or with the batch's if the batch failed. */
  submit(item: T): Promise<R> {
    if (this.#closed) return Promise.reject(this.handler.closedError())
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject })
      if (this.#queue.length >= this.maxBatch) this.#flush()
      else if (!this.#scheduled) {
        this.#scheduled = true
        setImmediate(this.#flushSoon)
      }
    })
  }

  /** Items waiting, batches out, and batches sent so far. */
  get counts(): { queued: number; inFlight: number; sent: number } {
    return { queued: this.#queue.length, inFlight: this.#inFlight, sent: this.#sent }
  }

  /** Refuses new items and resolves once every submitted one is settled. */
  close(): Promise<void> {
    this.#closed = true
    this.#flush()
    if (this.#queue.length === 0 && this.#inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => {
      this.#idle = resolve
    })
  }

  #flush(): void {
    while (this.#queue.length > 0 && this.#inFlight < this.maxInFlight) {
      const batch =
        this.#queue.length <= this.maxBatch ? this.#queue : this.#queue.slice(0, this.maxBatch)
      this.#queue = batch === this.#queue ? [] : this.#queue.slice(this.maxBatch)
      this.#inFlight++
      this.#sent++
      this.handler.dispatch(batch.map((pending) => pending.item)).then(
        (outcomes) => this.#settle(batch, outcomes),
        (error: unknown) => {
          this.#next()
          for (const pending of batch) pending.reject(error)
          this.#notifyIfIdle()
        },
      )
    }
  }

  #settle(batch: Pending<T, R>[], outcomes: readonly O[]): void {
    // The next batch leaves before this one's items are finished, so no worker waits for that.
    this.#next()
    for (let i = 0; i < batch.length; i++) {
      const pending = batch[i]!
      try {
        pending.resolve(this.handler.finish(pending.item, outcomes[i]!))
      } catch (error) {
        pending.reject(error)
      }
    }
    this.#notifyIfIdle()
  }

  /** A batch came back: its slot goes to the next batch. */
  #next(): void {
    this.#inFlight--
    this.#flush()
  }

  /** Resolves `close()` once nothing is queued or out. */
  #notifyIfIdle(): void {
    if (this.#queue.length === 0 && this.#inFlight === 0) this.#idle?.()
  }
}
