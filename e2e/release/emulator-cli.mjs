// Starts the repo's emulator as a user would, with its CLI (packages/emulator/dist/cli.js,
// `--port 0`), and reads the base URLs and test credentials from the banner it prints.
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
 * Starts `node packages/emulator/dist/cli.js --port 0` and waits for its banner.
 * @returns `{ url, settings, stop() }`; `settings` is what VT_EMULATOR carries.
 */
export function startEmulatorCli(root) {
  const child = spawn(
    process.execPath,
    [join(root, 'packages/emulator/dist/cli.js'), '--port', '0'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
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
      parseBanner(banner).then((settings) => resolve({ url: settings.url, settings, stop }), fail)
    })
    child.once('exit', (code) => fail(new Error(`emulator CLI exited (${code}):\n${banner}`)))
  })
}
