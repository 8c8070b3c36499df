import { describePerRequestParams } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describePerRequestParams(koaAdapter)
