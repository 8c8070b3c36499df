import type { Logger } from '@vendor-token/core'

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Something text can be written to (process.stderr, a test's collector). */
export interface TextSink {
  write(text: string): unknown
}

/**
 * A one-line-per-entry logger for the manager and the emulator: `time LEVEL message {fields}`.
 * Fields are printed as given: the library promises never to pass a secret, and the secrets
 * test checks that promise on this very output, so nothing is masked here.
 */
export function createLogger(level: LogLevel, sink: TextSink): Logger {
  const threshold = LOG_LEVELS.indexOf(level)
  const at =
    (entryLevel: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (LOG_LEVELS.indexOf(entryLevel) < threshold) return
      const time = new Date().toISOString().slice(11, 23)
      const extra = fields && Object.keys(fields).length > 0 ? ` ${stringify(fields)}` : ''
      sink.write(`${time} ${entryLevel.toUpperCase().padEnd(5)} ${message}${extra}\n`)
    }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

function stringify(fields: Record<string, unknown>): string {
  return JSON.stringify(fields, (_key, value: unknown) => {
    // Plain errors have no enumerable fields; vendor-token errors bring their own safe toJSON.
    if (value instanceof Error && !('toJSON' in value)) {
      return { name: value.name, message: value.message }
    }
    return value
  })
}
