import { describeRejectedCredentials } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describeRejectedCredentials(expressAdapter)
