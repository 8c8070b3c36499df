/** The soak app's process, seen from the parent: starting it, its messages, its memory. */
import { type ChildProcess, fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { SoakAppConfig, SoakAppMessage } from './soak-app.js'

/** The built app: soak-app.js next to this file in dist (tests run this file from src). */
function appFile(): string {
  const here = fileURLToPath(import.meta.url)
  const file = here.endsWith('.ts')
    ? fileURLToPath(new URL('../dist/soak-app.js', import.meta.url))
    : fileURLToPath(new URL('./soak-app.js', import.meta.url))
  if (!existsSync(file))
    throw new Error(`${file} is missing: run npm run build -w @vendor-token/e2e`)
  return file
}

/** Waits for the next message of `type` from the app. */
export function next<T extends SoakAppMessage['type']>(
  app: ChildProcess,
  type: T,
): Promise<Extract<SoakAppMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: SoakAppMessage) => {
      if (message.type !== type) return
      app.off('message', onMessage).off('exit', onExit)
      resolve(message as Extract<SoakAppMessage, { type: T }>)
    }
    const onExit = (code: number | null) =>
      reject(new Error(`soak app exited (${code}) before '${type}'`))
    app.on('message', onMessage).once('exit', onExit)
  })
}

/** The app's memory right now, after a GC. */
export async function memory(app: ChildProcess): Promise<{ rss: number; heapUsed: number }> {
  const answer = next(app, 'memory')
  app.send({ type: 'memory' })
  return await answer
}

/**
 * Memory once the app has been idle for a second (sockets closed, timers run): the lowest of
 * three samples, each after a GC, 300 ms apart (freed memory goes back to the system lazily).
 */
export async function settledMemory(app: ChildProcess): Promise<{ rss: number; heapUsed: number }> {
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  const samples = []
  for (let i = 0; i < 3; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 300))
    samples.push(await memory(app))
  }
  return samples.reduce((low, sample) => (sample.rss < low.rss ? sample : low))
}

/** Forks the built app with --expose-gc (so memory samples follow a GC). */
export function forkSoakApp(config: SoakAppConfig): ChildProcess {
  return fork(appFile(), [], {
    execArgv: ['--expose-gc'],
    env: { ...process.env, VT_SOAK_APP: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
}
