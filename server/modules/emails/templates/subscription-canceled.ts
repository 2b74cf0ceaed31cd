import { emailDate } from './format';
import type { EmailContent } from './layout';

export interface SubscriptionCanceledFacts {
  customerName: string;
  planName: string;
  endedAt: number;
  /** Why it ended, in the words the billing engine records. */
  reason: string;
}

const WHY: Record<string, string> = {
  period_end: 'at the end of its billing period, as requested',
  trial_ended_without_payment_method: 'because the trial ended without a payment method',
  incomplete_expired: 'because its first payment was never completed',
  payment_failed: 'because its payments could not be collected',
};

/** Sent when a subscription ends, however it ends. */
export function subscriptionCanceledEmail(f: SubscriptionCanceledFacts): EmailContent {
  const ended = emailDate(f.endedAt);
  const why = WHY[f.reason];
  return {
    subject: `Your ${f.planName} subscription has been canceled`,
    heading: `Your subscription has ended`,
    paragraphs: [
      `Hello ${f.customerName},`,
      why
        ? `Your ${f.planName} subscription ended on ${ended} ${why}.`
        : `Your ${f.planName} subscription ended on ${ended}.`,
      `You are welcome back any time.`,
    ],
    facts: [
      { label: 'Plan', value: f.planName },
      { label: 'Ended on', value: ended },
    ],
  };
}
