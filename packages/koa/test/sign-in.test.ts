import { describeSignIn } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describeSignIn(koaAdapter)
