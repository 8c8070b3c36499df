import { NotSignedInError } from './errors.js'
import type { EntryDriver, TokenEntry } from './lifecycle.js'
import type { ResolvedOptions } from './options.js'
import type { TokenFetcher } from './token-fetch.js'
import type { TokenEvents } from './types.js'

/** Emits one manager event (safely: a throwing listener is logged, not thrown). */
export type EmitEvent = <K extends keyof TokenEvents>(event: K, ...payload: TokenEvents[K]) => void

/** What runs after an entry's fetch settled, beside logs and events. */
export interface SettleHooks {
  /** After every outcome (the table schedules its idle sweep). */
  settled?: () => void
  /** After a final failure has been reported (sign-in signs out on a refused refresh). */
  afterFailure?: (entry: TokenEntry, error: unknown) => void
}

/**
 * Connects entries to the fetcher, and their outcomes to logs, events and `hooks`.
 */
export function createEntryDriver(
  options: ResolvedOptions,
  fetcher: TokenFetcher,
  emit: EmitEvent,
  hooks: SettleHooks = {},
): EntryDriver {
  const { clock, logger } = options
  return {
    now: () => clock.now(),
    obtain: (entry, background) => fetcher.obtain(entry, background),
    fetched: ({ vendor, key }, token, background, durationMs) => {
      logger.debug(background ? 'token refreshed' : 'token fetched', { vendor, key, durationMs })
      const event = { vendor, key, expiresAt: token.expiresAt, durationMs }
      emit(background ? 'refreshed' : 'fetched', event)
      hooks.settled?.()
    },
    failed: (entry, error, background) => {
      const { vendor, key } = entry
      const code = (error as { code?: string } | undefined)?.code
      // Error messages of this library are safe to log (no secret, no token). A user who is not
      // signed in is an expected state, not an outage: info, not warn. A caller that waited
      // receives the error and logs it (the adapters do, once per answer): debug here, so one
      // failure is one line; a background refresh has no caller, so its failure is warned here.
      const level = !background ? 'debug' : error instanceof NotSignedInError ? 'info' : 'warn'
      logger[level]('token request failed', {
        vendor,
        key,
        code,
        background,
        message: String(error),
      })
      emit('failed', { vendor, key, error: error as Error, background })
      hooks.afterFailure?.(entry, error)
      hooks.settled?.()
    },
  }
}
