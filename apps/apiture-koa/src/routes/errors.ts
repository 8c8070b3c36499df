import { errorAnswer, notFoundAnswer } from '@vendor-token/app-kit'
import type { Context, Next } from 'koa'

/** Outermost middleware: the kit's safe answer (typed errors keep status and headers; else a 500). */
export async function errorHandler(ctx: Context, next: Next): Promise<void> {
  try {
    await next()
  } catch (error) {
    const { status, headers, body } = errorAnswer(error)
    ctx.status = status
    ctx.set(headers)
    ctx.body = body
  }
}

/** 404 for every route the app does not have. */
export function notFound(ctx: Context): void {
  const { status, body } = notFoundAnswer()
  ctx.status = status
  ctx.body = body
}
