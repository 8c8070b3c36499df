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
    // Advisor sign-in is on, against the emulator's provider.
    const me = await fetch(`${url}/me`, { redirect: 'manual' })
    expect(me.status).toBe(303)
    expect(me.headers.get('location')).toBe('/auth/login?returnTo=%2Fme')
    const login = await fetch(`${url}/auth/login`, { redirect: 'manual' })
    expect(login.status).toBe(302)
    expect(login.headers.get('location')).toMatch(
      /\/wealthcom\/oidc\/auth\?.*code_challenge_method=S256/,
    )
    expect(output).toMatch(/sign in: open http:\/\/127\.0\.0\.1:\d+\/me/)
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
  }
})
