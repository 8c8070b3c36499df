#!/usr/bin/env node
import { parseArgs } from 'node:util'
import type { Emulator } from './emulator-types.js'
import { startEmulator } from './server.js'

const usage = `vendor-token-emulator [--port 4010] [--ttl <seconds>] [--corrected-spelling] [--verbose]

Starts the vendor emulator on 127.0.0.1 and prints its base URLs and test credentials.
  --port                 port to listen on (default 4010; 0 picks a free port)
  --ttl                  access-token lifetime for every vendor, in seconds
  --corrected-spelling   model-portfolio vendor answers accessToken instead of accessTtoken
  --verbose              log every request (method, path, status)
Stop with Ctrl-C.`

/** The banner: where each vendor lives and its (fake) credentials. */
function describe(emulator: Emulator): string {
  const { bridgeft, modelPortfolios, apiture, wealthcom } = emulator.vendors
  return [
    `vendor-token emulator listening on ${emulator.url}`,
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
  })
  console.log(describe(emulator))
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
