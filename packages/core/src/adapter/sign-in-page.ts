import { AuthorizationCallbackError } from '../errors.js'
import type { HttpAnswer } from './http-answer.js'

/** A ready HTTP answer of the sign-in routes: status, headers (content type included), body. */
export interface SignInAnswer {
  status: number
  /** Lower-case names, e.g. `location`, `content-type`, `cache-control`. */
  headers: Record<string, string>
  /** Undefined for redirects. */
  body?: string
}

/** Sign-in answers carry state and codes in their URLs: never cached, never sent as Referer. */
export const SIGN_IN_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
}

/**
 * A failed login or callback as a small page (for browsers, `Accept: text/html`) or as JSON
 * `{ error, message, reason? }`. Both say what went wrong in words meant for the user and never
 * hold a code, a state or a token.
 *
 * @param answer - `toHttpAnswer(error)`.
 * @param error - the error, for the callback `reason`.
 * @param accept - the request's `Accept` header.
 * @param loginPath - linked from the page ("Sign in again").
 */
export function signInErrorAnswer(
  answer: HttpAnswer,
  error: unknown,
  accept: string | undefined,
  loginPath: string,
): SignInAnswer {
  const reason = error instanceof AuthorizationCallbackError ? error.reason : undefined
  const headers = { ...answer.headers, ...SIGN_IN_HEADERS }
  if (accept?.includes('text/html')) {
    const body = [
      '<!doctype html>',
      '<html lang="en"><head><meta charset="utf-8"><title>Sign-in failed</title></head><body>',
      '<h1>Sign-in failed</h1>',
      `<p id="sign-in-error">${escapeHtml(answer.body.message)}</p>`,
      `<p><a href="${escapeHtml(loginPath)}">Sign in again</a></p>`,
      '</body></html>',
    ].join('\n')
    return {
      status: answer.status,
      headers: { ...headers, 'content-type': 'text/html; charset=utf-8' },
      body,
    }
  }
  const json = reason === undefined ? answer.body : { ...answer.body, reason }
  return {
    status: answer.status,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(json),
  }
}
