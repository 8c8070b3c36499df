import { type HttpAnswer, requestIdOf, toHttpAnswer } from '@vendor-token/core/adapter'
import type { Context } from 'koa'

/** Answers a failed request with the error's own status and headers and a safe JSON body. */
export function answerError(
  ctx: Pick<Context, 'set'> & { status: number; body: unknown },
  error: unknown,
): HttpAnswer {
  const answer = toHttpAnswer(error)
  ctx.status = answer.status
  ctx.set(answer.headers)
  ctx.body = answer.body
  return answer
}

/** The request's id for failure lines: `ctx.id`, `ctx.request.id` or `ctx.req.id`, else `x-request-id`. */
export function koaRequestId(ctx: Pick<Context, 'get' | 'request' | 'req'>): string | undefined {
  const id =
    (ctx as { id?: unknown }).id ??
    (ctx.request as { id?: unknown }).id ??
    (ctx.req as { id?: unknown }).id
  return requestIdOf(id, ctx.get('x-request-id'))
}
