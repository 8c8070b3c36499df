// The vendor goes away mid-run and comes back on the same port (with new signing keys, so the
// cached token is now refused): service resumes without a restart of ours.
import { TokenEndpointUnavailableError, TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { bridgeft } from '@vendor-token/vendors'
import { afterEach, describe, expect, it } from 'vitest'
import { COOLDOWN_MS, managerOptions, rejection, sleep, warmUp } from './harness.js'

const emulators: Emulator[] = []
const managers: TokenManager[] = []
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.close()))
  await Promise.all(emulators.splice(0).map((e) => e.close().catch(() => {})))
})

async function setUp() {
  const emulator = await startEmulator({ port: 0 })
  emulators.push(emulator)
  const manager = new TokenManager(managerOptions)
  managers.push(manager)
  const v = emulator.vendors.bridgeft
  manager.register(
    'bridgeft',
    bridgeft({ clientId: v.clientId, clientSecret: v.clientSecret, baseUrl: v.baseUrl }),
  )
  return {
    emulator,
    manager,
    port: Number(new URL(emulator.url).port),
    accounts: `${v.baseUrl}/v2/accounts`,
  }
}

/** Resolves once `condition` holds (checked every 20 ms); fails after 30 s. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached within 30 s')
    await sleep(20)
  }
}

async function restart(port: number): Promise<Emulator> {
  const emulator = await startEmulator({ port })
  emulators.push(emulator)
  await warmUp(emulator)
  return emulator
}

describe('emulator restarted mid-run', () => {
  it('calls made in a loop fail while it is down and succeed again after it returns', async () => {
    const { emulator, manager, port, accounts } = await setUp()
    const calls: { started: number; ended: number; ok: boolean }[] = []
    let running = true
    const loop = (async () => {
      while (running) {
        const started = Date.now()
        const ok = await manager.fetch('bridgeft', accounts).then(
          async (answer) => {
            await answer.body?.cancel()
            return answer.status === 200
          },
          () => false,
        )
        calls.push({ started, ended: Date.now(), ok })
        await sleep(20)
      }
    })()

    // Event-driven phases (no fixed timings: the machine may be loaded).
    await until(() => calls.filter((c) => c.ok).length >= 5)
    // A call in flight while close() ends the connections fails: "before" means ended before this.
    const closingAt = Date.now()
    await emulator.close()
    const closedAt = Date.now()
    await until(() => calls.filter((c) => c.started > closedAt && !c.ok).length >= 3)
    const restartAt = Date.now()
    const second = await restart(port)
    const upAt = Date.now()
    await until(() => calls.filter((c) => c.started > upAt && c.ok).length >= 5)
    running = false
    await loop

    const before = calls.filter((c) => c.ended < closingAt)
    const during = calls.filter((c) => c.started > closedAt && c.ended <= restartAt)
    const after = calls.filter((c) => c.started > upAt)
    expect(before.every((c) => c.ok)).toBe(true)
    expect(during.length).toBeGreaterThanOrEqual(3)
    expect(during.every((c) => !c.ok)).toBe(true)
    // Once the vendor listened again, every call succeeded (the stale token was replaced inside).
    expect(after.every((c) => c.ok)).toBe(true)
    // The new emulator refused the old token once; the manager fetched exactly one new token.
    expect(second.stats('bridgeft').tokenRequests).toBe(1)
  })

  it('a token that must be fetched while the vendor is down gives a typed error, then resumes', async () => {
    const { emulator, manager, port, accounts } = await setUp()
    expect((await manager.fetch('bridgeft', accounts)).status).toBe(200)
    await emulator.close()
    await manager.invalidate('bridgeft')
    const started = Date.now()
    const error = await rejection(manager.getToken('bridgeft'))
    expect(error).toBeInstanceOf(TokenEndpointUnavailableError)
    expect(Date.now() - started).toBeLessThan(5_000)

    const second = await restart(port)
    await sleep(COOLDOWN_MS + 50)
    const token = await manager.getToken('bridgeft')
    const answer = await fetch(accounts, { headers: { authorization: token.authorization } })
    expect(answer.status).toBe(200)
    expect(second.stats('bridgeft').tokenRequests).toBe(1)
  })
})
