import { errorAnswer, notFoundAnswer } from '@vendor-token/app-kit'
import type { Logger } from '@vendor-token/core'
import { reportFailure, requestIdOf } from '@vendor-token/core/adapter'
import type { Context, Middleware } from 'koa'

/**
 * Outermost middleware: the kit's safe answer (typed errors keep status and headers; else a 500),
 * and one line through `logger` (the manager's) per failure, at the level its status calls for
 * (core's `reportFailure`: error for a rejected secret, warn for a vendor that is down).
 */
export function errorHandler(logger: Logger, vendor: string): Middleware {
  return async (ctx: Context, next) => {
    try {
      await next()
    } catch (error) {
      const answer = errorAnswer(error)
      ctx.status = answer.status
      ctx.set(answer.headers)
      ctx.body = answer.body
      const requestId = requestIdOf(undefined, ctx.get('x-request-id'))
      reportFailure(logger, `${ctx.method} ${ctx.path} failed`, error, answer, {
        vendor,
        requestId,
      })
    }
  }
}
/** 404 for every route the app does not have. */
export function notFound(ctx: Context): void {
  const { status, body } = notFoundAnswer()
  ctx.status = status
  ctx.body = body
}
