import { wealthcomBasic } from './wealthcom-basic.js'
import { wealthcomUser } from './wealthcom-user.js'

/**
 * Wealth.com presets. `basic`: the Advisor API's Basic username/password. `user`: advisor
 * sign-in (authorization code + PKCE S256, per-user tokens, refresh with rotation).
 * @example
 * manager.register('wealthcom', wealthcom.basic({ username, password }))
 * manager.register('wealthcomUser', wealthcom.user({ clientId, clientSecret, redirectUri, scopes }))
 */
export const wealthcom = Object.freeze({ basic: wealthcomBasic, user: wealthcomUser })
