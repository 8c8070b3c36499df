import type { Logger } from '@vendor-token/core'

/** A logger that keeps every line as text, to search it for secrets. */
export interface CapturingLogger extends Logger {
  /** Every line, `<level> <message> <fields JSON>`, debug included. */
  readonly lines: string[]
  /** The lines at `info` and above: what an operator reads (debug is the library's trace). */
  heard(): string[]
  text(): string
}

/** Makes a {@link CapturingLogger}. */
export function capturingLogger(): CapturingLogger {
  const lines: string[] = []
  const log =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`)
    }
  return {
    lines,
    heard: () => lines.filter((line) => !line.startsWith('debug ')),
    text: () => lines.join('\n'),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  }
}
