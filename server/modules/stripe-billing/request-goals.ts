import type Stripe from 'stripe';
import type { StripeSubscriptionAction } from '../../db/schema-stripe-billing';
import { primaryItem } from './mapping';

/** What staff asked Stripe for, beyond the action itself. */
export interface RequestParams {
  /** change_price: the Stripe price (price_…) asked for. */
  priceRef?: string;
  /** pause_collection: when collection resumes by itself (ms), or null. */
  resumeAt?: number | null;
}

/**
 * Whether a Stripe snapshot shows a staff request done. A request is confirmed by the
 * event it caused (same idempotency key) or by any snapshot showing its effect, since
 * Stripe does not name the key on every event (a DELETE takes none).
 */
export function requestDone(
  action: StripeSubscriptionAction,
  params: RequestParams,
  subscription: Stripe.Subscription,
): boolean {
  switch (action) {
    case 'cancel_now':
      return subscription.status === 'canceled' || subscription.status === 'incomplete_expired';
    case 'cancel_at_period_end':
      return subscription.cancel_at_period_end;
    case 'undo_cancel':
      return !subscription.cancel_at_period_end && subscription.cancel_at === null;
    case 'pause_collection':
      return subscription.pause_collection !== null;
    case 'resume_collection':
      return subscription.pause_collection === null;
    case 'change_price':
      return primaryItem(subscription).price.id === params.priceRef;
  }
}
