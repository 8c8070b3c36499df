import { describePerRequestParams } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describePerRequestParams(expressAdapter)
