import type { BenchRow } from './types.js'

/** What happened to one bench module in a run. */
export interface SuiteOutcome {
  /** Module name, e.g. `core` for `bench/src/core.ts`. */
  module: string
  status: 'ok' | 'skipped' | 'failed'
  /** Why it was skipped or how it failed. */
  note?: string
  durationMs: number
}

/** Everything `bench/results/latest.json` holds. */
export interface BenchReport {
  date: string
  quick: boolean
  machine: { node: string; platform: string; cpus: number; cpuModel: string }
  suites: SuiteOutcome[]
  rows: BenchRow[]
}

const columns = [
  'suite',
  'name',
  'value',
  'unit',
  'baseline',
  'ratio',
  'target',
  'pass',
  'note',
] as const

/** Three significant figures with thousands separators: 5 123 456 -> `5,120,000`, 0.01234 -> `0.0123`. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value))
    return value === undefined ? '' : String(value)
  if (value === 0) return '0'
  const rounded = Number(value.toPrecision(3))
  return Math.abs(rounded) >= 1000 ? Math.round(rounded).toLocaleString('en-US') : String(rounded)
}

function passCell(row: BenchRow): string {
  if (row.pass === undefined) return ''
  return row.pass ? 'yes' : 'NO'
}

/** One row as table cells, in the order of `columns`. */
function cells(row: BenchRow): string[] {
  const baseline = row.baseline ? `${formatNumber(row.baseline.value)} (${row.baseline.name})` : ''
  return [
    row.suite,
    row.name,
    formatNumber(row.value),
    row.unit,
    baseline,
    formatNumber(row.ratio),
    row.target ?? '',
    passCell(row),
    row.note ?? '',
  ]
}

/** A fixed-width text table for the terminal. */
export function textTable(rows: readonly BenchRow[]): string {
  const body = rows.map(cells)
  const header = [...columns]
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((r) => r[i]!.length)))
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n')
}

function escapeMarkdown(cell: string): string {
  return cell.replaceAll('|', '\\|')
}

/** The Markdown page written to `bench/results/latest.md`. */
export function markdownReport(report: BenchReport): string {
  const { machine } = report
  const out = [
    '# Benchmark results',
    '',
    `Run ${report.date}${report.quick ? ' (quick)' : ''} on Node ${machine.node}, ${machine.platform}, ` +
      `${machine.cpus} x ${machine.cpuModel}.`,
    'Each ratio compares a figure with a baseline measured in the same run; see bench/README.md.',
    '',
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...report.rows.map((row) => `| ${cells(row).map(escapeMarkdown).join(' | ')} |`),
    '',
    '## Suites',
    '',
    ...report.suites.map(
      (s) =>
        `- ${s.module}: ${s.status}, ${formatNumber(s.durationMs / 1000)} s${s.note ? ` (${s.note})` : ''}`,
    ),
    '',
  ]
  return out.join('\n')
}

/** A short verdict line: how many targets were met, missed, and which suites did not run. */
export function summaryLine(report: BenchReport): string {
  const withTarget = report.rows.filter((r) => r.pass !== undefined)
  const missed = withTarget.filter((r) => r.pass === false)
  const notRun = report.suites.filter((s) => s.status !== 'ok')
  const parts = [`${withTarget.length - missed.length}/${withTarget.length} targets met`]
  if (missed.length) parts.push(`missed: ${missed.map((r) => `${r.suite}/${r.name}`).join(', ')}`)
  if (notRun.length)
    parts.push(`not run: ${notRun.map((s) => `${s.module} (${s.status})`).join(', ')}`)
  return parts.join('; ')
}
