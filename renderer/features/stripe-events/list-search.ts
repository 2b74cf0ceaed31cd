import {
  HANDLED_STRIPE_EVENT_TYPES,
  STRIPE_EVENT_STATUSES,
  type StripeEventStatus,
} from '../../../shared/stripe-events/schema';

export const SINCE_RANGES = {
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000 },
} as const;
export type SinceRange = keyof typeof SINCE_RANGES;

/** The webhook events list's view in the URL: a status, a type and how far back. */
export interface StripeEventsSearch {
  status?: StripeEventStatus;
  type?: string;
  since?: SinceRange;
}

export function parseStripeEventsSearch(raw: Record<string, unknown>): StripeEventsSearch {
  const search: StripeEventsSearch = {};
  if ((STRIPE_EVENT_STATUSES as readonly unknown[]).includes(raw.status))
    search.status = raw.status as StripeEventStatus;
  if ((HANDLED_STRIPE_EVENT_TYPES as readonly unknown[]).includes(raw.type)) search.type = raw.type as string;
  if (typeof raw.since === 'string' && raw.since in SINCE_RANGES) search.since = raw.since as SinceRange;
  return search;
}

/** The list procedure's filters for a view; `now` fixes where "since" counts back from. */
export function stripeEventListFilters(search: StripeEventsSearch, now: number) {
  return {
    status: search.status ?? null,
    type: search.type ?? null,
    from: search.since ? now - SINCE_RANGES[search.since].ms : null,
  };
}
