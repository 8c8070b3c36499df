import { describeRequireBearerJwksDown } from '@vendor-token/test-utils'
import { koaAdapter } from './koa-adapter.js'

describeRequireBearerJwksDown(koaAdapter)
