export { runSoak, type SoakOptions } from './soak.js'
export { evaluateSoak, formatSoak, type SoakMeasurements, type SoakResult } from './soak-verdict.js'
export { startTcpProxy, type TcpProxy } from './tcp-proxy.js'
