import type { Adapter, AdapterPayload } from 'oidc-provider'

// Entries outlive their expiry by this much, so that oidc-provider (which checks `exp` itself)
// can still tell "expired" from "unknown".
const graceMs = 10 * 60_000

interface Entry {
  payload: AdapterPayload
  expiresAt: number
}

/**
 * In-memory storage for the oidc-provider instances of ONE emulator (the library's default
 * adapter warns on every start and caps at 1,000 entries, which a benchmark overflows). A key
 * rotation rebuilds the provider on the same storage, so sessions and refresh tokens survive it.
 */
export class OidcStorage {
  readonly entries = new Map<string, Entry>()
  readonly grants = new Map<string, Set<string>>()
  readonly indexes = new Map<string, string>() // sessionUid:/userCode: -> id
  #writes = 0

  /** An adapter factory for the provider's `adapter` option. */
  factory(): (model: string) => Adapter {
    return (model) => new StorageAdapter(this, model)
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key)
    if (entry && entry.expiresAt + graceMs < Date.now()) {
      this.entries.delete(key)
      return undefined
    }
    return entry
  }

  set(key: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    const expiresAt =
      expiresIn === undefined ? Number.POSITIVE_INFINITY : Date.now() + expiresIn * 1000
    this.entries.set(key, { payload, expiresAt })
    if (++this.#writes % 500 === 0) this.#sweep()
  }

  #sweep(): void {
    const now = Date.now()
    for (const [key, entry] of this.entries)
      if (entry.expiresAt + graceMs < now) this.entries.delete(key)
  }
}

const grantable = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
])

class StorageAdapter implements Adapter {
  readonly #storage: OidcStorage
  readonly #model: string

  constructor(storage: OidcStorage, model: string) {
    this.#storage = storage
    this.#model = model
  }

  #key(id: string): string {
    return `${this.#model}:${id}`
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const key = this.#key(id)
    this.#storage.set(key, payload, expiresIn)
    if (this.#model === 'Session' && typeof payload.uid === 'string') {
      this.#storage.indexes.set(`sessionUid:${payload.uid}`, id)
    }
    if (typeof payload.userCode === 'string')
      this.#storage.indexes.set(`userCode:${payload.userCode}`, id)
    if (grantable.has(this.#model) && typeof payload.grantId === 'string') {
      const members = this.#storage.grants.get(payload.grantId) ?? new Set<string>()
      members.add(key)
      this.#storage.grants.set(payload.grantId, members)
    }
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.#storage.get(this.#key(id))?.payload
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = this.#storage.indexes.get(`sessionUid:${uid}`)
    return id === undefined ? undefined : this.find(id)
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = this.#storage.indexes.get(`userCode:${userCode}`)
    return id === undefined ? undefined : this.find(id)
  }

  async consume(id: string): Promise<void> {
    const entry = this.#storage.get(this.#key(id))
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000)
  }

  async destroy(id: string): Promise<void> {
    this.#storage.entries.delete(this.#key(id))
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const key of this.#storage.grants.get(grantId) ?? []) this.#storage.entries.delete(key)
    this.#storage.grants.delete(grantId)
  }
}
