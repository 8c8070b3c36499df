import { describeEndpointOutage } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describeEndpointOutage(expressAdapter)
