import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clientCredentials, ManagerClosedError, ManualClock, TokenManager } from '../src/index.js'
import { recordingLogger } from './support/helpers.js'
import { startTokenServer, type TokenServer } from './support/token-server.js'

const fixture = fileURLToPath(new URL('./fixtures/close-exits.mjs', import.meta.url))
const built = fileURLToPath(new URL('../dist/index.js', import.meta.url))

describe('close()', () => {
  let server: TokenServer

  beforeEach(async () => {
    server = await startTokenServer()
  })
  afterEach(async () => {
    await server.close()
  })

  it('clears every timer: a process using the manager exits by itself', async () => {
    expect(existsSync(built), 'build @vendor-token/core first (npm run build)').toBe(true)
    server.setDefault((request) =>
      request.path.endsWith('?hang')
        ? { hang: true }
        : request.path.endsWith('?down')
          ? { status: 503 }
          : {},
    )
    const child = spawn(process.execPath, [fixture], {
      env: { ...process.env, TOKEN_URL: server.tokenUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    // Without close() clearing its timers the child would live for another minute.
    const killer = setTimeout(() => child.kill('SIGKILL'), 25_000)
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on('exit', (c, s) => resolve([c, s])),
    )
    clearTimeout(killer)
    expect(signal, output).toBeNull()
    expect(code, output).toBe(0)
    expect(output).toContain('token Bearer')
    expect(output).toContain('hanging closed')
    expect(output).toContain('retrying closed')
  }, 30_000)

  it('aborts work in flight, leaves no timer on the clock and refuses new calls', async () => {
    const clock = new ManualClock()
    const manager = new TokenManager({ clock, retry: { retries: 3 } })
    manager.register(
      'acme',
      clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'id', clientSecret: 'secret' }),
    )
    server.script({ hang: true })
    const pending = manager.getToken('acme')
    await server.waitForRequests(1)
    expect(clock.pendingTimers).toBe(1) // the request timeout
    await manager.close()
    await expect(pending).rejects.toBeInstanceOf(ManagerClosedError)
    expect(clock.pendingTimers).toBe(0)
    await expect(manager.getToken('acme')).rejects.toBeInstanceOf(ManagerClosedError)
    await manager.close() // twice is fine
  })

  it('ends a retry sleep', async () => {
    const clock = new ManualClock()
    const logger = recordingLogger()
    const retry = { retries: 3, minDelayMs: 60_000, maxDelayMs: 60_000 }
    const manager = new TokenManager({ clock, logger, retry, random: () => 0.9 })
    manager.register(
      'acme',
      clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'id', clientSecret: 'secret' }),
    )
    server.setDefault({ status: 503 })
    const sleeping = logger.next('token request failed; retrying')
    const pending = manager.getToken('acme')
    expect((await sleeping).fields).toMatchObject({ delayMs: 54_000 })
    expect(clock.pendingTimers).toBe(1)
    await manager.close()
    await expect(pending).rejects.toBeInstanceOf(ManagerClosedError)
    expect(clock.pendingTimers).toBe(0)
    expect(server.requests).toHaveLength(1)
  })

  it('refuses a cache hit after close', async () => {
    const manager = new TokenManager({ clock: new ManualClock() })
    manager.register(
      'acme',
      clientCredentials({ tokenUrl: server.tokenUrl, clientId: 'id', clientSecret: 'secret' }),
    )
    await manager.getToken('acme')
    await manager.close()
    await expect(manager.getToken('acme')).rejects.toMatchObject({ code: 'closed' })
  })
})
