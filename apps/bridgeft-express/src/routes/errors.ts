import { toHttpAnswer } from '@vendor-token/core'
import type { NextFunction, Request, Response } from 'express'

/** 404 for every route the app does not have. */
export function notFound(_req: Request, res: Response): void {
  res.status(404).json({ error: 'not_found', message: 'No such route' })
}

/**
 * Last error handler: typed vendor-token errors become their safe HTTP answer (503 with
 * Retry-After, 502, 400); anything else a 500 without details. Never echoes a token or secret.
 */
export function errorHandler(
  error: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (res.headersSent) {
    next(error)
    return
  }
  const answer = toHttpAnswer(error)
  res.status(answer.status).set(answer.headers).json(answer.body)
}
