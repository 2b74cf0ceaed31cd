import type { Kysely } from 'kysely';
import type { Permission, TenantRole } from '../../shared/permissions';
import type { DB } from '../db/schema';

/**
 * What the server remembers about API keys between requests, per database handle (two
 * backends or two tests in one process never share it): the stored keys it has looked up,
 * and when it last recorded each key's use.
 *
 * A service checks entitlements on every request it serves, so a key is looked up far more
 * often than it changes. A key's name, role and scopes never change; only revocation does,
 * and the revoking command forgets the key here as soon as it commits, on this server at
 * once. A server that did not revoke it (another instance on the same PostgreSQL, or a row
 * changed by hand) sees it within KEY_CACHE_MS, when the entry expires.
 */

/** How long a looked-up key is trusted without reading it again. */
export const KEY_CACHE_MS = 5_000;
/** Room for this many keys; the least recently used is dropped beyond it. */
export const MAX_CACHED_KEYS = 10_000;
/** last_used_at is written at most this often per key, so busy keys do not write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface StoredKey {
  id: string;
  tenantId: string;
  name: string;
  role: TenantRole;
  scopes: readonly Permission[];
  revokedAt: number | null;
  lastUsedAt: number | null;
}

interface Entry {
  key: StoredKey;
  expiresAt: number;
}

class KeyMemory {
  /** By key hash. Unknown keys are never kept, so guessing cannot fill it. */
  readonly #entries = new Map<string, Entry>();
  /** Bumped by every forget, so a lookup that began before a revocation cannot store what it read. */
  #generation = 0;
  /** When each key's use was last recorded (or found recorded), for the once-a-minute write. */
  readonly lastRecorded = new Map<string, number>();
  readonly pendingWrites = new Set<Promise<void>>();

  begin(): number {
    return this.#generation;
  }

  get(hash: string, now: number): StoredKey | undefined {
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    this.#entries.delete(hash);
    if (entry.expiresAt <= now) return undefined;
    this.#entries.set(hash, entry);
    return entry.key;
  }

  set(hash: string, key: StoredKey, now: number, readAt: number): void {
    if (readAt !== this.#generation) return;
    this.#entries.delete(hash);
    this.#entries.set(hash, { key, expiresAt: now + KEY_CACHE_MS });
    // Maps iterate in insertion order and every use re-inserts: the first is the least recently used.
    if (this.#entries.size > MAX_CACHED_KEYS) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  /** Remembers when a key's use was recorded; forgetting the oldest costs at most one early write. */
  recorded(keyId: string, at: number): void {
    this.lastRecorded.delete(keyId);
    this.lastRecorded.set(keyId, at);
    if (this.lastRecorded.size > MAX_CACHED_KEYS) {
      const oldest = this.lastRecorded.keys().next();
      if (!oldest.done) this.lastRecorded.delete(oldest.value);
    }
  }

  forget(keyId: string): void {
    this.#generation += 1;
    for (const [hash, entry] of this.#entries) {
      if (entry.key.id === keyId) this.#entries.delete(hash);
    }
  }
}

const memories = new WeakMap<Kysely<DB>, KeyMemory>();
// Revocation names a key, not a database, so it reaches every live memory; ids are globally unique.
const liveMemories = new Set<WeakRef<KeyMemory>>();

/** The memory for `db`, or none inside a transaction, whose uncommitted reads must not be kept. */
export function keyMemoryFor(db: Kysely<DB>): KeyMemory | undefined {
  if (db.isTransaction) return undefined;
  let memory = memories.get(db);
  if (!memory) {
    memory = new KeyMemory();
    memories.set(db, memory);
    liveMemories.add(new WeakRef(memory));
  }
  return memory;
}

/** Forgets a key everywhere in this process: call after its revocation commits. */
export function forgetApiKey(keyId: string): void {
  for (const ref of liveMemories) {
    const memory = ref.deref();
    if (memory) memory.forget(keyId);
    else liveMemories.delete(ref);
  }
}

export interface KeyUse {
  /** The caller's network address, kept with the last use when known. */
  address: string | null;
  /** Told when recording the use fails; the request it came from has long been answered. */
  onError?: (error: unknown) => void;
}

/**
 * Records that `key` was used at `now`, at most once per LAST_USED_RESOLUTION_MS per key in
 * this process. The write happens after the current request's work (its own statement, in
 * no request's transaction) and nobody waits for it: a busy key costs one write a minute,
 * and a failed write costs only a stale "last used".
 */
export function noteKeyUse(db: Kysely<DB>, key: StoredKey, now: number, use: KeyUse): void {
  const memory = keyMemoryFor(db);
  if (!memory) return;
  const remembered = memory.lastRecorded.get(key.id);
  const recorded = remembered ?? key.lastUsedAt;
  if (recorded !== null && now - recorded < LAST_USED_RESOLUTION_MS) {
    if (remembered === undefined) memory.recorded(key.id, recorded);
    return;
  }
  memory.recorded(key.id, now);
  const write = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() =>
      db
        .updateTable('api_keys')
        .set({ last_used_at: now, last_used_address: use.address })
        .where('id', '=', key.id)
        // Never back in time, should a slower write from another instance land later.
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', now)]))
        .execute(),
    )
    .then(
      () => undefined,
      (error: unknown) => use.onError?.(error),
    )
    .finally(() => memory.pendingWrites.delete(write));
  memory.pendingWrites.add(write);
}

/** Resolves when every last-use write begun on `db` has finished: before closing the database. */
export async function settleKeyUseWrites(db: Kysely<DB>): Promise<void> {
  const memory = memories.get(db);
  while (memory && memory.pendingWrites.size > 0) await Promise.all([...memory.pendingWrites]);
}
