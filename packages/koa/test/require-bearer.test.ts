import { describeRequireBearer } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describeRequireBearer(koaAdapter)
