import { type HttpAnswer, requestIdOf, toHttpAnswer } from '@vendor-token/core/adapter'
import type { Request, Response } from 'express'

/** Answers a failed request with the error's own status and headers and a safe JSON body. */
export function answerError(res: Response, error: unknown): HttpAnswer {
  const answer = toHttpAnswer(error)
  if (!res.headersSent) res.status(answer.status).set(answer.headers).json(answer.body)
  return answer
}

/** The request's id for failure lines: `req.id` (e.g. pino-http's), else `x-request-id`. */
export function expressRequestId(req: Request): string | undefined {
  return requestIdOf((req as { id?: unknown }).id, req.get('x-request-id'))
}
