import type { TextSink } from './logger.js'

/** Writes the tour for a person: headings, facts, and passed/failed checks. */
export interface Printer {
  line(text?: string): void
  heading(text: string): void
  /** An explanation of what is about to happen (dim). */
  note(text: string): void
  /** Something that was measured. */
  fact(text: string): void
  check(label: string, ok: boolean): void
  ok(text: string): string
  bad(text: string): string
  bold(text: string): string
}

/** A printer on `sink`; ANSI colours only when `color` (a TTY without NO_COLOR). */
export function createPrinter(sink: TextSink, color: boolean): Printer {
  const paint = (code: string) => (text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text)
  const dim = paint('2')
  const green = paint('32')
  const red = paint('31')
  const bold = paint('1')
  const line = (text = '') => {
    sink.write(`${text}\n`)
  }
  return {
    line,
    heading: (text) => line(`\n${bold(text)}`),
    note: (text) => line(`   ${dim(text)}`),
    fact: (text) => line(`   ${text}`),
    check: (label, ok) => line(`   ${ok ? green('✔') : red('✘')} ${label}`),
    ok: green,
    bad: red,
    bold,
  }
}
