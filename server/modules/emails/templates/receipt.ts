import { cardBrandName } from '../../../../shared/card-brands';
import { emailDate, emailMoney } from './format';
import type { EmailContent } from './layout';

export interface ReceiptFacts {
  customerName: string;
  invoiceNumber: string;
  currency: string;
  amountPaid: number;
  paidAt: number;
  lines: { description: string; amount: number }[];
  /** The card charged, when a card paid it. */
  card: { brand: string; last4: string } | null;
}

/** Sent when an invoice is paid with money (not when credit covered it, nor after a recovery). */
export function receiptEmail(f: ReceiptFacts, senderName: string): EmailContent {
  const paid = emailMoney(f.amountPaid, f.currency);
  return {
    subject: `Receipt for ${f.invoiceNumber} from ${senderName}`,
    heading: `Thank you for your payment`,
    paragraphs: [
      `Hello ${f.customerName},`,
      `We received your payment of ${paid} for invoice ${f.invoiceNumber}. This email is your receipt.`,
    ],
    lines: f.lines.map((l) => ({ description: l.description, amount: emailMoney(l.amount, f.currency) })),
    facts: [
      { label: 'Invoice', value: f.invoiceNumber },
      { label: 'Amount paid', value: paid },
      { label: 'Paid on', value: emailDate(f.paidAt) },
      ...(f.card
        ? [{ label: 'Payment method', value: `${cardBrandName(f.card.brand)} ending in ${f.card.last4}` }]
        : []),
    ],
  };
}
