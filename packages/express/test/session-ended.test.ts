import { describeSessionEnded } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describeSessionEnded(expressAdapter)
