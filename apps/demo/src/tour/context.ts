import type { TokenManager } from '@vendor-token/core'
import type { Emulator } from '@vendor-token/emulator'
import type { Printer } from '../printer.js'
import type { DemoServices } from '../services.js'

/** What every tour step gets. */
export interface TourContext {
  emulator: Emulator
  manager: TokenManager
  apps: DemoServices['apps']
  print: Printer
}

/** What a step measured, for its checks and for the summary table. */
export interface StepOutcome {
  /** Passed / failed checks, printed under the step. */
  checks: { label: string; ok: boolean }[]
  /** One line for the summary. */
  summary: string
}

/** One step of the tour. */
export interface TourStep {
  title: string
  /** What the step shows and why it matters, printed before it runs. */
  intro: string[]
  run(context: TourContext): Promise<StepOutcome>
}

/** A finished step. */
export interface StepResult {
  title: string
  ok: boolean
  summary: string
  durationMs: number
}
