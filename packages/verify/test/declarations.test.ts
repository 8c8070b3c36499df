import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const dist = new URL('../dist/', import.meta.url)

describe('published declarations', () => {
  it('carry no test-only hook (stripInternal removes every @internal member)', () => {
    const declarations = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.d.ts'),
    )
    expect(declarations).toContain('index.d.ts')
    for (const file of declarations) {
      const text = readFileSync(new URL(file, dist), 'utf8')
      expect(text, file).not.toMatch(/unsafeExitWorkerOnToken|exitOnToken/)
    }
  })
})
