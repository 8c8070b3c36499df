import { createHash, randomBytes } from 'node:crypto'
import type { StoredToken, TokenStore } from '../types.js'

/**
 * The browser's round trip of a sign-in: the state kept between `authorizationUrl` and
 * `handleCallback`, and the callback query that brings it back.
 */

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

/** A callback's query: URLSearchParams, a raw query string, or a framework's parsed object. */
export type CallbackQuery = URLSearchParams | string | Readonly<Record<string, unknown>>

/** The callback parameters the sign-in reads; each one only when given exactly once. */
export interface CallbackParams {
  state: string | undefined
  code: string | undefined
  /** RFC 6749 4.1.2.1 `error`, reduced to characters safe to show. */
  error: string | undefined
  /** RFC 9207 `iss`. */
  iss: string | undefined
}

// RFC 6749 4.1.2.1: error = 1*( %x20-21 / %x23-5B / %x5D-7E )
const ERROR_CODE = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/

/**
 * Reads `state`, `code`, `error` and `iss` from a callback query. A parameter given twice (or
 * as anything but a non-empty string) counts as missing: the sign-in never guesses which one
 * was meant.
 */
export function readCallbackQuery(query: CallbackQuery): CallbackParams {
  const read = reader(query)
  const error = read('error')
  return {
    state: read('state'),
    code: read('code'),
    error: error === undefined ? undefined : ERROR_CODE.test(error) ? error : 'invalid_error',
    iss: read('iss'),
  }
}

function reader(query: CallbackQuery): (name: string) => string | undefined {
  if (typeof query === 'string' || query instanceof URLSearchParams) {
    const params = typeof query === 'string' ? new URLSearchParams(query) : query
    return (name) => {
      const values = params.getAll(name)
      return values.length === 1 && values[0] !== '' ? values[0] : undefined
    }
  }
  return (name) => {
    const value = Object.hasOwn(query ?? {}, name) ? query[name] : undefined
    return typeof value === 'string' && value !== '' ? value : undefined
  }
}
