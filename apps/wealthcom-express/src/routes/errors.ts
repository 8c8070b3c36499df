import { errorAnswer, notFoundAnswer } from '@vendor-token/app-kit'
import type { ErrorRequestHandler, RequestHandler } from 'express'

/** 404 for every route the app does not have. */
export const notFound: RequestHandler = (_req, res) => {
  const { status, body } = notFoundAnswer()
  res.status(status).json(body)
}

/** Last error handler: the kit's safe answer (typed errors keep status and headers; else a 500). */
export const errorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error)
  const { status, headers, body } = errorAnswer(error)
  res.status(status).set(headers).json(body)
}
