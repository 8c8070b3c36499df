import type { Logger } from './types.js'

const ignore = (): void => {}

/** The default logger: says nothing. Pass pino, console or your own to hear the manager. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore }
