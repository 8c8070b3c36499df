import { createHash, randomBytes } from 'node:crypto'
import type { StoredToken, TokenStore } from './types.js'

/** How long a sign-in may take between the redirect to the provider and the callback. */
export const AUTHORIZATION_STATE_TTL_MS = 10 * 60_000

/** Not a cache key: those are `<vendor>` or `<vendor>:{...}`, and a vendor name has no `:`. */
const KEY_PREFIX = 'authorization-state:'
const RECORD_TYPE = 'AuthorizationState'

/** What a sign-in keeps between `authorizationUrl` and `handleCallback`. */
export interface AuthorizationState {
  /** The user key the sign-in was started for: the callback must come from the same user. */
  user: string
  /** The PKCE code verifier, sent with the code. */
  verifier: string
  /** The OpenID nonce, when `openid` is requested. */
  nonce?: string
  /** Where to send the user after the callback (already checked to be a same-origin path). */
  returnTo?: string
  createdAt: number
  /** After this the state is refused as `state_expired`. */
  expiresAt: number
}

/** A new `state` value: 256 random bits, base64url. */
export function newState(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * The store key of a state. The state itself is not the key (only its hash), so listing the
 * store's keys does not reveal a state that could finish someone's sign-in.
 */
export function stateKey(vendor: string, state: string): string {
  return `${KEY_PREFIX}${vendor}:${createHash('sha256').update(state).digest('base64url')}`
}

/**
 * Keeps a state in the manager's TokenStore, so that with a shared store (Redis) the callback
 * may reach any instance of the fleet. It is held as a StoredToken (the shape every store
 * persists, encrypted by the Redis store), kept twice as long as it is valid so that a late
 * callback is told `state_expired` rather than `state_unknown`.
 */
export async function saveState(
  store: TokenStore,
  key: string,
  state: AuthorizationState,
): Promise<void> {
  const record: StoredToken = {
    accessToken: Buffer.from(JSON.stringify(state)).toString('base64url'),
    tokenType: RECORD_TYPE,
    issuedAt: state.createdAt,
    expiresAt: state.createdAt + 2 * (state.expiresAt - state.createdAt),
  }
  await store.set(key, record)
}

/**
 * Reads a state without using it up: a callback carrying another user's state is refused
 * before the state is taken, so it cannot spoil that user's sign-in.
 */
export async function peekState(
  store: TokenStore,
  key: string,
): Promise<AuthorizationState | undefined> {
  return decode(await store.get(key))
}

/**
 * Reads and deletes a state: single use. Atomic across a fleet when the store has `take`;
 * otherwise read-then-delete, guarded in this process by `taking`.
 */
export async function takeState(
  store: TokenStore,
  key: string,
  taking: Set<string>,
): Promise<AuthorizationState | undefined> {
  if (store.take !== undefined) return decode(await store.take(key))
  if (taking.has(key)) return undefined
  taking.add(key)
  try {
    const record = await store.get(key)
    if (record === undefined) return undefined
    await store.delete(key)
    return decode(record)
  } finally {
    taking.delete(key)
  }
}

function decode(record: StoredToken | undefined): AuthorizationState | undefined {
  if (record?.tokenType !== RECORD_TYPE) return undefined
  try {
    const state = JSON.parse(Buffer.from(record.accessToken, 'base64url').toString('utf8'))
    const ok =
      typeof state?.user === 'string' &&
      typeof state.verifier === 'string' &&
      Number.isFinite(state.createdAt) &&
      Number.isFinite(state.expiresAt)
    return ok ? (state as AuthorizationState) : undefined
  } catch {
    return undefined
  }
}
