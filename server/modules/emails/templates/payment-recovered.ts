import { emailMoney } from './format';
import type { EmailContent } from './layout';

export interface PaymentRecoveredFacts {
  customerName: string;
  invoiceNumber: string;
  currency: string;
  amount: number;
}

/** Sent when an invoice that failed before is paid after all: the worry can end. */
export function paymentRecoveredEmail(f: PaymentRecoveredFacts): EmailContent {
  const amount = emailMoney(f.amount, f.currency);
  return {
    subject: `Payment received for invoice ${f.invoiceNumber}`,
    heading: `Your payment went through`,
    paragraphs: [
      `Hello ${f.customerName},`,
      `Good news: your payment of ${amount} for invoice ${f.invoiceNumber} succeeded. Your account is in good standing and nothing more is needed.`,
    ],
    facts: [
      { label: 'Invoice', value: f.invoiceNumber },
      { label: 'Amount paid', value: amount },
    ],
  };
}
