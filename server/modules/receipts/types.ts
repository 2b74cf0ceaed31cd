/**
 * Everything a receipt shows, already loaded. Amounts are integer minor units in the
 * invoice currency; times are UTC epoch milliseconds.
 */
export interface ReceiptData {
  business: { name: string; email: string | null; addressLines: string[] };
  invoice: {
    id: string;
    number: string;
    status: 'open' | 'paid' | 'void' | 'uncollectible';
    currency: string;
    issuedAt: number;
    paidAt: number | null;
    periodStart: number | null;
    periodEnd: number | null;
    subtotal: number;
    creditApplied: number;
    total: number;
    amountPaid: number;
    amountRefunded: number;
    amountDue: number;
  };
  customer: { name: string; email: string; company: string | null; country: string };
  lines: {
    description: string;
    quantity: number;
    unitAmount: number;
    amount: number;
    periodStart: number | null;
    periodEnd: number | null;
    kind: 'plan' | 'proration' | 'one_off' | 'credit';
  }[];
  payments: {
    id: string;
    amount: number;
    status: string;
    paidAt: number;
    method: string | null /* e.g. "Visa •••• 4242" */;
  }[];
  refunds: { id: string; amount: number; reason: string; refundedAt: number }[];
  locale: string; // e.g. 'en-US', for money and date formatting
  timeZone: string; // e.g. 'UTC', for dates
}
