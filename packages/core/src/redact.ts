/** Values shorter than this are hidden completely: four characters of them would say too much. */
const SHORTEST_SHOWN = 12

/**
 * Shortens a secret for logs: its first 4 characters and `…`, never the rest.
 *
 * @param value an access token, a secret, anything that must not be logged whole
 * @example
 * redact('eyJhbGciOiJSUzI1NiJ9.e30.sig') // 'eyJh…'
 */
export function redact(value: string): string {
  if (typeof value !== 'string' || value.length < SHORTEST_SHOWN) return '…'
  return `${value.slice(0, 4)}…`
}
