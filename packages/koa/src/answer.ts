import { type HttpAnswer, toHttpAnswer } from '@vendor-token/core'
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
