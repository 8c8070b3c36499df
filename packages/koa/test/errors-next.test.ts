import { describeErrorsNext } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describeErrorsNext(koaAdapter)
