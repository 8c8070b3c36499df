import type { Emulator, VendorName } from '@vendor-token/emulator'
import type { Printer } from '../printer.js'
import type { StepResult } from './context.js'
import { countsOf } from './stats.js'

const VENDORS: readonly VendorName[] = ['bridgeft', 'modelPortfolios', 'apiture', 'wealthcom']

/** Prints the summary table: one line per step, emulator totals, and the tour's duration. */
export function printSummary(
  print: Printer,
  results: readonly StepResult[],
  emulator: Emulator,
  tourMs: number,
): void {
  print.heading('Summary')
  const width = Math.max(...results.map((result) => result.title.length))
  for (const [index, result] of results.entries()) {
    const mark = result.ok ? print.ok('✔') : print.bad('✘')
    print.fact(`${mark} ${index + 1}. ${result.title.padEnd(width)}  ${result.summary}`)
  }
  const totals = VENDORS.map((vendor) => ({ vendor, ...countsOf(emulator, vendor) }))
  const sum = (field: 'tokenRequests' | 'resourceRequests' | 'rejectedExpired') =>
    totals.reduce((total, row) => total + row[field], 0)
  print.line()
  print.fact(
    `The emulator saw ${sum('tokenRequests')} token requests and ${sum('resourceRequests')} API calls ` +
      `in total; ${sum('rejectedExpired')} API calls carried an expired token.`,
  )
  for (const row of totals) {
    print.fact(
      `  ${row.vendor.padEnd(16)} ${String(row.tokenRequests).padStart(4)} token requests ` +
        `${String(row.resourceRequests).padStart(5)} API calls`,
    )
  }
  const passed = results.filter((result) => result.ok).length
  print.line()
  print.fact(`${passed}/${results.length} steps passed in ${(tourMs / 1000).toFixed(1)} s.`)
}
