import { publishVerifyBatch, type VerifyBatchMessage, verifyChannel } from '../diagnostics.js'
import type { BatchOutcome } from '../protocol.js'

type Outcomes = Partial<Record<string, number>>

/**
 * Times one batch for `vendor-token:verify`. Returns undefined when nobody subscribes, so an
 * unobserved batch costs one `hasSubscribers` check and builds nothing.
 */
export function startBatchTiming(): number | undefined {
  return verifyChannel.hasSubscribers ? performance.now() : undefined
}

/** A batch came back: counts `ok` (a payload) and each refusal code (`code` or `code:detail`). */
export function publishBatchOutcomes(
  startedMs: number | undefined,
  outcomes: readonly BatchOutcome[],
): void {
  if (startedMs === undefined) return
  const counts: Outcomes = {}
  for (const outcome of outcomes) {
    const code = typeof outcome === 'string' ? codeOf(outcome) : 'ok'
    counts[code] = (counts[code] ?? 0) + 1
  }
  publish(startedMs, outcomes.length, counts)
}

/** A batch failed as a whole (a worker died): every token of it is refused with `code`. */
export function publishBatchFailure(
  startedMs: number | undefined,
  size: number,
  code: string,
): void {
  if (startedMs === undefined) return
  publish(startedMs, size, { [code]: size })
}

function codeOf(encoded: string): string {
  const colon = encoded.indexOf(':')
  return colon < 0 ? encoded : encoded.slice(0, colon)
}

function publish(startedMs: number, size: number, outcomes: Outcomes): void {
  publishVerifyBatch({
    size,
    durationMs: performance.now() - startedMs,
    outcomes: outcomes as VerifyBatchMessage['outcomes'],
  })
}
