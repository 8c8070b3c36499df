import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { startEmulator } from '../src/index.js'
import { formBasic, postForm } from './support.js'

describe('close()', () => {
  it('binds 127.0.0.1 and ends hung connections so that close() returns', async () => {
    const emulator = await startEmulator()
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    emulator.fault('bridgeft', { hang: true })
    const { tokenUrl, clientId, clientSecret } = emulator.vendors.bridgeft
    const hung = postForm(
      tokenUrl,
      { grant_type: 'client_credentials' },
      { authorization: formBasic(clientId, clientSecret) },
    )
    const settled = hung.then(
      () => 'answered',
      () => 'connection ended',
    )
    // Make sure the request reached the emulator before closing.
    await expect.poll(() => emulator.stats('bridgeft').tokenRequests).toBe(1)
    await emulator.close()
    expect(await settled).toBe('connection ended')
    await expect(fetch(tokenUrl)).rejects.toThrow(TypeError)
    await emulator.close() // idempotent
  })

  it('listens on the port it is given', async () => {
    const first = await startEmulator()
    const port = Number(new URL(first.url).port)
    await first.close()
    const second = await startEmulator({ port })
    try {
      expect(second.url).toBe(`http://127.0.0.1:${port}`)
    } finally {
      await second.close()
    }
  })
})

describe('vendor-token-emulator CLI', () => {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

  it('prints base URLs and test credentials and stops on SIGINT', async () => {
    expect(
      existsSync(cli),
      'build the package first: npm run build -w @vendor-token/emulator',
    ).toBe(true)
    const child = spawn(process.execPath, [cli, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    )
    try {
      await expect.poll(() => output, { timeout: 20_000 }).toContain('Stop with Ctrl-C')
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
      expect(url).toBeDefined()
      expect(output).toContain('emu-bridgeft-client')
      expect(output).toContain(`${url}/wealthcom/oidc`)
      const res = await postForm(
        `${url}/bridgeft/v2/oauth2/token`,
        { grant_type: 'client_credentials' },
        {
          authorization: formBasic('emu-bridgeft-client', 'emu-bridgeft-secret:FAKE/not+real'),
        },
      )
      expect(res.status).toBe(200)
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
  })
})
