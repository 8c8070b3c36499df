import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { EmulatorContext } from './context.js'
import { ttlResolver } from './context.js'
import { controlPrefix, handleControl } from './control.js'
import { testCredentials } from './credentials.js'
import { createDispatcher } from './dispatch.js'
import type { Emulator } from './emulator-types.js'
import { Faults } from './faults.js'
import { Revocations } from './revocation.js'
import { Router } from './router.js'
import { Stats } from './stats.js'
import type { EmulatorOptions, VendorName } from './types.js'
import { vendorNames } from './types.js'
import { vendorInfo } from './vendor-info.js'
import { apiture } from './vendors/apiture.js'
import { bridgeft } from './vendors/bridgeft.js'
import { modelPortfolios } from './vendors/model-portfolios.js'
import { wealthcomBasic } from './vendors/wealthcom-basic.js'
import { wealthcomOidc } from './vendors/wealthcom-oidc.js'

function checkVendor(vendor: VendorName): VendorName {
  if (!vendorNames.includes(vendor)) throw new TypeError(`unknown vendor ${String(vendor)}`)
  return vendor
}

function checkOptions(options: EmulatorOptions): void {
  const ttl = options.tokenTtlSeconds
  const values = typeof ttl === 'number' ? [ttl] : Object.values(ttl ?? {})
  if (!values.every((value) => Number.isInteger(value) && value > 0)) {
    throw new TypeError('tokenTtlSeconds must be positive integers')
  }
}

/**
 * Starts the vendor emulator on 127.0.0.1: BridgeFT, the model-portfolio vendor, Apiture and
 * Wealth.com, each speaking its documented dialect, with faults, stats, revocation and key
 * rotation. Always `close()` it.
 *
 * @example
 * const emulator = await startEmulator({ tokenTtlSeconds: { bridgeft: 2 } })
 * const { baseUrl, clientId, clientSecret } = emulator.vendors.bridgeft
 * emulator.fault('bridgeft', { status: 503, retryAfterSeconds: 1, times: 1 })
 * await emulator.close()
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  checkOptions(options)
  const abort = new AbortController()
  const router = new Router()
  const sockets = new Set<Socket>()
  let dispatch: ReturnType<typeof createDispatcher> | undefined
  let emulator: Emulator | undefined
  const server = createServer((req, res) => {
    if (!dispatch || !emulator) {
      res.writeHead(503).end()
      return
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (options.controlRoutes && path.startsWith(`${controlPrefix}/`)) {
      void handleControl(emulator, req, res, path)
    } else void dispatch(req, res)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      abort.abort()
      server.close(() => resolve())
      server.closeAllConnections()
      for (const socket of sockets) socket.destroy()
    })
    return closing
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const ctx: EmulatorContext = {
    url,
    options,
    now: options.now ?? Date.now,
    ttlSeconds: ttlResolver(options),
    stats: new Stats(),
    faults: new Faults(),
    revocations: new Revocations(),
    logger: options.logger ?? {},
    signal: abort.signal,
  }
  const creds = testCredentials
  try {
    const bft = bridgeft(ctx, creds.bridgeft)
    const apt = apiture(ctx, creds.apiture)
    const wOidc = wealthcomOidc(ctx, {
      ...creds.wealthcom,
      redirectUris: options.wealthcom?.redirectUris ?? [
        'http://127.0.0.1:3000/callback',
        'http://localhost:3000/callback',
      ],
      allowAnyLoopbackRedirect: options.wealthcom?.allowAnyLoopbackRedirect ?? true,
      refreshTokenTtlSeconds: options.wealthcom?.refreshTokenTtlSeconds ?? 30 * 86_400,
    })
    const mp = modelPortfolios(ctx, {
      ...creds.modelPortfolios,
      correctedSpelling: options.modelPortfolios?.correctedSpelling ?? false,
    })
    const wBasic = wealthcomBasic(ctx, {
      ...creds.wealthcom,
      verifyUserToken: wOidc.verifyUserToken,
    })
    for (const module of [bft, mp, apt, wOidc, wBasic]) {
      router.add(...module.routes)
      for (const mount of module.mounts ?? []) router.mount(mount)
    }
    dispatch = createDispatcher(router, ctx)

    emulator = {
      url,
      vendors: vendorInfo(url, wOidc),
      stats: (vendor) => ctx.stats.snapshot(vendor === undefined ? undefined : checkVendor(vendor)),
      resetStats: () => ctx.stats.reset(),
      fault: (vendor, spec) => ctx.faults.set(checkVendor(vendor), spec),
      clearFaults: (vendor) =>
        ctx.faults.clear(vendor === undefined ? undefined : checkVendor(vendor)),
      revokeTokens: (vendor) => ctx.revocations.revoke(checkVendor(vendor), ctx.now()),
      async rotateKeys(vendor) {
        if (vendor === 'bridgeft') return bft.rotateKeys?.()
        if (vendor === 'wealthcom') return wOidc.rotateKeys()
        throw new TypeError(
          `rotateKeys: ${String(vendor)} has no signing keys of its own to rotate`,
        )
      },
      setRedirectUris: (uris) => wOidc.setRedirectUris(uris),
      addClient: (metadata) => wOidc.addClient(metadata),
      close,
    }
    return emulator
  } catch (error) {
    await close()
    throw error
  }
}
