import { describeRequireBearer } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describeRequireBearer(expressAdapter)
