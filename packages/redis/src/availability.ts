import { type Redis, ReplyError } from 'ioredis'
import { type ConnectionState, commandsOf, connectionOf, type RedisClient } from './client.js'
import { StoreUnavailableError } from './errors.js'

/** Transition callback: `available` true when Redis is usable again, false when it is not. */
export type AvailabilityListener = (available: boolean, error?: StoreUnavailableError) => void

/**
 * Runs Redis commands so that an outage costs nothing: while Redis is known to be down, a command
 * fails at once (no offline queue, no wait); a command slower than `operationTimeoutMs` marks it
 * down. A probe (and ioredis' own reconnection) brings the store back without a restart.
 */
export class RedisAvailability {
  #state: 'starting' | 'available' | 'unavailable' | 'closed'
  #probe: NodeJS.Timeout | undefined
  readonly #client: ConnectionState
  readonly #commands: Redis
  /** The one wait for the first connection, shared by every command sent before it. */
  #firstConnection: Promise<void> | undefined
  readonly #timeoutMs: number
  readonly #probeIntervalMs: number
  readonly #onChange: AvailabilityListener
  readonly #onReady = () => void this.#check()
  readonly #onClose = () =>
    this.#markUnavailable(new StoreUnavailableError('Redis connection closed'))

  constructor(
    client: RedisClient,
    options: { operationTimeoutMs: number; probeIntervalMs: number },
    onChange: AvailabilityListener,
  ) {
    this.#client = connectionOf(client)
    this.#commands = commandsOf(client)
    this.#timeoutMs = options.operationTimeoutMs
    this.#probeIntervalMs = options.probeIntervalMs
    this.#onChange = onChange
    this.#state = client.status === 'ready' ? 'available' : 'starting'
    this.#client.on('ready', this.#onReady)
    this.#client.on('close', this.#onClose)
    this.#client.on('end', this.#onClose)
  }

  /** True while commands are being sent to Redis. */
  get available(): boolean {
    return this.#state === 'available'
  }

  /**
   * Runs one command, bounded by the operation timeout.
   * @throws StoreUnavailableError when Redis is down or too slow; a Redis reply error as is.
   */
  async run<T>(command: (client: Redis) => Promise<T>): Promise<T> {
    if (this.#state === 'starting' && this.#client.status !== 'ready') await this.#firstReady()
    if (this.#state !== 'available' && this.#state !== 'starting') {
      throw new StoreUnavailableError('Redis is unavailable')
    }
    if (this.#client.status !== 'ready') {
      const error = new StoreUnavailableError(`Redis connection is ${this.#client.status}`)
      this.#markUnavailable(error)
      throw error
    }
    try {
      return await this.#bounded(command(this.#commands))
    } catch (error) {
      if (error instanceof ReplyError && !isOutageReply(error as Error)) throw error
      const unavailable =
        error instanceof StoreUnavailableError
          ? error
          : new StoreUnavailableError('Redis command failed', { cause: error })
      this.#markUnavailable(unavailable)
      throw unavailable
    }
  }

  /** Stops watching the client; later commands fail. */
  close(): void {
    this.#state = 'closed'
    clearInterval(this.#probe)
    this.#client.off('ready', this.#onReady)
    this.#client.off('close', this.#onClose)
    this.#client.off('end', this.#onClose)
  }

  /**
   * At start-up, commands wait (bounded) for the first connection instead of failing. One
   * `ready`/`close` listener pair per client, however many commands wait.
   */
  async #firstReady(): Promise<void> {
    this.#firstConnection ??= this.#bounded(
      new Promise<void>((resolve) => {
        const done = () => {
          this.#client.off('ready', done)
          this.#client.off('close', done)
          resolve()
        }
        this.#client.once('ready', done)
        this.#client.once('close', done)
        if (this.#client.status === 'wait') this.#client.connect().catch(() => undefined) // lazyConnect
      }),
    )
      .catch(() => undefined)
      .finally(() => {
        this.#firstConnection = undefined
      })
    await this.#firstConnection
    if (this.#state === 'starting' && this.#client.status === 'ready') this.#setAvailable()
  }

  #bounded<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    let immediate: NodeJS.Immediate | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // After a blocked event loop, timers run before pending I/O: let a reply that has
        // already arrived be read (poll phase) before calling Redis slow.
        immediate = setImmediate(() =>
          reject(new StoreUnavailableError(`Redis did not answer within ${this.#timeoutMs} ms`)),
        )
      }, this.#timeoutMs)
    })
    promise.catch(() => undefined) // the command may still settle after the timeout
    return Promise.race([promise, timeout]).finally(() => {
      clearTimeout(timer)
      clearImmediate(immediate)
    })
  }

  /** PING with the timeout; success makes the store available again. */
  async #check(): Promise<void> {
    if (this.#state === 'closed' || this.#state === 'available') return
    if (this.#client.status !== 'ready') return
    try {
      await this.#bounded(this.#commands.ping())
      this.#setAvailable()
    } catch {
      // still down; the probe tries again
    }
  }

  #setAvailable(): void {
    if (this.#state === 'available' || this.#state === 'closed') return
    this.#state = 'available'
    clearInterval(this.#probe)
    this.#probe = undefined
    this.#onChange(true)
  }

  #markUnavailable(error: StoreUnavailableError): void {
    if (this.#state === 'unavailable' || this.#state === 'closed') return
    this.#state = 'unavailable'
    this.#onChange(false, error)
    this.#probe = setInterval(() => void this.#check(), this.#probeIntervalMs)
    this.#probe.unref()
  }
}

/**
 * Replies that say the server cannot serve now (cluster down or failing over, a replica being
 * written to, a server still loading): an outage, handled like a lost connection.
 */
function isOutageReply(error: Error): boolean {
  return /^(CLUSTERDOWN|TRYAGAIN|MASTERDOWN|LOADING|READONLY|NOREPLICAS)\b/.test(error.message)
}
