import type { Logger } from '../../src/index.js'

/** Polls `condition` on the real event loop (I/O progress, not time logic). */
export async function waitFor(condition: () => boolean, what = 'condition'): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

export interface LogLine {
  level: keyof Logger
  message: string
  fields: Record<string, unknown> | undefined
}

/** A logger that keeps every line, and lets a test wait for a message. */
export function recordingLogger(): Logger & {
  lines: LogLine[]
  next(message: string): Promise<LogLine>
} {
  const lines: LogLine[] = []
  const waiting: Array<{ message: string; resolve: (line: LogLine) => void }> = []
  const log = (level: keyof Logger) => (message: string, fields?: Record<string, unknown>) => {
    const line = { level, message, fields }
    lines.push(line)
    for (const waiter of [...waiting]) {
      if (waiter.message !== message) continue
      waiting.splice(waiting.indexOf(waiter), 1)
      waiter.resolve(line)
    }
  }
  return {
    lines,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    /** The next line with this message logged from now on. */
    next: (message) => new Promise((resolve) => waiting.push({ message, resolve })),
  }
}
