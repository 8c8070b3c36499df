/** A clock tests move by hand; starts at the real time so jose-signed `iat`/`exp` fit. */
export interface FakeClock {
  now(): number
  advance(ms: number): void
}

export function fakeClock(start = Date.now()): FakeClock {
  let time = start
  return {
    now: () => time,
    advance(ms) {
      time += ms
    },
  }
}
