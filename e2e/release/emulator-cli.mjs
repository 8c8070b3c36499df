// Starts the emulator as a user would: `npx vendor-token-emulator --port 0 --faults` in a folder
// where the packed @vendor-token/emulator tarball is installed (or, without one,
// packages/emulator/dist/cli.js), and reads the base URLs and test credentials from the banner.
// Used by scripts/release-check.mjs: the consumer example gets them as JSON.
import { spawn } from 'node:child_process'
import { join } from 'node:path'

/** Reads one labelled value out of the banner, or fails naming what is missing. */
function pick(banner, pattern, what) {
  const match = pattern.exec(banner)
  if (!match) throw new Error(`emulator banner: no ${what} (${pattern})`)
  return match.slice(1)
}

/** The vendors' settings, as `startEmulator().vendors` would give them. */
async function parseBanner(banner) {
  const [url] = pick(banner, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'URL')
  const clients = [...banner.matchAll(/^\s+client\s+(\S+) \/ (\S+)\s*$/gm)]
  if (clients.length < 3) throw new Error('emulator banner: expected 3 client lines')
  const [b, m, a] = clients.map(([, clientId, clientSecret]) => ({ clientId, clientSecret }))
  const [wealthBase, username, password] = pick(
    banner,
    /GET\/POST (\S+)\/v1\/clients\s+\(Basic (\S+) \/ (\S+)\)/,
    'Wealth.com Basic credentials',
  )
  const [wealthIssuer] = pick(banner, /Wealth\.com[\s\S]*?issuer\s+(\S+)/, 'Wealth.com issuer')
  const discovery = await fetch(`${wealthIssuer}/.well-known/openid-configuration`)
  const { jwks_uri: jwksUri } = await discovery.json()
  return {
    url,
    vendors: {
      bridgeft: {
        ...b,
        baseUrl: pick(banner, /GET\s+(\S+)\/v2\/accounts/, 'BridgeFT data URL')[0],
      },
      modelPortfolios: {
        ...m,
        baseUrl: pick(banner, /GET\s+(\S+)\/model-portfolios/, 'model portfolios data URL')[0],
      },
      apiture: {
        ...a,
        issuer: pick(banner, /Apiture\s+issuer\s+(\S+)/, 'Apiture issuer')[0],
        baseUrl: pick(banner, /GET\s+(\S+)\/banking\/accounts/, 'Apiture data URL')[0],
        scopes: pick(banner, /\(scopes ([^)]+)\)/, 'Apiture scopes')[0].split(' '),
      },
      wealthcom: { baseUrl: wealthBase, username, password, issuer: wealthIssuer, jwksUri },
    },
  }
}

/**
 * Starts the emulator CLI and waits for its banner: `npx vendor-token-emulator` in `cwd`
 * when `installed`, else `node <root>/packages/emulator/dist/cli.js`. Its own process group, so
 * `stop()` ends npx and the node it started.
 * @returns `{ url, settings, banner, stop() }`; `settings` is what VT_EMULATOR carries.
 */
export function startEmulatorCli({ root, cwd = root, installed = false }) {
  const args = ['--port', '0', '--faults']
  const [command, argv] = installed
    ? ['npx', ['vendor-token-emulator', ...args]]
    : [process.execPath, [join(root, 'packages/emulator/dist/cli.js'), ...args]]
  const child = spawn(command, argv, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const signal = (name) => {
    try {
      process.kill(-child.pid, name)
    } catch {
      // already gone
    }
  }
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const stop = async () => {
    if (child.exitCode === null) signal('SIGTERM')
    const timer = setTimeout(() => signal('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  return new Promise((resolve, reject) => {
    let banner = ''
    const timer = setTimeout(
      () => fail(new Error(`emulator CLI printed no banner in 30 s:\n${banner}`)),
      30_000,
    )
    const fail = (error) => {
      clearTimeout(timer)
      stop().then(() => reject(error))
    }
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      banner += chunk
    })
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      banner += chunk
      if (!banner.includes('Stop with Ctrl-C')) return
      clearTimeout(timer)
      parseBanner(banner).then(
        (settings) => resolve({ url: settings.url, settings, banner, stop }),
        fail,
      )
    })
    child.once('exit', (code) => fail(new Error(`emulator CLI exited (${code}):\n${banner}`)))
  })
}
