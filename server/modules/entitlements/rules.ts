import type { EntitlementSource } from '../../../shared/catalog/entitlements';
import type { FeatureKind } from '../../../shared/catalog/types';
import type { DB } from '../../db/schema';
import { BugIndicatingError } from '../../lib/errors';

/**
 * The entitlement rules, pure. Every feature's value is read as a cap: a whole number,
 * null for unlimited, 0 for not entitled. A flag that is on is null (nothing caps it) and
 * one that is off is 0, so combining flags by OR and limits by maximum is one operation.
 */

export type SubscriptionStatus = DB['subscriptions']['status'];

/** null: unlimited (or a flag that is on); 0: not entitled; n: up to n. */
export type Cap = number | null;

// past_due keeps access through the recovery grace period (see grantsNow); a subscription set
// to cancel at period end stays active until then, so its status alone decides.
const GRANTING_STATUSES: ReadonlySet<SubscriptionStatus> = new Set(['trialing', 'active', 'past_due']);

/** True when a subscription in this status can grant its plan's features (past_due: in grace only). */
export function grantsAccess(status: SubscriptionStatus): boolean {
  return GRANTING_STATUSES.has(status);
}

/** Whether a past-due subscription's grace period is over at `now`. */
const graceOver = (subscription: CustomerSubscription, now: number): boolean =>
  subscription.status === 'past_due' &&
  subscription.graceEndsAt !== undefined &&
  subscription.graceEndsAt !== null &&
  now >= subscription.graceEndsAt;

/** True when the subscription grants its plan's features at `now`. */
export function grantsNow(subscription: CustomerSubscription, now: number): boolean {
  return grantsAccess(subscription.status) && !graceOver(subscription, now);
}

/** Two sources' caps for one feature, together: unlimited wins, otherwise the larger. */
export function combineCaps(a: Cap, b: Cap): Cap {
  return a === null || b === null ? null : Math.max(a, b);
}

/** A stored plan value as a cap (flags are stored 1 for on). */
export function capOf(kind: FeatureKind, stored: number | null): Cap {
  return kind === 'flag' ? (stored === 1 ? null : 0) : stored;
}

/**
 * A feature's cap in `caps`: 0 when the key is absent. (Not `?? 0`, which would read
 * unlimited, stored as null, as nothing.)
 */
export function capIn(caps: ReadonlyMap<string, Cap> | undefined, key: string): Cap {
  const cap = caps?.get(key);
  return cap === undefined ? 0 : cap;
}

export interface PlanCaps {
  id: string;
  name: string;
  /** Caps by feature key; a feature the plan leaves out is 0. */
  caps: ReadonlyMap<string, Cap>;
}

/** What entitlements need of a tenant's catalog. */
export interface TenantCatalog {
  features: readonly { key: string; name: string; kind: FeatureKind }[];
  featuresByKey: ReadonlyMap<string, { key: string; name: string; kind: FeatureKind }>;
  plans: ReadonlyMap<string, PlanCaps>;
  defaultPlanId: string | null;
}

export interface CustomerSubscription {
  id: string;
  status: SubscriptionStatus;
  cancelAtPeriodEnd: boolean;
  planId: string;
  /**
   * For a past-due subscription, when its failed payment's grace period ends (access ends
   * then); null or absent when no recovery sets one.
   */
  graceEndsAt?: number | null;
}

/** A customer's computed entitlements: where they come from, and every cap that is not 0. */
export interface ResolvedEntitlements {
  sources: EntitlementSource[];
  caps: ReadonlyMap<string, Cap>;
}

const dateText = (ms: number) =>
  new Date(ms).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });

function statusText(subscription: CustomerSubscription, now: number): string {
  switch (subscription.status) {
    case 'trialing':
      return 'trialing';
    case 'active':
      return subscription.cancelAtPeriodEnd ? 'active, cancels at period end' : 'active';
    case 'past_due':
      if (graceOver(subscription, now)) return 'past due, grace period over';
      return subscription.graceEndsAt
        ? `past due, in grace period until ${dateText(subscription.graceEndsAt)}`
        : 'past due, in grace period';
    case 'paused':
    case 'canceled':
    case 'unpaid':
    case 'incomplete':
      return `${subscription.status}: grants nothing`;
  }
}

function planOf(catalog: TenantCatalog, planId: string): PlanCaps {
  const plan = catalog.plans.get(planId);
  // Subscriptions reference plans by foreign key; a miss means the catalog was read wrong.
  if (!plan) throw new BugIndicatingError(`plan ${planId} is missing from its tenant's catalog`);
  return plan;
}

function subscriptionSource(
  catalog: TenantCatalog,
  subscription: CustomerSubscription,
  now: number,
): EntitlementSource {
  const plan = planOf(catalog, subscription.planId);
  return {
    kind: 'subscription',
    subscriptionId: subscription.id,
    status: subscription.status,
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    planId: plan.id,
    planName: plan.name,
    grants: grantsNow(subscription, now),
    label: `${plan.name} plan · subscription ${subscription.id} (${statusText(subscription, now)})`,
  };
}

/**
 * Which sources apply to a customer at `now` (the customer's own time): every subscription
 * that grants access then, or — when none does — the tenant's default plan, if it has one.
 */
export function resolveEntitlements(
  catalog: TenantCatalog,
  subscriptions: readonly CustomerSubscription[],
  now: number,
): ResolvedEntitlements {
  const sources = subscriptions.map((subscription) => subscriptionSource(catalog, subscription, now));
  if (!sources.some((source) => source.grants) && catalog.defaultPlanId) {
    const plan = planOf(catalog, catalog.defaultPlanId);
    sources.push({
      kind: 'default_plan',
      planId: plan.id,
      planName: plan.name,
      grants: true,
      label: `${plan.name} plan (workspace default, no active subscription)`,
    });
  }
  const caps = new Map<string, Cap>();
  for (const source of sources) {
    if (!source.grants) continue;
    for (const [key, cap] of planOf(catalog, source.planId).caps) {
      if (cap === 0) continue;
      caps.set(key, combineCaps(capIn(caps, key), cap));
    }
  }
  return { sources, caps };
}
