import { type HttpAnswer, toHttpAnswer } from '@vendor-token/core'
import type { Response } from 'express'

/** Answers a failed request with the error's own status and headers and a safe JSON body. */
export function answerError(res: Response, error: unknown): HttpAnswer {
  const answer = toHttpAnswer(error)
  if (!res.headersSent) res.status(answer.status).set(answer.headers).json(answer.body)
  return answer
}
