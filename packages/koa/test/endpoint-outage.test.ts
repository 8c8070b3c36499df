import { describeEndpointOutage } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describeEndpointOutage(koaAdapter)
