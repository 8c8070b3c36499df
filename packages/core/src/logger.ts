import type { Logger } from './types.js'

const ignore = (): void => {}

/** Says nothing. Pass it as `logger` to opt out of the default stderr lines. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore }

/**
 * The default logger: warn and error lines go to stderr, one line each, as
 * `<ISO time> <LEVEL> [vendor-token] <message> <fields as JSON>`; debug and info say nothing.
 * Pass pino, console or your own to hear more, or `silentLogger` to hear nothing.
 *
 * @example
 * ```text
 * 2026-12-07T00:41:46.000Z WARN [vendor-token] vendor token for bridgeft unavailable {"code":"endpoint_unavailable","vendor":"bridgeft","status":503}
 * ```
 */
export const stderrLogger: Logger = {
  debug: ignore,
  info: ignore,
  warn: (message, fields) => process.stderr.write(formatLogLine('WARN', message, fields)),
  error: (message, fields) => process.stderr.write(formatLogLine('ERROR', message, fields)),
}

/**
 * One log line of {@link stderrLogger}, ending in a newline. Control characters in the message
 * are escaped (a header value cannot start a forged line); fields are JSON, errors as text.
 */
export function formatLogLine(
  level: string,
  message: string,
  fields?: Record<string, unknown>,
): string {
  const text = JSON.stringify(String(message)).slice(1, -1)
  const rest = fields === undefined || Object.keys(fields).length === 0 ? '' : ` ${json(fields)}`
  return `${new Date().toISOString()} ${level} [vendor-token] ${text}${rest}\n`
}

function json(fields: Record<string, unknown>): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) =>
      value instanceof Error ? String(value) : typeof value === 'bigint' ? value.toString() : value,
    )
  } catch {
    return '{"fields":"unserializable"}'
  }
}
