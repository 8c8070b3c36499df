import { describeMountChecks } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describeMountChecks(expressAdapter)
