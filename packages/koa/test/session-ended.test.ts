import { describeSessionEnded } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describeSessionEnded(koaAdapter)
