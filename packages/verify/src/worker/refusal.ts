import type { VerifyErrorCode } from '../errors.js'

/** Thrown inside a worker for a refused token; sent back as `code:detail` (never the token). */
export class Refusal extends Error {
  constructor(
    readonly code: VerifyErrorCode,
    detail = '',
  ) {
    super(detail)
  }

  /** The wire form of a failure in a `BatchResult`. */
  encode(): string {
    return this.message === '' ? this.code : `${this.code}:${this.message.replace(/\s+/g, ' ')}`
  }
}
