import { type BearerVerifier, requireBearer } from '@vendor-token/express'
import { Router } from 'express'

/**
 * The app's own API (mounted at `/api`), for callers that hold a Wealth.com advisor access token
 * (e.g. an SPA signed in with the public client): `GET /api/advisor` answers who they are. The
 * token is verified against the provider's JWKS (RS256, issuer, audience; ID tokens refused).
 */
export function apiRouter(verifier: BearerVerifier): Router {
  const router = Router()
  router.use(requireBearer(verifier))
  router.get('/advisor', (req, res) => {
    res.json({ advisor: req.auth.payload.sub, scopes: req.auth.scopes })
  })
  return router
}
