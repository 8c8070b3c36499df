export type { Instrumentation, InstrumentOptions } from './instrument.js'
export { instrumentVendorToken } from './instrument.js'
export type { StatusSource } from './metrics.js'
export { ATTR, FETCH_SPAN, METRIC, RETRY_EVENT, SCOPE_NAME } from './names.js'
