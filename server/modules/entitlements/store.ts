import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { GenerationalCache } from './cache';
import type { ResolvedEntitlements, TenantCatalog } from './rules';

/**
 * Where cached entitlements live: one store per database handle, so two backends (or two
 * tests) in one process never see each other's entries.
 */

export const MAX_CACHED_CUSTOMERS = 50_000;
export const MAX_CACHED_TENANTS = 1_000;

/** A customer's entitlements with the catalog they were computed from, for explanations. */
export interface CustomerState {
  catalog: TenantCatalog;
  entitlements: ResolvedEntitlements;
}

export interface EntitlementStore {
  /** Each tenant's catalog, under the key '' (one per tenant). */
  catalogs: GenerationalCache<TenantCatalog>;
  customers: GenerationalCache<CustomerState>;
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
