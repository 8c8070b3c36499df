import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Two of the files run the whole tour (about 10 s of real waiting each); one at a time keeps
  // them reliable on a loaded 2-core machine.
  test: { testTimeout: 90_000, hookTimeout: 90_000, fileParallelism: false },
})
