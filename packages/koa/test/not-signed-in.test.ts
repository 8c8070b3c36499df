import { describeNotSignedIn } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describeNotSignedIn(koaAdapter)
