import type { StepResult, TourContext, TourStep } from './context.js'
import { firmScopeStep } from './step-firm-scope.js'
import { outageStep } from './step-outage.js'
import { refreshAheadStep } from './step-refresh-ahead.js'
import { reuseStep } from './step-reuse.js'
import { stampedeStep } from './step-stampede.js'

/** The tour, in order. */
export const TOUR: readonly TourStep[] = [
  reuseStep,
  stampedeStep,
  refreshAheadStep,
  outageStep,
  firmScopeStep,
]

/**
 * Runs every step, printing what it does and what it measured; a step that throws counts as
 * failed and the tour goes on.
 */
export async function runTour(
  context: TourContext,
  steps: readonly TourStep[] = TOUR,
): Promise<StepResult[]> {
  const { print } = context
  const results: StepResult[] = []
  for (const [index, step] of steps.entries()) {
    print.heading(`${index + 1}. ${step.title}`)
    for (const line of step.intro) print.note(line)
    const started = performance.now()
    try {
      const outcome = await step.run(context)
      for (const check of outcome.checks) print.check(check.label, check.ok)
      results.push({
        title: step.title,
        ok: outcome.checks.every((check) => check.ok),
        summary: outcome.summary,
        durationMs: performance.now() - started,
      })
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      print.check(`step failed: ${message}`, false)
      results.push({
        title: step.title,
        ok: false,
        summary: message,
        durationMs: performance.now() - started,
      })
    }
  }
  return results
}
