import { describeStampede } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describeStampede(koaAdapter)
