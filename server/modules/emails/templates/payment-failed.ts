import { emailDate, emailMoney } from './format';
import type { EmailContent } from './layout';

export interface PaymentFailedFacts {
  customerName: string;
  invoiceNumber: string;
  currency: string;
  amountDue: number;
  /** When the charge will be tried again; null when it will not be (no retries left). */
  nextAttemptAt: number | null;
  /** The card was refused for good (lost, stolen, fraud): retrying it is pointless. */
  hardDecline: boolean;
}

/** Sent after each failed charge: when it will be retried, or that only a new card helps. */
export function paymentFailedEmail(f: PaymentFailedFacts): EmailContent {
  const due = emailMoney(f.amountDue, f.currency);
  const willRetry = f.nextAttemptAt !== null && !f.hardDecline;
  return {
    subject: `Payment failed for invoice ${f.invoiceNumber}`,
    heading: `We could not collect your payment`,
    paragraphs: [
      `Hello ${f.customerName},`,
      `We tried to charge ${due} for invoice ${f.invoiceNumber}, but the payment did not go through.`,
      willRetry
        ? `We will try again on ${emailDate(f.nextAttemptAt ?? 0)}. If your card details have changed, update your payment method before then.`
        : f.hardDecline
          ? `Your card was declined and will not be charged again. Please update your card to keep your subscription.`
          : `We will not retry this card again. Please update your card to keep your subscription.`,
    ],
    facts: [
      { label: 'Invoice', value: f.invoiceNumber },
      { label: 'Amount due', value: due },
      ...(willRetry ? [{ label: 'Next attempt', value: emailDate(f.nextAttemptAt ?? 0) }] : []),
    ],
    callout: willRetry ? undefined : 'Update your card to pay this invoice.',
  };
}
