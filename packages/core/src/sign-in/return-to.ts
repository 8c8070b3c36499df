import { InvalidParamsError } from '../errors.js'

const MAX_LENGTH = 2048
/** Visible ASCII only: a tab or newline is dropped by URL parsers (`/\t/evil` -> `//evil`). */
const VISIBLE_ASCII = /^[\x21-\x7e]*$/
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\x00-\x1f\x7f]/
const BASE = 'http://return-to.invalid'

/**
 * Checks where a user may be sent after signing in: only a path on this site (`/clients?x=1`).
 * Refuses anything a browser could take to another origin: `https://evil`, `//evil`, `/\evil`,
 * a backslash or control character anywhere, and the same hidden behind percent-encoding
 * (`/%2F%2Fevil`, `/%5Cevil`), so the sign-in cannot be used as an open redirect.
 *
 * @returns the path unchanged, or undefined when none was given
 * @throws InvalidParamsError (400) for anything else
 * @example
 * checkReturnTo('/clients?page=2') // '/clients?page=2'
 * checkReturnTo('//evil.example')  // throws
 */
export function checkReturnTo(value: unknown, vendor?: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const fail = () =>
    new InvalidParamsError('returnTo must be a path on this site, like /clients', { vendor })
  if (typeof value !== 'string' || value.length > MAX_LENGTH) throw fail()
  if (!VISIBLE_ASCII.test(value) || !isLocalPath(value)) throw fail()
  let text = value
  // Decoding up to three times catches double-encoded tricks; the first undecodable form stops.
  for (let round = 0; round < 3; round++) {
    let decoded: string
    try {
      decoded = decodeURIComponent(text)
    } catch {
      break
    }
    if (decoded === text) break
    if (!isLocalPath(decoded) || CONTROL.test(decoded)) throw fail()
    text = decoded
  }
  if (new URL(value, BASE).origin !== BASE) throw fail()
  return value
}

function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.includes('\\')
}
