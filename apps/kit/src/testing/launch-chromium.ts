import { type Browser, chromium } from 'playwright-core'

/**
 * Headless Chromium for the apps' browser tests: Debian's `chromium` package (`.ci/run` installs
 * it), or `CHROMIUM_PATH`, with the flags that keep it quiet and off the network in a sandbox.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
