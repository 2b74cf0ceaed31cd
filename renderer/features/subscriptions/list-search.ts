import { planId } from '../../../shared/billing/schema';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '../../../shared/billing/subscription-machine';

/**
 * The subscriptions list's view as it lives in the URL. Every field is optional (all
 * statuses, all plans, no search); whatever a hand-edited URL gets wrong is dropped.
 */
export interface SubscriptionsSearch {
  q?: string;
  status?: SubscriptionStatus;
  plan?: string;
  /** Who bills it: Tollgate itself, or Stripe Billing (mirrored). */
  billedBy?: 'tollgate' | 'stripe';
}

export function parseSubscriptionsSearch(raw: Record<string, unknown>): SubscriptionsSearch {
  const search: SubscriptionsSearch = {};
  if (typeof raw.q === 'string' && raw.q.trim()) search.q = raw.q.slice(0, 200);
  if ((SUBSCRIPTION_STATUSES as readonly unknown[]).includes(raw.status))
    search.status = raw.status as SubscriptionStatus;
  if (planId.safeParse(raw.plan).success) search.plan = raw.plan as string;
  if (raw.billedBy === 'tollgate' || raw.billedBy === 'stripe') search.billedBy = raw.billedBy;
  return search;
}

/** The list procedure's filters for a view. */
export function subscriptionListFilters(search: SubscriptionsSearch) {
  return {
    search: search.q ?? '',
    status: search.status ?? null,
    planId: search.plan ?? null,
    managedBy: search.billedBy ?? null,
  };
}
