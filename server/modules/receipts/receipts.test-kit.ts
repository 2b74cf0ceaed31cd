import type { ReceiptData } from './types';

const day = 86_400_000;
const MARCH_1_2025 = Date.UTC(2025, 2, 1);

/** A paid USD invoice with a plan, a proration, a one-off charge and a credit; tests override parts. */
export function sampleReceipt(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return {
    business: {
      name: 'Acme Analytics, Inc.',
      email: 'billing@acme.test',
      addressLines: ['500 Market Street, Suite 300', 'San Francisco, CA 94105', 'United States'],
    },
    invoice: {
      id: 'in_01HZX3K4',
      number: 'INV-2025-0042',
      status: 'paid',
      currency: 'USD',
      issuedAt: MARCH_1_2025,
      paidAt: MARCH_1_2025 + 2 * day,
      periodStart: MARCH_1_2025,
      periodEnd: Date.UTC(2025, 3, 1),
      subtotal: 12_450,
      creditApplied: 0,
      total: 12_450,
      amountPaid: 12_450,
      amountRefunded: 0,
      amountDue: 0,
    },
    customer: {
      name: 'Zoë Müller',
      email: 'zoe@example.test',
      company: 'Müller & Söhne GmbH',
      country: 'DE',
    },
    lines: [
      {
        description: 'Growth plan',
        quantity: 5,
        unitAmount: 2_000,
        amount: 10_000,
        periodStart: MARCH_1_2025,
        periodEnd: Date.UTC(2025, 3, 1),
        kind: 'plan',
      },
      {
        description: 'Extra seats (prorated)',
        quantity: 2,
        unitAmount: 1_475,
        amount: 2_950,
        periodStart: Date.UTC(2025, 2, 15),
        periodEnd: Date.UTC(2025, 3, 1),
        kind: 'proration',
      },
      {
        description: 'Unused time on Starter plan',
        quantity: 1,
        unitAmount: -500,
        amount: -500,
        periodStart: Date.UTC(2025, 2, 15),
        periodEnd: Date.UTC(2025, 3, 1),
        kind: 'proration',
      },
    ],
    payments: [
      {
        id: 'py_1',
        amount: 12_450,
        status: 'succeeded',
        paidAt: MARCH_1_2025 + 2 * day,
        method: 'Visa •••• 4242',
      },
    ],
    refunds: [],
    locale: 'en-US',
    timeZone: 'UTC',
    ...overrides,
  };
}

/** A one-off line without a service period. */
export function oneOffLine(description: string, amount: number): ReceiptData['lines'][number] {
  return {
    description,
    quantity: 1,
    unitAmount: amount,
    amount,
    periodStart: null,
    periodEnd: null,
    kind: 'one_off',
  };
}

/** The sample invoice with `count` generated lines whose amounts still add up. */
export function receiptWithLines(count: number): ReceiptData {
  const base = sampleReceipt();
  const total = count * 100;
  return {
    ...base,
    lines: Array.from({ length: count }, (_, index) => oneOffLine(`Usage item ${index + 1}`, 100)),
    invoice: { ...base.invoice, subtotal: total, total, amountPaid: total },
    payments: base.payments.map((payment) => ({ ...payment, amount: total })),
  };
}
