import { describeSignIn } from '@vendor-token/test-utils'
import { expressAdapter } from './express-adapter.js'

describeSignIn(expressAdapter)
