import { describeClientDisconnect } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describeClientDisconnect(koaAdapter)
