import { TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator } from '@vendor-token/emulator'
import { bridgeft, wealthcom } from '@vendor-token/vendors'
import { type DemoMetrics, startMetrics } from '../src/metrics.js'
import { type StatusServer, startStatusServer } from '../src/status/server.js'
import { parsePrometheusText, type Sample } from './prometheus-text.js'

/** The emulator, a manager (BridgeFT, Wealth.com Basic; no retries) and the status server with the demo's /metrics. */
export interface MetricsSetUp {
  emulator: Emulator
  manager: TokenManager
  server: StatusServer
  /** GET /metrics: its content type, text and parsed samples. */
  scrape(): Promise<{
    contentType: string | null
    text: string
    samples: Sample[]
    types: Map<string, string>
  }>
  close(): Promise<void>
}

export async function startMetricsSetUp(): Promise<MetricsSetUp> {
  const emulator = await startEmulator()
  const manager = new TokenManager({ retry: { retries: 0 } })
  manager.register('bridgeft', bridgeft(emulator.vendors.bridgeft))
  manager.register('wealthcom', wealthcom.basic(emulator.vendors.wealthcom))
  const metrics: DemoMetrics = startMetrics(manager)
  const server = await startStatusServer({
    manager,
    serveMetrics: metrics.serve,
    apps: [],
    port: 0,
  })
  return {
    emulator,
    manager,
    server,
    async scrape() {
      const response = await fetch(`${server.url}metrics`)
      if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`)
      const text = await response.text()
      return {
        contentType: response.headers.get('content-type'),
        text,
        ...parsePrometheusText(text),
      }
    },
    async close() {
      await server.close()
      await metrics.close()
      await manager.close()
      await emulator.close()
    },
  }
}

/** Samples of metric `name` whose labels include `labels`. */
export function find(samples: Sample[], name: string, labels: Record<string, string>): Sample[] {
  return samples.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([k, v]) => sample.labels[k] === v),
  )
}

/** The sum of the values of `find(...)`. */
export function total(samples: Sample[], name: string, labels: Record<string, string>): number {
  return find(samples, name, labels).reduce((sum, sample) => sum + sample.value, 0)
}
