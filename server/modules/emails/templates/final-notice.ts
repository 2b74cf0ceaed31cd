import { emailDate, emailMoney } from './format';
import type { EmailContent } from './layout';

export interface FinalNoticeFacts {
  customerName: string;
  invoiceNumber: string;
  currency: string;
  amount: number;
  /** The last retry; null when none is left before the final action. */
  lastAttemptAt: number | null;
  /** What happens if that fails: the subscription is canceled, or the account marked unpaid. */
  finalAction: 'cancel' | 'mark_unpaid';
}

/** Sent before the last retry: what is due and what happens if it fails too. */
export function finalNoticeEmail(f: FinalNoticeFacts): EmailContent {
  const amount = emailMoney(f.amount, f.currency);
  const consequence =
    f.finalAction === 'cancel'
      ? 'your subscription will be canceled'
      : 'your subscription will be marked unpaid and this invoice closed as uncollectible';
  return {
    subject: `Final notice: invoice ${f.invoiceNumber} is still unpaid`,
    heading: `Final notice`,
    paragraphs: [
      `Hello ${f.customerName},`,
      `Invoice ${f.invoiceNumber} for ${amount} is still unpaid after several attempts.`,
      f.lastAttemptAt !== null
        ? `We will make a last attempt on ${emailDate(f.lastAttemptAt)}. If it fails, ${consequence}.`
        : `If it is not paid, ${consequence}.`,
    ],
    facts: [
      { label: 'Invoice', value: f.invoiceNumber },
      { label: 'Amount due', value: amount },
      ...(f.lastAttemptAt !== null ? [{ label: 'Last attempt', value: emailDate(f.lastAttemptAt) }] : []),
    ],
    callout: 'Update your card now to avoid this.',
  };
}
