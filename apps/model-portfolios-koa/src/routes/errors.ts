import { toHttpAnswer } from '@vendor-token/core'
import type { Context, Next } from 'koa'

/**
 * Outermost middleware: typed vendor-token errors become their safe HTTP answer (503 with
 * Retry-After, 502, 400); anything else a 500 without details. Never echoes a token or secret.
 */
export async function errorHandler(ctx: Context, next: Next): Promise<void> {
  try {
    await next()
  } catch (error) {
    const answer = toHttpAnswer(error)
    ctx.status = answer.status
    ctx.set(answer.headers)
    ctx.body = answer.body
  }
}

/** 404 for every route the app does not have. */
export function notFound(ctx: Context): void {
  ctx.status = 404
  ctx.body = { error: 'not_found', message: 'No such route' }
}
