import type { SubscriptionDetail } from './types';

type LastRequest = NonNullable<NonNullable<SubscriptionDetail['stripe']>['lastRequest']>;

const ACTIONS: Record<LastRequest['action'], string> = {
  cancel_now: 'Cancel now',
  cancel_at_period_end: 'Cancel at the end of the period',
  undo_cancel: 'Undo the cancellation',
  pause_collection: 'Pause collection',
  resume_collection: 'Resume collection',
  change_price: 'Change the price',
};

/** What staff asked Stripe for, in words. */
export function stripeRequestLabel(action: LastRequest['action']): string {
  return ACTIONS[action];
}
