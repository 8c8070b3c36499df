// Run by scripts/release-check.mjs in the folder where only the packed tarballs are installed:
// a CommonJS file require()s every published package (Node >= 20.19 loads ES modules with
// require()) and uses one export of each, so a missing `default` export condition fails here.
const { TokenManager } = require('@vendor-token/core')
const { bridgeft } = require('@vendor-token/vendors')
const express = require('@vendor-token/express')
const koa = require('@vendor-token/koa')
const { RedisTokenStore } = require('@vendor-token/redis')
const { createVerifier } = require('@vendor-token/verify')
const { startEmulator } = require('@vendor-token/emulator')

const checks = {
  core: typeof TokenManager === 'function',
  vendors: typeof bridgeft === 'function',
  express: typeof express.vendorToken === 'function',
  koa: typeof koa.vendorToken === 'function',
  redis: typeof RedisTokenStore === 'function',
  verify: typeof createVerifier === 'function',
  emulator: typeof startEmulator === 'function',
}
const failed = Object.entries(checks).filter(([, ok]) => !ok)
if (failed.length) {
  console.error(`FAIL require(): ${failed.map(([name]) => name).join(', ')}`)
  process.exit(1)
}
// Every installed @vendor-token package, new ones included, loads and exports something.
const { readdirSync } = require('node:fs')
for (const dir of readdirSync('node_modules/@vendor-token')) {
  const name = `@vendor-token/${dir}`
  if (Object.keys(require(name)).length === 0) {
    console.error(`FAIL require('${name}') exports nothing`)
    process.exit(1)
  }
  checks[dir] ??= true
}
const manager = new TokenManager()
manager.register('bridgeft', bridgeft({ clientId: 'id', clientSecret: 'secret' }))
manager
  .close()
  .then(() => console.log(`ok   require() of ${Object.keys(checks).length} packages from CommonJS`))
