import { emailDate, emailMoney } from './format';
import type { EmailContent } from './layout';

export interface TrialEndingFacts {
  customerName: string;
  planName: string;
  trialEnd: number;
  /** What the plan costs per interval once the trial ends. */
  price: { amount: number; currency: string; interval: 'month' | 'year'; quantity: number };
  hasPaymentMethod: boolean;
}

/** Sent a few days before a trial ends, so nobody is surprised by the first charge. */
export function trialEndingEmail(f: TrialEndingFacts): EmailContent {
  const ends = emailDate(f.trialEnd);
  const each = emailMoney(f.price.amount * f.price.quantity, f.price.currency);
  return {
    subject: `Your ${f.planName} trial ends on ${ends}`,
    heading: `Your trial ends soon`,
    paragraphs: [
      `Hello ${f.customerName},`,
      `Your free trial of ${f.planName} ends on ${ends}.`,
      f.hasPaymentMethod
        ? `After that your subscription continues at ${each} per ${f.price.interval}, charged to the payment method on file.`
        : `To keep your subscription after that (${each} per ${f.price.interval}), add a payment method before the trial ends.`,
    ],
    facts: [
      { label: 'Plan', value: f.planName },
      { label: 'Trial ends', value: ends },
      { label: 'Price after the trial', value: `${each} / ${f.price.interval}` },
    ],
  };
}
