import * as apitureApp from '@vendor-token/app-apiture-koa'
import * as bridgeftApp from '@vendor-token/app-bridgeft-express'
import * as modelPortfoliosApp from '@vendor-token/app-model-portfolios-koa'
import * as wealthcomApp from '@vendor-token/app-wealthcom-express'
import type { Logger, TokenManager } from '@vendor-token/core'
import { type Emulator, startEmulator, type VendorName } from '@vendor-token/emulator'

/** One sample app as the tour and the status page see it. */
export interface DemoApp {
  /** Package folder name, e.g. `bridgeft-express`. */
  name: string
  /** Vendor name in the emulator and on the manager. */
  vendor: VendorName
  url: string
  /** The route the tour calls, e.g. `/accounts`. */
  path: string
}

/** The emulator, the shared manager and the four apps. */
export interface DemoServices {
  emulator: Emulator
  apps: Record<VendorName, DemoApp>
  /** Stops the four apps (the emulator is closed separately, after the manager). */
  closeApps(): Promise<void>
}

/** Apiture tokens live this long in the demo, so a refresh ahead of expiry happens on screen. */
export const SHORT_TTL_SECONDS = 6

/** The scopes apiture-koa asks for by default (so also its cache key's params). */
export const APITURE_SCOPES = ['banking/read']

/**
 * Starts the vendor emulator (Apiture issuing short-lived tokens) and the four sample apps on
 * 127.0.0.1, all sharing `manager`, so the status page sees every vendor.
 */
export async function startServices(manager: TokenManager, logger: Logger): Promise<DemoServices> {
  const emulator = await startEmulator({ tokenTtlSeconds: { apiture: SHORT_TTL_SECONDS }, logger })
  const started: { close(): Promise<void> }[] = []
  try {
    const { bridgeft, modelPortfolios, apiture, wealthcom } = emulator.vendors
    const b = await bridgeftApp.start({ manager, settings: bridgeft })
    started.push(b)
    const m = await modelPortfoliosApp.start({ manager, settings: modelPortfolios })
    started.push(m)
    // The emulator grants both banking scopes; the app asks for read unless a request says more.
    const a = await apitureApp.start({
      manager,
      settings: { ...apiture, scopes: APITURE_SCOPES },
    })
    started.push(a)
    const w = await wealthcomApp.start({ manager, settings: wealthcom })
    started.push(w)
    return {
      emulator,
      apps: {
        bridgeft: { name: 'bridgeft-express', vendor: 'bridgeft', url: b.url, path: '/accounts' },
        modelPortfolios: {
          name: 'model-portfolios-koa',
          vendor: 'modelPortfolios',
          url: m.url,
          path: '/model-portfolios',
        },
        apiture: { name: 'apiture-koa', vendor: 'apiture', url: a.url, path: '/accounts' },
        wealthcom: { name: 'wealthcom-express', vendor: 'wealthcom', url: w.url, path: '/clients' },
      },
      closeApps: () => closeAll(started),
    }
  } catch (error) {
    await closeAll(started)
    await emulator.close()
    throw error
  }
}

async function closeAll(apps: { close(): Promise<void> }[]): Promise<void> {
  await Promise.allSettled(apps.map((app) => app.close()))
}
