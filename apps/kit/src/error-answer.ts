import { type HttpAnswer, toHttpAnswer } from '@vendor-token/core/adapter'

/**
 * The safe HTTP answer to an error that reached a route: typed vendor-token errors keep their
 * status and headers (503 with Retry-After, 502, 400); anything else is a 500 without details.
 * Never echoes a token or secret. Framework-free: the app copies it onto its response.
 * @example
 * const { status, headers, body } = errorAnswer(error)
 * res.status(status).set(headers).json(body) // express
 */
export function errorAnswer(error: unknown): HttpAnswer {
  return toHttpAnswer(error)
}

/** The answer for a route the app does not have: 404 `not_found`. */
export function notFoundAnswer(): HttpAnswer {
  return { status: 404, headers: {}, body: { error: 'not_found', message: 'No such route' } }
}
