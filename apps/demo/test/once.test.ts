import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '@vendor-token/emulator'
import { beforeAll, expect, test } from 'vitest'

const demoDir = fileURLToPath(new URL('..', import.meta.url))

/** Runs the built demo CLI (`npm run demo -- ...` minus the build) and collects its output. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/main.js', ...args], {
      cwd: demoDir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 80_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

let run: Awaited<ReturnType<typeof runCli>>

beforeAll(async () => {
  run = await runCli(['--once', '--port', '0', '--log-level', 'debug'])
})

test('--once runs the whole tour, prints the summary and exits 0', () => {
  const { code, stdout, stderr } = run
  expect(stderr).toMatch(/DEBUG/) // debug logging reached stderr
  expect(code, `stdout:\n${stdout}\nstderr:\n${stderr}`).toBe(0)
  for (const title of [
    'Tokens are fetched once and reused',
    'A stampede shares one token request',
    'A short-lived token is refreshed ahead of expiry',
    'A token endpoint outage is survived',
    'A firm-scoped token',
  ]) {
    expect(stdout).toContain(title)
  }
  expect(stdout).toContain('Summary')
  expect(stdout).toMatch(/5\/5 steps passed in (\d\.\d s|\d+ s|\d+ min \d+ s)\./)
  // The summary's fetches are the manager's (the status page's); Wealth.com Basic sends none.
  expect(stdout).toMatch(/wealthcom +1 +0 +\d+ +\(Basic credentials: no token endpoint\)/)
  expect(stdout).not.toContain('Status page:') // --once does not keep serving
})

test('the tour prints no credential of the emulator, even at debug level', async () => {
  // The emulator's test credentials are fixed, so a second emulator tells us what to look for.
  const emulator = await startEmulator()
  const { bridgeft, modelPortfolios, apiture, wealthcom } = emulator.vendors
  await emulator.close()
  const printed = run.stdout + run.stderr
  for (const secret of [
    bridgeft.clientSecret,
    modelPortfolios.clientSecret,
    apiture.clientSecret,
    wealthcom.password,
    Buffer.from(`${wealthcom.username}:${wealthcom.password}`).toString('base64'),
  ]) {
    expect(printed).not.toContain(secret)
  }
})
