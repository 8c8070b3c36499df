import { wealthcomBasic } from './wealthcom-basic.js'

/**
 * Wealth.com presets. `basic`: the Advisor API's Basic username/password. (`user`, advisor
 * sign-in with the authorization code grant, comes with the sign-in issue.)
 * @example
 * manager.register('wealthcom', wealthcom.basic({ username, password }))
 */
export const wealthcom = Object.freeze({ basic: wealthcomBasic })
