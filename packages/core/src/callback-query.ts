/** A callback's query: URLSearchParams, a raw query string, or a framework's parsed object. */
export type CallbackQuery = URLSearchParams | string | Readonly<Record<string, unknown>>

/** The callback parameters the sign-in reads; each one only when given exactly once. */
export interface CallbackParams {
  state: string | undefined
  code: string | undefined
  /** RFC 6749 4.1.2.1 `error`, reduced to characters safe to show. */
  error: string | undefined
  /** RFC 9207 `iss`. */
  iss: string | undefined
}

// RFC 6749 4.1.2.1: error = 1*( %x20-21 / %x23-5B / %x5D-7E )
const ERROR_CODE = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/

/**
 * Reads `state`, `code`, `error` and `iss` from a callback query. A parameter given twice (or
 * as anything but a non-empty string) counts as missing: the sign-in never guesses which one
 * was meant.
 */
export function readCallbackQuery(query: CallbackQuery): CallbackParams {
  const read = reader(query)
  const error = read('error')
  return {
    state: read('state'),
    code: read('code'),
    error: error === undefined ? undefined : ERROR_CODE.test(error) ? error : 'invalid_error',
    iss: read('iss'),
  }
}

function reader(query: CallbackQuery): (name: string) => string | undefined {
  if (typeof query === 'string' || query instanceof URLSearchParams) {
    const params = typeof query === 'string' ? new URLSearchParams(query) : query
    return (name) => {
      const values = params.getAll(name)
      return values.length === 1 && values[0] !== '' ? values[0] : undefined
    }
  }
  return (name) => {
    const value = Object.hasOwn(query ?? {}, name) ? query[name] : undefined
    return typeof value === 'string' && value !== '' ? value : undefined
  }
}
