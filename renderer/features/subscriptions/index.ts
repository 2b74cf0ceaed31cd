/** What other screens use from subscriptions. */
export { SubscriptionStatusBadge } from './SubscriptionStatusBadge';
export { SUBSCRIPTION_STATUS_LOOK } from './status';
