// The demo tour as a user runs it (`--once --log-level debug`): nothing it prints contains a
// client secret, a password, or any token the process received.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { testCredentials } from '@vendor-token/emulator'
import { afterAll, expect, it } from 'vitest'
import { credentialNeedles, findLeaks, tokenNeedles } from './leaks.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const demoMain = join(root, 'apps/demo/dist/main.js')
const recorder = join(root, 'e2e/dist/record-tokens.js')
const scratch = mkdtempSync(join(tmpdir(), 'vt-secrets-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function runDemoOnce(
  tokenLog: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', recorder, demoMain, '--once', '--log-level', 'debug', '--port', '0'],
      { cwd: root, env: { ...process.env, VT_TOKEN_LOG: tokenLog, NO_COLOR: '1' } },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

it('the demo tour with debug logs prints no secret and no token', async () => {
  for (const file of [demoMain, recorder]) {
    expect(existsSync(file), `${file} (run the build first)`).toBe(true)
  }
  const tokenLog = join(scratch, 'tokens.txt')
  const { code, stdout, stderr } = await runDemoOnce(tokenLog)
  const tokens = existsSync(tokenLog)
    ? readFileSync(tokenLog, 'utf8').split('\n').filter(Boolean)
    : []

  expect(code, `demo exited ${code}\n${stdout.slice(-2_000)}`).toBe(0)
  expect(stderr).toMatch(/DEBUG/) // debug logging was really on
  expect(tokens.length).toBeGreaterThanOrEqual(3) // the recorder saw the vendors' tokens
  const needles = [...credentialNeedles(testCredentials), ...tokenNeedles(tokens)]
  const leaks = findLeaks({ stdout, stderr }, needles)
  console.log(
    `searched stdout (${stdout.length} chars) and stderr (${stderr.length} chars) for ${needles.length} secrets/tokens (${tokens.length} tokens issued)`,
  )
  expect(leaks).toEqual([])
}, 180_000)
