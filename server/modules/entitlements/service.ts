import type { Kysely } from 'kysely';
import type {
  CustomerEntitlements,
  EntitlementCheck,
  FeatureEntitlement,
} from '../../../shared/catalog/entitlements';
import type { DB } from '../../db/schema';
import { systemClock, type Clock } from '../../lib/clock';
import { DomainError, notFound } from '../../lib/errors';
import { describeFeature } from './explain';
import { loadCustomerSubscriptions, loadTenantCatalog } from './repo';
import { capIn, resolveEntitlements, type TenantCatalog } from './rules';
import { forEachStore, fresh, storeFor, type CustomerState, type EntitlementStore } from './store';

const CATALOG_KEY = '';

async function tenantCatalog(
  db: Kysely<DB>,
  store: EntitlementStore | undefined,
  tenantId: string,
  now: number,
): Promise<TenantCatalog> {
  const cached = store && fresh(store, store.catalogs.get(tenantId, CATALOG_KEY), now);
  if (cached) return cached;
  const readAt = store?.catalogs.begin() ?? 0;
  const catalog = await loadTenantCatalog(db, tenantId);
  store?.catalogs.set(tenantId, CATALOG_KEY, { value: catalog, readAtMs: now }, readAt);
  return catalog;
}

async function customerState(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  clock: Clock,
): Promise<CustomerState> {
  const store = storeFor(db);
  // The server's time ages the cache; a customer's test clock only decides what applies.
  const readAtMs = clock.now();
  const cached = store && fresh(store, store.customers.get(tenantId, customerId), readAtMs);
  if (cached) return cached;
  const readAt = store?.customers.begin() ?? 0;
  // Subscriptions first: a plan a subscription names existed before it, so the catalog read next has it.
  const access = await loadCustomerSubscriptions(db, tenantId, customerId);
  if (!access) throw notFound('Customer');
  const catalog = await tenantCatalog(db, store, tenantId, readAtMs);
  // A customer on a test clock lives on its time. Cached answers stay right as time passes
  // because billing invalidates the customer when a grace period ends.
  const now = access.clockNow ?? clock.now();
  const state = { catalog, entitlements: resolveEntitlements(catalog, access.subscriptions, now) };
  store?.customers.set(tenantId, customerId, { value: state, readAtMs }, readAt);
  return state;
}

function featureOf(catalog: TenantCatalog, featureKey: string) {
  const feature = catalog.featuresByKey.get(featureKey);
  if (!feature) throw new DomainError('NOT_FOUND', `There is no feature with the key ${featureKey}`);
  return feature;
}

/**
 * The customer's cap on a feature: a whole number, null for unlimited, 0 for not entitled
 * (the feature is in none of the plans that apply, or is set to 0 there). A flag reads as
 * null when on and 0 when off, so `can()` is exactly `limit() !== 0`. NOT_FOUND for an
 * unknown customer or feature key.
 */
export async function limit(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  featureKey: string,
  clock: Clock = systemClock,
): Promise<number | null> {
  const { catalog, entitlements } = await customerState(db, tenantId, customerId, clock);
  featureOf(catalog, featureKey);
  return capIn(entitlements.caps, featureKey);
}

/** Whether the customer may use a feature at all: a flag that is on, or a limit above 0. */
export async function can(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  featureKey: string,
  clock: Clock = systemClock,
): Promise<boolean> {
  return (await limit(db, tenantId, customerId, featureKey, clock)) !== 0;
}

/** Every feature of the tenant with the customer's value for it, and the sources behind each. */
export async function explain(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  clock: Clock = systemClock,
): Promise<CustomerEntitlements> {
  const { catalog, entitlements } = await customerState(db, tenantId, customerId, clock);
  return {
    customerId,
    sources: entitlements.sources,
    features: catalog.features.map((feature): FeatureEntitlement =>
      describeFeature(catalog, entitlements, feature),
    ),
  };
}

/** One feature for one customer: allowed, its cap, and why. */
export async function checkEntitlement(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  featureKey: string,
  clock: Clock = systemClock,
): Promise<EntitlementCheck> {
  const { catalog, entitlements } = await customerState(db, tenantId, customerId, clock);
  const feature = describeFeature(catalog, entitlements, featureOf(catalog, featureKey));
  return {
    featureKey: feature.key,
    kind: feature.kind,
    allowed: feature.allowed,
    limit: feature.limit,
    reason: feature.reason,
  };
}

/**
 * Forgets what is cached for one customer. The subscription service calls this after every
 * change to a customer's subscriptions commits (calling it before the commit would let a
 * reader cache the old rows in between).
 */
export function invalidateEntitlements(tenantId: string, customerId: string): void {
  forEachStore((store) => store.customers.invalidate(tenantId, customerId));
}

/** Forgets everything cached for a tenant: after any catalog change commits, since plans feed every customer. */
export function invalidateTenantEntitlements(tenantId: string): void {
  forEachStore((store) => {
    store.catalogs.invalidateTenant(tenantId);
    store.customers.invalidateTenant(tenantId);
  });
}
