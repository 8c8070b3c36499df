#!/usr/bin/env node
import { parseArgs } from 'node:util'
import type { Emulator } from './emulator-types.js'
import { startEmulator } from './server.js'

const usage = `Usage: vendor-token-emulator [--port 4010] [--faults] [--ttl <seconds>] [--corrected-spelling] [--verbose]

Starts local stand-ins for BridgeFT, the model-portfolio vendor, Apiture and Wealth.com on
127.0.0.1, each speaking its token dialect, and prints the preset options to paste into your app.
  --port                 port to listen on (default 4010; 0 picks a free port)
  --faults               serve the control routes under /_emulator/ to inject faults over HTTP:
                           POST   /_emulator/faults/<vendor>   JSON fault, e.g. {"status":503,"times":2}
                           DELETE /_emulator/faults[/<vendor>]
                           GET    /_emulator/stats[/<vendor>]   request counters
                           POST   /_emulator/revoke/<vendor>    refuse every token issued so far
                         (vendors: bridgeft, modelPortfolios, apiture, wealthcom)
  --ttl                  access-token lifetime for every vendor, in seconds
  --corrected-spelling   model-portfolio vendor answers accessToken instead of accessTtoken
  --verbose              log every request (method, path, status)
  -h, --help             this text
Every credential it prints is fake. Stop with Ctrl-C.`

const quote = (value: string) => `'${value}'`

/** The banner: preset options ready to paste, then the raw endpoints. */
function describe(emulator: Emulator, faults: boolean): string {
  const { bridgeft, modelPortfolios, apiture, wealthcom } = emulator.vendors
  const scopes = `[${apiture.scopes.map(quote).join(', ')}]`
  return [
    `vendor-token emulator listening on ${emulator.url}`,
    '',
    '// Preset options for @vendor-token/vendors (paste into your app; every value is fake):',
    `bridgeft({ clientId: ${quote(bridgeft.clientId)}, clientSecret: ${quote(bridgeft.clientSecret)}, baseUrl: ${quote(bridgeft.baseUrl)} })`,
    `modelPortfolios({ clientId: ${quote(modelPortfolios.clientId)}, clientSecret: ${quote(modelPortfolios.clientSecret)}, baseUrl: ${quote(modelPortfolios.baseUrl)} })`,
    `apiture({ clientId: ${quote(apiture.clientId)}, clientSecret: ${quote(apiture.clientSecret)}, issuer: ${quote(apiture.issuer)}, scopes: ${scopes} })`,
    `wealthcom.basic({ username: ${quote(wealthcom.username)}, password: ${quote(wealthcom.password)} })   // call ${wealthcom.baseUrl}/v1/clients`,
    `wealthcom.user({ clientId: ${quote(wealthcom.clientId)}, clientSecret: ${quote(wealthcom.clientSecret)}, issuer: ${quote(wealthcom.issuer)}, redirectUri: 'http://127.0.0.1:3000/callback', scopes: ['openid', 'offline_access'] })`,
    '',
    `BridgeFT          token   POST ${bridgeft.tokenUrl}   (Basic, form, grant_type=client_credentials, firm_ids)`,
    `                  data    GET  ${bridgeft.baseUrl}/v2/accounts`,
    `                  client  ${bridgeft.clientId} / ${bridgeft.clientSecret}`,
    `Model portfolios  token   POST ${modelPortfolios.tokenUrl}   (JSON, Accept: application/json; version=${modelPortfolios.apiVersion})`,
    `                  data    GET  ${modelPortfolios.baseUrl}/model-portfolios`,
    `                  client  ${modelPortfolios.clientId} / ${modelPortfolios.clientSecret}`,
    `Apiture           issuer  ${apiture.issuer}   (scopes ${apiture.scopes.join(' ')})`,
    `                  data    GET  ${apiture.baseUrl}/banking/accounts`,
    `                  client  ${apiture.clientId} / ${apiture.clientSecret}`,
    `Wealth.com        data    GET/POST ${wealthcom.baseUrl}/v1/clients   (Basic ${wealthcom.username} / ${wealthcom.password})`,
    `                  issuer  ${wealthcom.issuer}   (authorization code + PKCE S256)`,
    `                  clients ${wealthcom.clientId} / ${wealthcom.clientSecret} (confidential), ${wealthcom.publicClientId} (public)`,
    `                  login   ${wealthcom.testLogin.username} / ${wealthcom.testLogin.password}   (emulator test login page)`,
    '',
    faults
      ? `Faults: POST ${emulator.url}/_emulator/faults/<vendor> with a JSON fault; see --help.`
      : 'Faults over HTTP: start with --faults.',
    'All credentials are fake. Stop with Ctrl-C.',
  ].join('\n')
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      ttl: { type: 'string' },
      'corrected-spelling': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      faults: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(usage)
    return
  }
  const port = Number(values.port)
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl)
  if (
    !Number.isInteger(port) ||
    port < 0 ||
    port > 65_535 ||
    (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0))
  ) {
    console.error(usage)
    process.exitCode = 2
    return
  }
  const log = (message: string, meta?: Record<string, unknown>) => console.log(message, meta ?? '')
  const emulator = await startEmulator({
    port,
    ...(ttl === undefined ? {} : { tokenTtlSeconds: ttl }),
    modelPortfolios: { correctedSpelling: values['corrected-spelling'] },
    logger: values.verbose ? { debug: log, error: log } : { error: log },
    controlRoutes: values.faults,
  })
  console.log(describe(emulator, values.faults))
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
