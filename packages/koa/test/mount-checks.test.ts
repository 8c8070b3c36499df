import { describeMountChecks } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describeMountChecks(koaAdapter)
