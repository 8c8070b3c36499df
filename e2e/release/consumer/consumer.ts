// Type-checked by scripts/release-check.mjs with the installed tarballs: a user's Express app
// reads `req.vendorToken` with no cast, and it is typed (not `any`).
import { TokenManager } from '@vendor-token/core'
import { vendorToken } from '@vendor-token/express'
import { bridgeft } from '@vendor-token/vendors'
import express from 'express'

const manager = new TokenManager()
manager.register('bridgeft', bridgeft({ clientId: 'client-id', clientSecret: 'client-secret' }))

export const app = express()
app.get('/accounts', vendorToken(manager, 'bridgeft'), async (req, res) => {
  const authorization: string = req.vendorToken.authorization
  const expiresAt: number = req.vendorToken.expiresAt
  // @ts-expect-error a typed token has no such property (this line fails if the type is `any`)
  void req.vendorToken.notAProperty
  const answer = await fetch('https://api.bridgeft.com/v2/accounts', { headers: { authorization } })
  res.status(answer.status).json({ expiresAt })
})
