import { createReceiptFormatter, type MoneyFormat, type ReceiptFormatter } from './format';
import { RECEIPT_STATUS_LABELS, receiptStatus, type ReceiptStatus } from './status';
import type { ReceiptData } from './types';

export interface LabelledValue {
  label: string;
  value: string;
}

export interface ReceiptLineView {
  description: string;
  /** Kind and service period under the description, e.g. "Proration · Mar 15 – Apr 1, 2025". */
  detail: string | null;
  quantity: string;
  unitPrice: string;
  amount: string;
}

export interface ReceiptTotalView extends LabelledValue {
  emphasis: boolean;
}

/**
 * A receipt as display text, in reading order. The HTML and the PDF both render this, so
 * they cannot disagree on what a receipt says; they differ only in layout and escaping.
 * Strings are raw: each renderer escapes or encodes them for its own output.
 */
export interface ReceiptView {
  locale: string;
  title: string;
  status: ReceiptStatus;
  statusLabel: string;
  business: { name: string; email: string | null; addressLines: string[] };
  headline: string;
  details: LabelledValue[];
  customer: { name: string; company: string | null; email: string; country: string };
  lines: ReceiptLineView[];
  totals: ReceiptTotalView[];
  payments: { date: string; method: string; status: string; amount: string }[];
  refunds: { date: string; reason: string; amount: string }[];
  footer: string[];
}

const LINE_KIND_TAGS: Record<ReceiptData['lines'][number]['kind'], string | null> = {
  plan: null,
  one_off: null,
  proration: 'Proration',
  credit: 'Credit',
};

/** Formats a receipt's data into the text both renderers lay out. */
export function buildReceiptView(
  data: ReceiptData,
  options: { moneyFormat?: MoneyFormat } = {},
): ReceiptView {
  const { invoice, business, customer } = data;
  const format = createReceiptFormatter({
    locale: data.locale,
    timeZone: data.timeZone,
    currency: invoice.currency,
    moneyFormat: options.moneyFormat,
  });
  const status = receiptStatus(invoice);
  const title = `Receipt ${invoice.number}`;

  return {
    locale: format.locale,
    title,
    status,
    statusLabel: RECEIPT_STATUS_LABELS[status],
    business: { name: business.name, email: business.email, addressLines: business.addressLines },
    headline: headline(data, status, format),
    details: details(data, format),
    customer: {
      name: customer.name,
      company: customer.company,
      email: customer.email,
      country: format.country(customer.country),
    },
    lines: data.lines.map((line) => ({
      description: line.description,
      detail: joinPresent([LINE_KIND_TAGS[line.kind], format.period(line.periodStart, line.periodEnd)]),
      quantity: format.quantity(line.quantity),
      unitPrice: format.money(line.unitAmount),
      amount: format.money(line.amount),
    })),
    totals: totals(invoice, format),
    payments: data.payments.map((payment) => ({
      date: format.date(payment.paidAt),
      method: payment.method ?? '—',
      status: humanize(payment.status),
      amount: format.money(payment.amount),
    })),
    refunds: data.refunds.map((refund) => ({
      date: format.date(refund.refundedAt),
      reason: humanize(refund.reason),
      amount: format.money(refund.amount),
    })),
    footer: [
      business.email
        ? `Questions about this receipt? Contact ${business.name} at ${business.email}.`
        : `Questions about this receipt? Contact ${business.name}.`,
      `${title} · Invoice ID ${invoice.id} · Amounts in ${invoice.currency.toUpperCase()}`,
    ],
  };
}

function headline(data: ReceiptData, status: ReceiptStatus, format: ReceiptFormatter): string {
  const { invoice } = data;
  switch (status) {
    case 'paid':
    case 'partially_refunded':
    case 'refunded':
      return invoice.paidAt === null
        ? `${format.money(invoice.amountPaid)} paid`
        : `${format.money(invoice.amountPaid)} paid on ${format.date(invoice.paidAt)}`;
    case 'open':
      return `${format.money(invoice.amountDue)} due`;
    case 'void':
      return 'This invoice was voided';
    case 'uncollectible':
      return `${format.money(invoice.amountDue)} marked uncollectible`;
  }
}

function details(data: ReceiptData, format: ReceiptFormatter): LabelledValue[] {
  const { invoice } = data;
  const rows: LabelledValue[] = [
    { label: 'Invoice number', value: invoice.number },
    { label: 'Date issued', value: format.date(invoice.issuedAt) },
  ];
  if (invoice.paidAt !== null) rows.push({ label: 'Date paid', value: format.date(invoice.paidAt) });
  const period = format.period(invoice.periodStart, invoice.periodEnd);
  if (period !== null) rows.push({ label: 'Billing period', value: period });
  return rows;
}

function totals(invoice: ReceiptData['invoice'], format: ReceiptFormatter): ReceiptTotalView[] {
  const rows: ReceiptTotalView[] = [
    { label: 'Subtotal', value: format.money(invoice.subtotal), emphasis: false },
  ];
  // Credit reduces what is owed; show it as a deduction whichever sign the ledger stored.
  if (invoice.creditApplied !== 0) {
    rows.push({
      label: 'Credit applied',
      value: format.money(-Math.abs(invoice.creditApplied)),
      emphasis: false,
    });
  }
  rows.push({ label: 'Total', value: format.money(invoice.total), emphasis: true });
  rows.push({ label: 'Amount paid', value: format.money(invoice.amountPaid), emphasis: false });
  if (invoice.amountRefunded > 0) {
    rows.push({ label: 'Amount refunded', value: format.money(invoice.amountRefunded), emphasis: false });
  }
  rows.push({ label: 'Amount due', value: format.money(invoice.amountDue), emphasis: true });
  return rows;
}

function joinPresent(parts: (string | null)[]): string | null {
  const present = parts.filter((part): part is string => part !== null && part !== '');
  return present.length > 0 ? present.join(' · ') : null;
}

/** Gateway codes read as words on a receipt: "requested_by_customer" → "Requested by customer". */
function humanize(code: string): string {
  const words = code.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
