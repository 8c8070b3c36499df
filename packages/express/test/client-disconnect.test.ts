import { describeClientDisconnect } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describeClientDisconnect(expressAdapter)
