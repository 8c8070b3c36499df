import { describeRejectedCredentials } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describeRejectedCredentials(koaAdapter)
