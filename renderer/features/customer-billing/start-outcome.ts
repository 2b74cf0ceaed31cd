import { formatDate } from '../../lib/format';
import type { SubscriptionStart } from './types';

export interface StartOutcome {
  tone: 'success' | 'warning' | 'error';
  title: string;
  message: string;
}

const STAYS_INCOMPLETE = 'The subscription stays incomplete until its first invoice is paid.';

/** What happened when a subscription started, as a notification tells staff. */
export function describeStart({ subscription, payment }: SubscriptionStart): StartOutcome {
  if (subscription.status === 'trialing') {
    const until = subscription.trialEnd ? ` until ${formatDate(subscription.trialEnd)}` : '';
    return { tone: 'success', title: 'Trial started', message: `The subscription is trialing${until}.` };
  }
  if (subscription.status === 'active') {
    return {
      tone: 'success',
      title: 'Subscription started',
      message: payment?.outcome === 'paid' ? 'It is active; the first invoice was paid.' : 'It is active.',
    };
  }
  switch (payment?.outcome) {
    case 'failed':
      return {
        tone: 'error',
        title: 'The first payment failed',
        message: `${payment.payment.failureMessage ?? 'The card was declined.'} ${STAYS_INCOMPLETE}`,
      };
    case 'requires_action':
      return {
        tone: 'warning',
        title: 'The payment needs authentication',
        message: `The bank asks the customer to confirm this payment (3-D Secure). ${STAYS_INCOMPLETE}`,
      };
    case 'gateway_unavailable':
      return {
        tone: 'warning',
        title: 'The payment gateway did not answer',
        message: `${payment.message} ${STAYS_INCOMPLETE}`,
      };
    case 'no_payment_method':
      return {
        tone: 'warning',
        title: 'No card to charge',
        message: `Add a card to the customer. ${STAYS_INCOMPLETE}`,
      };
    default:
      return { tone: 'warning', title: 'Subscription created', message: `It is ${subscription.status}.` };
  }
}
