import type { Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { GenerationalCache } from './cache';
import type { ResolvedEntitlements, TenantCatalog } from './rules';

/**
 * Where cached entitlements live: one store per database handle, so two backends (or two
 * tests) in one process never see each other's entries.
 */

export const MAX_CACHED_CUSTOMERS = 50_000;
export const MAX_CACHED_TENANTS = 1_000;

/**
 * How long an entry is trusted on PostgreSQL, where other instances write the same database:
 * their commands invalidate only their own process's stores, so a change made there is seen
 * here within this long (as API keys and tenant status, decision 112). SQLite has one process:
 * its entries live until invalidated.
 */
export const SHARED_DATABASE_CACHE_MS = 5_000;

/** A cached value and when (server clock) it was read. */
export interface Stamped<V> {
  value: V;
  readAtMs: number;
}

/** A customer's entitlements with the catalog they were computed from, for explanations. */
export interface CustomerState {
  catalog: TenantCatalog;
  entitlements: ResolvedEntitlements;
}

export interface EntitlementStore {
  /** Each tenant's catalog, under the key '' (one per tenant). */
  catalogs: GenerationalCache<Stamped<TenantCatalog>>;
  customers: GenerationalCache<Stamped<CustomerState>>;
  /** Null: entries live until invalidated. */
  maxAgeMs: number | null;
}

/** The value of a cached entry still young enough to answer at `now`. */
export function fresh<V>(store: EntitlementStore, entry: Stamped<V> | undefined, now: number): V | undefined {
  if (!entry) return undefined;
  if (store.maxAgeMs !== null && !(now >= entry.readAtMs && now - entry.readAtMs < store.maxAgeMs))
    return undefined;
  return entry.value;
}

const stores = new WeakMap<Kysely<DB>, EntitlementStore>();
// Invalidation names a tenant, not a database, so it reaches every live store; ids are
// globally unique, so touching another database's store only ever drops nothing.
const liveStores = new Set<WeakRef<EntitlementStore>>();

/** The store for `db`, or none inside a transaction, whose uncommitted reads must not be cached. */
export function storeFor(db: Kysely<DB>): EntitlementStore | undefined {
  if (db.isTransaction) return undefined;
  let store = stores.get(db);
  if (!store) {
    store = {
      catalogs: new GenerationalCache(MAX_CACHED_TENANTS),
      customers: new GenerationalCache(MAX_CACHED_CUSTOMERS),
      maxAgeMs: dialectOf(db) === 'postgres' ? SHARED_DATABASE_CACHE_MS : null,
    };
    stores.set(db, store);
    liveStores.add(new WeakRef(store));
  }
  return store;
}

export function forEachStore(visit: (store: EntitlementStore) => void): void {
  for (const ref of liveStores) {
    const store = ref.deref();
    if (store) visit(store);
    else liveStores.delete(ref);
  }
}
