import { escapeHtml } from '@vendor-token/app-kit'
import type { TokenRow } from '../token-rows.js'
import { formatClock, formatDuration, formatExpiresIn } from './format.js'

/** Everything the status page shows. */
export interface StatusPageInput {
  now: number
  /** Registered vendor names; a vendor with no key yet still gets a row. */
  vendors: readonly string[]
  /** `tokenRows(manager)`: built from `manager.status()`, which /metrics reads too. */
  rows: readonly TokenRow[]
  apps: readonly { name: string; url: string }[]
  refreshSeconds: number
}

/**
 * The status page: one row per vendor and cache key with the key's hash (the
 * `vendor_token_key_hash` label of /metrics), state, expires-in, fetch count and the last error
 * code. Built from `tokenRows()`
 * (`manager.status()`, which holds no token value). Reloads itself.
 */
export function renderStatusPage(input: StatusPageInput): string {
  const body = input.vendors.flatMap((vendor) => {
    const rows = input.rows.filter((row) => row.vendor === vendor)
    return rows.length > 0 ? rows.map((row) => tokenRow(row, input.now)) : [emptyRow(vendor)]
  })
  const apps = input.apps
    .map(
      (app) =>
        `<li>${escapeHtml(app.name)}: <a href="${escapeHtml(app.url)}">${escapeHtml(app.url)}</a></li>`,
    )
    .join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="${input.refreshSeconds}">
<title>vendor-token demo: token status</title>
<style>${STYLE}</style>
</head>
<body>
<h1>vendor-token demo: token status</h1>
<p id="generated" data-generated-at="${input.now}">Updated ${escapeHtml(formatClock(input.now))}; reloads every ${input.refreshSeconds} s. <a href="/metrics">/metrics</a> · <a href="/status.json">/status.json</a></p>
<table>
<thead><tr><th>Vendor</th><th>Key</th><th>Key hash</th><th>State</th><th>Expires in</th><th>Fetches</th><th>Last error</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
<h2>Sample apps</h2>
<ul>${apps}</ul>
</body>
</html>
`
}

function tokenRow(row: TokenRow, now: number): string {
  const error =
    row.lastErrorCode === undefined
      ? '–'
      : `${escapeHtml(row.lastErrorCode)}${row.lastErrorAt === undefined ? '' : ` (${formatDuration((now - row.lastErrorAt) / 1000)} ago)`}`
  return `<tr data-vendor="${escapeHtml(row.vendor)}" data-state="${row.state}">
<td>${escapeHtml(row.vendor)}</td><td><code>${escapeHtml(row.key)}</code></td><td><code>${row.keyHash}</code></td>
<td><span class="state ${row.state}">${row.state}</span></td>
<td>${escapeHtml(formatExpiresIn(row.expiresInSeconds))}</td><td>${row.fetches}</td><td>${error}</td></tr>`
}

function emptyRow(vendor: string): string {
  return `<tr data-vendor="${escapeHtml(vendor)}" data-state="empty">
<td>${escapeHtml(vendor)}</td><td>–</td><td>–</td><td><span class="state empty">empty</span></td><td>–</td><td>0</td><td>–</td></tr>`
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; min-width: 48rem; }
th, td { text-align: left; padding: .35rem .8rem; border-bottom: 1px solid #ddd; }
code { font-size: 13px; }
.state { padding: .1rem .5rem; border-radius: .6rem; font-size: 13px; background: #eee; }
.valid { background: #d6f5d6; } .refreshing, .fetching { background: #dbe9ff; }
.expired { background: #fff1c2; } .failed { background: #ffd6d6; }
#generated { color: #666; }`
