import { expect, test } from 'vitest'
import { createLogger } from '../src/logger.js'

function collect() {
  const lines: string[] = []
  return { lines, sink: { write: (text: string) => lines.push(text) } }
}

test('prints entries at or above the level, one line each, fields as JSON', () => {
  const { lines, sink } = collect()
  const logger = createLogger('info', sink)
  logger.debug('hidden')
  logger.info('token fetched', { vendor: 'bridgeft', durationMs: 12 })
  logger.error('boom', { error: new Error('socket hang up') })
  expect(lines).toHaveLength(2)
  expect(lines[0]).toMatch(/INFO {2}token fetched \{"vendor":"bridgeft","durationMs":12\}\n$/)
  expect(lines[1]).toContain('{"error":{"name":"Error","message":"socket hang up"}}')
})

test('silent prints nothing; debug prints everything', () => {
  const quiet = collect()
  createLogger('silent', quiet.sink).error('x')
  expect(quiet.lines).toHaveLength(0)
  const loud = collect()
  createLogger('debug', loud.sink).debug('y')
  expect(loud.lines).toHaveLength(1)
})
