/**
 * A bounded, least-recently-used map of values computed from the database, keyed by
 * (tenant, key), that can be invalidated per key or per whole tenant.
 *
 * The hazard is a reader that read the database before a change and stores its result
 * after the change's invalidation: it would keep a stale value until the next change.
 * So every invalidation takes a fresh number from one generation counter and stamps the
 * key (or the tenant) with it; a reader takes `begin()` before it reads, and `set()`
 * refuses its value when the key or tenant was stamped after that.
 *
 * Key stamps are bounded too: forgetting one remembers the newest forgotten stamp, and a
 * key without a stamp counts as invalidated then. That only ever refuses a value that
 * might have been fine — a cache miss, never a stale hit.
 */

interface Entry<V> {
  value: V;
  /** The generation the reader began at. */
  readAt: number;
}

const compose = (tenantId: string, key: string) => `${tenantId}\u0000${key}`;

export class GenerationalCache<V> {
  #generation = 0;
  #forgottenStamp = 0;
  readonly #entries = new Map<string, Entry<V>>();
  readonly #keyStamps = new Map<string, number>();
  readonly #tenantStamps = new Map<string, number>();

  constructor(readonly maxEntries: number) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`a cache needs room for at least one entry, not ${maxEntries}`);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Call before reading the database; pass the result to `set()`. */
  begin(): number {
    return this.#generation;
  }

  get(tenantId: string, key: string): V | undefined {
    const id = compose(tenantId, key);
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    this.#entries.delete(id);
    // Tenant invalidations are applied lazily, here, so they cost O(1) however many keys the tenant has.
    if (this.#tenantStamp(tenantId) > entry.readAt) return undefined;
    this.#entries.set(id, entry);
    return entry.value;
  }

  /** Stores a value read since `readAt`, unless the key or its tenant was invalidated since; returns whether it did. */
  set(tenantId: string, key: string, value: V, readAt: number): boolean {
    const id = compose(tenantId, key);
    if (this.#keyStamp(id) > readAt || this.#tenantStamp(tenantId) > readAt) return false;
    this.#entries.delete(id);
    this.#entries.set(id, { value, readAt });
    if (this.#entries.size > this.maxEntries) this.#dropOldest(this.#entries);
    return true;
  }

  invalidate(tenantId: string, key: string): void {
    const id = compose(tenantId, key);
    this.#entries.delete(id);
    this.#keyStamps.delete(id);
    this.#keyStamps.set(id, ++this.#generation);
    if (this.#keyStamps.size > this.maxEntries) {
      const forgotten = this.#dropOldest(this.#keyStamps);
      if (forgotten !== undefined) this.#forgottenStamp = Math.max(this.#forgottenStamp, forgotten);
    }
  }

  invalidateTenant(tenantId: string): void {
    this.#tenantStamps.set(tenantId, ++this.#generation);
  }

  #keyStamp(id: string): number {
    return this.#keyStamps.get(id) ?? this.#forgottenStamp;
  }

  #tenantStamp(tenantId: string): number {
    return this.#tenantStamps.get(tenantId) ?? 0;
  }

  /** Maps iterate in insertion order, and every use re-inserts, so the first is the least recently used. */
  #dropOldest<T>(map: Map<string, T>): T | undefined {
    const oldest = map.entries().next();
    if (oldest.done) return undefined;
    map.delete(oldest.value[0]);
    return oldest.value[1];
  }
}
