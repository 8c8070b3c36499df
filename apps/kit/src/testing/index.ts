export { launchChromium } from './launch-chromium.js'
export type { StartedMain } from './start-main.js'
export { startMain } from './start-main.js'
