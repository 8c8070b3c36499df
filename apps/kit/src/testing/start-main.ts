import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'

/** A sample app started as `npm start` does (`node dist/main.js`), for the apps' boot tests. */
export interface StartedMain {
  /** The URL the app printed (`listening on http://127.0.0.1:<port>`). */
  url: string
  /** Everything the app printed on stdout so far. */
  output(): string
  /** Sends SIGTERM and resolves with the exit code (0 for a clean shutdown). */
  stop(): Promise<number | null>
  /** SIGKILL if it is still running: for `finally` blocks. */
  kill(): void
}

const VENDOR_SETTINGS = /^(BRIDGEFT|MODEL_PORTFOLIOS|APITURE|WEALTHCOM)_/

/**
 * Starts `dist/main.js` of the app in `appDir` on a free port with no vendor settings in its
 * environment (so it runs against an in-process emulator) and waits for its URL.
 * @example
 * const app = await startMain(fileURLToPath(new URL('..', import.meta.url)))
 * try { expect((await fetch(`${app.url}/health`)).status).toBe(200); expect(await app.stop()).toBe(0) }
 * finally { app.kill() }
 */
export async function startMain(appDir: string): Promise<StartedMain> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' }
  for (const name of Object.keys(env)) if (VENDOR_SETTINGS.test(name)) delete env[name]
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: appDir, env, stdio: 'pipe' })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  try {
    const url = await printedUrl(child, () => output)
    return {
      url,
      output: () => output,
      stop: () => {
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        return exited
      },
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      },
    }
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
}

function printedUrl(child: ChildProcessWithoutNullStreams, output: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output())
      if (found) resolve(found[1]!)
    })
    child.once('exit', () => reject(new Error(`exited before listening:\n${output()}`)))
  })
}
