import { fileURLToPath } from 'node:url'
import { startMain } from '@vendor-token/app-kit/testing'
import { expect, test } from 'vitest'

test('`npm start` (dist/main.js) serves against the emulator and stops on SIGTERM', async () => {
  const app = await startMain(fileURLToPath(new URL('..', import.meta.url)))
  try {
    expect((await fetch(`${app.url}/health`)).status).toBe(200)
    expect(await app.stop()).toBe(0)
  } finally {
    app.kill()
  }
})
