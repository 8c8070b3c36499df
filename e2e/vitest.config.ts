import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One file at a time: the soak and the outage tests measure latency-sensitive behaviour
    // (a token must not expire on its way to the vendor) and must not compete with each other.
    fileParallelism: false,
  },
})
