import { channel, tracingChannel } from 'node:diagnostics_channel'
import {
  type CacheLookupMessage,
  DIAGNOSTICS_CHANNELS,
  type FetchContext,
  type FetchRetryMessage,
} from '@vendor-token/core'
import type { JwksFetchMessage, VerifyBatchMessage } from '@vendor-token/verify'

/**
 * Publishes contract-shaped messages, as core's lifecycle and verify do: the unit level of this
 * package's tests. The types come from the publishers' own definitions.
 */
const fetchChannel = tracingChannel<FetchContext>(DIAGNOSTICS_CHANNELS.fetch)

let lastId = 1_000_000

/** A fetch's start (in the caller's context) with the given fields; returns the context. */
export function startFetch(fields: Partial<FetchContext> = {}): FetchContext {
  const fetch: FetchContext = {
    id: ++lastId,
    vendor: 'acme',
    keyHash: 'k1k1k1k1k1k1',
    grant: 'client_credentials',
    background: false,
    attempt: 1,
    ...fields,
  }
  fetchChannel.start.publish(fetch)
  fetchChannel.end.publish(fetch)
  return fetch
}

/** The end of a fetch: the end fields, then error (on failure), asyncStart, asyncEnd. */
export function endFetch(fetch: FetchContext, end: Partial<FetchContext>): void {
  Object.assign(fetch, end)
  if (end.outcome !== 'ok') fetchChannel.error.publish(fetch)
  fetchChannel.asyncStart.publish(fetch)
  fetchChannel.asyncEnd.publish(fetch)
}

export function publishRetry(message: FetchRetryMessage): void {
  channel(DIAGNOSTICS_CHANNELS.retry).publish(message)
}

export function publishLookup(message: CacheLookupMessage): void {
  channel(DIAGNOSTICS_CHANNELS.cache).publish(message)
}

export function publishVerifyBatch(message: VerifyBatchMessage): void {
  channel('vendor-token:verify').publish(message)
}

export function publishJwksFetch(message: JwksFetchMessage): void {
  channel('vendor-token:jwks').publish(message)
}
