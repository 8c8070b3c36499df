import { describeRequireBearerJwksDown } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describeRequireBearerJwksDown(expressAdapter)
