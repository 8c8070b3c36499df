/**
 * The emulator's fixed test credentials. All of them are fake, contain `emu-` and `FAKE`, and are
 * the same in every run so that tests can search logs and error output for them.
 *
 * The BridgeFT secret contains `:`, `/` and `+` on purpose: BridgeFT asks for RFC 6749 2.3.1 Basic
 * credentials (each part form-urlencoded before base64), and a client that skips the encoding
 * sends a different secret and gets `invalid_client`.
 */
export const testCredentials = {
  bridgeft: {
    clientId: 'emu-bridgeft-client',
    clientSecret: 'emu-bridgeft-secret:FAKE/not+real',
  },
  modelPortfolios: {
    clientId: 'emu-modelportfolios-client',
    clientSecret: 'emu-modelportfolios-secret-FAKE',
  },
  apiture: {
    clientId: 'emu-apiture-client',
    clientSecret: 'emu-apiture-secret-FAKE',
  },
  wealthcom: {
    /** Advisor API Basic credentials. */
    username: 'emu-wealthcom-advisor-api',
    password: 'emu-wealthcom-password-FAKE',
    /** Confidential OIDC client (client_secret_basic or client_secret_post). */
    clientId: 'emu-wealthcom-app',
    clientSecret: 'emu-wealthcom-app-secret-FAKE',
    /** Public OIDC client (PKCE, no secret). */
    publicClientId: 'emu-wealthcom-spa',
    /** The advisor who signs in on the test login page. */
    testLogin: { username: 'advisor@emulator.test', password: 'emu-advisor-login-FAKE' },
  },
} as const
