import { describeSeveralVendors } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describeSeveralVendors(koaAdapter)
