import { parseArgs } from 'node:util'
import { LOG_LEVELS, type LogLevel } from './logger.js'

/** What `npm run demo -- <options>` asked for. */
export interface CliOptions {
  /** Run the tour and exit (0 when every step passed) instead of serving the status page. */
  once: boolean
  /** Status page port; 0 = any free port. */
  port: number
  logLevel: LogLevel
  help: boolean
}

/** Default status page port; when taken, the demo falls back to any free port. */
export const DEFAULT_PORT = 4100

export const USAGE = `Usage: npm run demo -- [--once] [--port <n>] [--log-level <level>]

  --once               run the tour, print the summary and exit (0 when every step passed)
  --port <n>           status page port (default ${DEFAULT_PORT}; 0 = any free port)
  --log-level <level>  ${LOG_LEVELS.join(' | ')} (default error); logs go to stderr
  --help               this text`

/** Parses the demo's arguments. @throws Error with a usage hint on a bad option. */
export function parseCli(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      once: { type: 'boolean', default: false },
      port: { type: 'string' },
      'log-level': { type: 'string', default: 'error' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number, got ${values.port}`)
  }
  const logLevel = values['log-level'] as LogLevel
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`)
  }
  return { once: values.once, port, logLevel, help: values.help }
}
