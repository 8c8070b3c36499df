import { Piscina } from 'piscina'
import type { BatchResult, BatchTask, WorkerSettings } from '../protocol.js'

/**
 * The piscina pool running `worker.js`: a fixed number of threads, each holding up to two batches
 * (a crashed one is replaced by piscina, and the batches it held are rejected, never left pending).
 */
export class WorkerPool {
  readonly #pool: Piscina<BatchTask, BatchResult>
  #started = 0
  #lastError: string | undefined

  /**
   * @param settings what every worker needs, sent once as `workerData`
   * @param threads fixed pool size
   */
  constructor(settings: WorkerSettings, threads: number) {
    this.#pool = new Piscina({
      filename: new URL('../worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      // Each worker holds its next batch in its own queue, so when a batch ends the next one
      // starts at once instead of after a round trip through a main thread that may be busy
      // (workers sat idle 15-20 % of the time without it). A crash fails both batches.
      concurrentTasksPerWorker: 2,
      workerData: settings,
      recordTiming: false,
    })
    this.#pool.on('workerCreate', () => {
      this.#started++
    })
    // Uncaught errors of idle workers and close timeouts arrive here; without a listener they
    // would crash the process.
    this.#pool.on('error', (error: unknown) => {
      this.#lastError = error instanceof Error ? error.message : String(error)
    })
  }

  /** Runs one batch on some worker. */
  run(task: BatchTask): Promise<BatchResult> {
    return this.#pool.run(task)
  }

  /** Live threads. */
  get threads(): number {
    return this.#pool.threads.length
  }

  /** Threads started since creation (more than the pool size means some were replaced). */
  get workersStarted(): number {
    return this.#started
  }

  get lastError(): string | undefined {
    return this.#lastError
  }

  /** Waits for running batches, then ends every thread. */
  close(): Promise<void> {
    return this.#pool.close()
  }
}
