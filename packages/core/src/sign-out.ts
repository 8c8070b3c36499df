import { NotSignedInError } from './errors.js'
import type { TokenEntry } from './lifecycle.js'
import { checkUser, type SignInDeps, type SignInFlows } from './sign-in.js'
import type { StoredToken } from './types.js'
import { isUserTokenSource } from './user-source.js'

/** What `manager.signOut` resolves to. */
export interface SignOutResult {
  /** The provider accepted the revocation of the refresh token (RFC 7009). */
  revoked: boolean
}

/**
 * `manager.signOut`: forgets the user's tokens here and in the store (other instances are told
 * to drop theirs), emits `signedOut`, then revokes the refresh token at the provider when it
 * has a revocation endpoint. A failed revocation is logged (never with the token) and reported
 * as `revoked: false`: the user is signed out here either way.
 */
export async function signOutUser(
  flows: SignInFlows,
  deps: SignInDeps,
  vendor: string,
  options: { user: string },
): Promise<SignOutResult> {
  const source = flows.source(vendor)
  const user = checkUser(options?.user, vendor)
  const entry = deps.table.entry(vendor, { user })
  const { store, logger } = deps.options
  // A refresh in flight lands first, so its (rotated) refresh token is the one revoked.
  await entry.inflight?.catch(() => undefined)
  let held: StoredToken | undefined = entry.stored
  try {
    held = (await store.get(entry.key)) ?? held
  } catch (error) {
    logger.warn('token store read failed', { vendor, key: entry.key, error: String(error) })
  }
  entry.forget()
  await forgetInStore(deps, entry)
  if (held === undefined) return { revoked: false }
  deps.emit('signedOut', { vendor, key: entry.key, user, reason: 'sign_out' })
  const token = held
  try {
    return { revoked: await flows.step(vendor, (context) => source.signOut(token, context)) }
  } catch (error) {
    const code = (error as { code?: unknown }).code
    logger.warn('refresh token revocation failed', { vendor, key: entry.key, code })
    return { revoked: false }
  }
}

/**
 * After a failed refresh of a user's token: NotSignedInError means the provider refused the
 * refresh token (`invalid_grant`: expired, revoked, reused) or there is none left. The user is
 * signed out (tokens deleted here and in the store, `signedOut` emitted) so that later calls
 * fail at once instead of sending the dead refresh token again. The failure stays in cool-down.
 */
export function signOutAfterFailedRefresh(
  deps: SignInDeps,
  entry: TokenEntry,
  error: unknown,
): void {
  if (!(error instanceof NotSignedInError)) return
  if (entry.stored === undefined || !isUserTokenSource(entry.source)) return
  const user = entry.params.user as string
  entry.forget()
  void forgetInStore(deps, entry)
  deps.emit('signedOut', { vendor: entry.vendor, key: entry.key, user, reason: 'refresh_rejected' })
}

async function forgetInStore(deps: SignInDeps, entry: TokenEntry): Promise<void> {
  const { store, logger } = deps.options
  try {
    await store.delete(entry.key)
    await store.publishInvalidate?.(entry.key)
  } catch (error) {
    logger.warn('token store delete failed', {
      vendor: entry.vendor,
      key: entry.key,
      error: String(error),
    })
  }
}
