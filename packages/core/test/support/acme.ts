import {
  clientCredentials,
  ManualClock,
  silentLogger,
  TokenManager,
  type TokenManagerOptions,
} from '../../src/index.js'
import { startTokenServer, type TokenServer } from './token-server.js'

/** A token server on loopback and a manager, on a ManualClock, with `acme` registered against it. */
export interface Acme {
  server: TokenServer
  clock: ManualClock
  manager: TokenManager
  /** Closes the manager, then the server. */
  close(): Promise<void>
}

/**
 * Starts the fixture most lifecycle tests share; `options` go to the manager. Silent unless a
 * `logger` is given: the default logger would print the failures these tests provoke.
 */
export async function startAcme(options: Omit<TokenManagerOptions, 'clock'> = {}): Promise<Acme> {
  const server = await startTokenServer()
  const clock = new ManualClock()
  const manager = new TokenManager({ clock, logger: silentLogger, ...options })
  manager.register(
    'acme',
    clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'id', clientSecret: 'secret' }),
  )
  return {
    server,
    clock,
    manager,
    close: async () => {
      await manager.close()
      await server.close()
    },
  }
}
