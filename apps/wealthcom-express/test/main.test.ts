import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

const appDir = fileURLToPath(new URL('..', import.meta.url))

test('`npm start` (dist/main.js) serves against the emulator and stops on SIGTERM', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' }
  for (const name of Object.keys(env))
    if (/^(BRIDGEFT|MODEL_PORTFOLIOS|APITURE|WEALTHCOM)_/.test(name)) delete env[name]
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: appDir, env, stdio: 'pipe' })
  try {
    let output = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
        if (found) resolve(found[1]!)
      })
      child.on('exit', () => reject(new Error(`exited early:\n${output}`)))
    })
    expect((await fetch(`${url}/health`)).status).toBe(200)
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
  }
})
