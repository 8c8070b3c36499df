import type { TokenManager } from '@vendor-token/core'
import type { Emulator, VendorName } from '@vendor-token/emulator'
import type { Printer } from '../printer.js'
import { formatDuration } from '../status/format.js'
import { fetchesByVendor, tokenRows } from '../token-rows.js'
import type { StepResult } from './context.js'
import { countsOf } from './stats.js'

const VENDORS: readonly VendorName[] = ['bridgeft', 'modelPortfolios', 'apiture', 'wealthcom']

/**
 * Prints the summary table: one line per step; per vendor the manager's fetches (from
 * `tokenRows`, the numbers the status page shows; /metrics counts the same fetches in
 * `vendor_token_fetch_duration_count`) next to what reached the emulator; and the tour's duration.
 */
export function printSummary(
  print: Printer,
  results: readonly StepResult[],
  emulator: Emulator,
  manager: Pick<TokenManager, 'status'>,
  tourMs: number,
): void {
  print.heading('Summary')
  const width = Math.max(...results.map((result) => result.title.length))
  for (const [index, result] of results.entries()) {
    const mark = result.ok ? print.ok('✔') : print.bad('✘')
    print.fact(`${mark} ${index + 1}. ${result.title.padEnd(width)}  ${result.summary}`)
  }
  const fetches = fetchesByVendor(tokenRows(manager))
  const totals = VENDORS.map((vendor) => ({
    vendor,
    fetches: fetches.get(vendor) ?? 0,
    ...countsOf(emulator, vendor),
  }))
  const sum = (field: 'tokenRequests' | 'resourceRequests' | 'rejectedExpired') =>
    totals.reduce((total, row) => total + row[field], 0)
  print.line()
  print.fact(
    `The emulator saw ${sum('tokenRequests')} token requests and ${sum('resourceRequests')} API calls ` +
      `in total; ${sum('rejectedExpired')} API calls carried an expired token.`,
  )
  print.fact('  vendor            fetches  token requests at the vendor  API calls')
  for (const row of totals) {
    // Wealth.com Basic credentials are built locally: a fetch that sends no token request.
    const note = row.vendor === 'wealthcom' ? '  (Basic credentials: no token endpoint)' : ''
    print.fact(
      `  ${row.vendor.padEnd(16)} ${String(row.fetches).padStart(8)} ${String(row.tokenRequests).padStart(29)} ` +
        `${String(row.resourceRequests).padStart(10)}${note}`,
    )
  }
  print.fact(
    '  (fetches: token requests the manager started, as on the status page; the vendor also sees each retry)',
  )
  const passed = results.filter((result) => result.ok).length
  print.line()
  print.fact(`${passed}/${results.length} steps passed in ${formatDuration(tourMs / 1000)}.`)
}
