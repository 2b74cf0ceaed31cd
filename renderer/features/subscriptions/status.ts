import type { SubscriptionStatus } from '../../../shared/billing/subscription-machine';

/** How each status reads and its badge colour: green has access, orange and red need attention. */
export const SUBSCRIPTION_STATUS_LOOK: Record<SubscriptionStatus, { label: string; color: string }> = {
  incomplete: { label: 'Incomplete', color: 'grape' },
  trialing: { label: 'Trialing', color: 'blue' },
  active: { label: 'Active', color: 'teal' },
  past_due: { label: 'Past due', color: 'orange' },
  paused: { label: 'Paused', color: 'yellow' },
  canceled: { label: 'Canceled', color: 'gray' },
  unpaid: { label: 'Unpaid', color: 'red' },
};
