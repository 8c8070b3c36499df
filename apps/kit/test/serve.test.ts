import { TokenManager } from '@vendor-token/core'
import { expect, test } from 'vitest'
import { serve } from '../src/serve.js'

test('serves the built handler on 127.0.0.1 and close stops server, onClose and own manager', async () => {
  let closed = 0
  const running = await serve(
    {},
    ({ url }) =>
      (_req, res) => {
        res.end(url)
      },
    async () => {
      closed++
    },
  )
  expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(await (await fetch(running.url)).text()).toBe(running.url)
  await running.close()
  expect(closed).toBe(1)
  await expect(fetch(running.url)).rejects.toThrow()
})

test('a factory that throws: everything started is stopped and the error passes through', async () => {
  let url = ''
  let closed = 0
  const manager = new TokenManager()
  const failing = serve(
    { manager },
    (context) => {
      url = context.url
      throw new Error('bad settings')
    },
    async () => {
      closed++
    },
  )
  await expect(failing).rejects.toThrow('bad settings')
  expect(closed).toBe(1)
  await expect(fetch(url)).rejects.toThrow()
  // A shared manager is the caller's: still open, so the caller closes it.
  await manager.close()
}, 30_000)
