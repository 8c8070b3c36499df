import { describeStampede } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describeStampede(expressAdapter)
