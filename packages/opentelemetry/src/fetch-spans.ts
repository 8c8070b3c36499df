import {
  type Attributes,
  context,
  isSpanContextValid,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api'
import type { CacheLookupMessage, FetchContext, FetchRetryMessage } from '@vendor-token/core'
import { ATTR, FETCH_SPAN, RETRY_EVENT } from './names.js'

interface OpenFetch {
  span: Span
  startedAt: number
  /** The span the fetch is a child of: the first caller's. */
  parentSpanId: string | undefined
  /** Span ids already linked (a request with many waiting calls gets one link). */
  linked: Set<string> | undefined
}

const ignore = (): void => {}

/** Called when a fetch ends, with its duration (for the metrics). */
export type FetchEnded = (fetch: FetchContext, seconds: number) => void

/**
 * `vendor-token:fetch` -> one `vendor-token.fetch` span per fetch (CLIENT), a child of the span
 * active where the fetch started; a `retry` event per `vendor-token:retry` message; a link per
 * request that waited for the fetch (`vendor-token:cache` `wait`). On failure the status is
 * ERROR with the error's code; the error object (and its cause chain) is never recorded.
 */
export class FetchSpans {
  readonly #open = new Map<number, OpenFetch>()

  constructor(
    private readonly tracer: Tracer,
    private readonly ended: FetchEnded,
  ) {}

  /** Handlers for `tracingChannel('vendor-token:fetch').subscribe` (the span ends on asyncEnd). */
  readonly handlers = {
    start: (message: unknown) => this.#start(message as FetchContext),
    end: ignore,
    asyncStart: ignore,
    error: ignore,
    asyncEnd: (message: unknown) => this.#end(message as FetchContext),
  }

  retry(message: FetchRetryMessage | undefined): void {
    if (typeof message?.fetchId !== 'number') return
    const open = this.#open.get(message.fetchId)
    if (open === undefined) return
    const attributes: Attributes = {
      [ATTR.retryAttempt]: message.attempt,
      [ATTR.retryDelayMs]: message.delayMs,
      [ATTR.retryReason]: message.reason,
    }
    if (message.httpStatus !== undefined) attributes[ATTR.httpStatus] = message.httpStatus
    open.span.addEvent(RETRY_EVENT, attributes)
  }

  /** A `wait` links the waiting caller's span to the fetch span (in the caller's context). */
  waited(message: CacheLookupMessage): void {
    if (message.fetchId === undefined) return
    const open = this.#open.get(message.fetchId)
    const waiter = trace.getSpanContext(context.active())
    if (open === undefined || waiter === undefined || !isSpanContextValid(waiter)) return
    if (waiter.spanId === open.parentSpanId || open.linked?.has(waiter.spanId)) return
    open.linked ??= new Set()
    open.linked.add(waiter.spanId)
    open.span.addLink({ context: waiter, attributes: { [ATTR.cacheResult]: 'wait' } })
  }

  /** Forgets open spans (after `disable()`): they are not ended, so not exported. */
  clear(): void {
    this.#open.clear()
  }

  #start(fetch: FetchContext): void {
    if (typeof fetch?.id !== 'number') return
    const parent = context.active()
    const attributes: Attributes = {
      [ATTR.vendor]: fetch.vendor,
      [ATTR.grant]: fetch.grant,
      [ATTR.keyHash]: fetch.keyHash,
      [ATTR.background]: fetch.background,
    }
    if (fetch.user !== undefined) attributes[ATTR.user] = fetch.user
    const span = this.tracer.startSpan(FETCH_SPAN, { kind: SpanKind.CLIENT, attributes }, parent)
    this.#open.set(fetch.id, {
      span,
      startedAt: performance.now(),
      parentSpanId: trace.getSpanContext(parent)?.spanId,
      linked: undefined,
    })
  }

  #end(fetch: FetchContext): void {
    const open = typeof fetch?.id === 'number' ? this.#open.get(fetch.id) : undefined
    if (open === undefined) return
    this.#open.delete(fetch.id)
    const { span } = open
    const outcome = fetch.outcome ?? 'unavailable'
    span.setAttribute(ATTR.outcome, outcome)
    span.setAttribute(ATTR.attempts, fetch.attempt)
    if (fetch.httpStatus !== undefined) span.setAttribute(ATTR.httpStatus, fetch.httpStatus)
    if (fetch.serverAddress !== undefined)
      span.setAttribute(ATTR.serverAddress, fetch.serverAddress)
    if (fetch.oauthError !== undefined) span.setAttribute(ATTR.oauthError, fetch.oauthError)
    if (outcome !== 'ok') {
      const code = fetch.errorCode ?? outcome
      span.setAttribute(ATTR.errorType, code)
      span.setStatus({ code: SpanStatusCode.ERROR, message: code })
    }
    span.end()
    this.ended(fetch, (performance.now() - open.startedAt) / 1000)
  }
}
