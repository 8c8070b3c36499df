import { describeErrorsNext } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describeErrorsNext(expressAdapter)
