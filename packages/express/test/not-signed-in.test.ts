import { describeNotSignedIn } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describeNotSignedIn(expressAdapter)
