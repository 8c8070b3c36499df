/** One row of the `npm run bench` table. Every figure is compared with a baseline measured in the same run. */
export interface BenchRow {
  /** Group, e.g. `core`, `express`, `verify`, `redis`, `fleet`. */
  suite: string
  /** What was measured, e.g. `getToken cache hit`. */
  name: string
  value: number
  unit: string
  /** The baseline measured in the same run, if this row is a ratio against one. */
  baseline?: { name: string; value: number }
  /** value / baseline.value (or as documented per row). */
  ratio?: number
  /** Human-readable target, e.g. `>= 0.5`; `pass` says whether it was met. */
  target?: string
  pass?: boolean
  note?: string
}

/** Each bench module exports `run`. */
export type BenchModule = { run(options: { quick: boolean }): Promise<BenchRow[]> }
