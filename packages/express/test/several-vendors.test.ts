import { describeSeveralVendors } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describeSeveralVendors(expressAdapter)
