import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';
import { renderReceiptHtml } from './html';
import { renderReceiptPdf } from './pdf';
import type { ReceiptData } from './types';
import { invoiceDetail } from '../billing';

/** The receipt's data, from the invoice as it stands (payments and refunds included). */
async function receiptData(db: Kysely<DB>, tenantId: string, invoiceId: string): Promise<ReceiptData> {
  const detail = await invoiceDetail(db, tenantId, invoiceId);
  const { invoice } = detail;
  if (invoice.status === 'draft' || !invoice.number || invoice.finalizedAt === null) {
    throw new DomainError('INVALID_STATE', 'A draft has no receipt; finalize the invoice first');
  }
  const tenant = await db
    .selectFrom('tenants')
    .select('name')
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const customer = await db
    .selectFrom('customers')
    .select(['company', 'country'])
    .where('id', '=', invoice.customerId)
    .executeTakeFirstOrThrow();
  return {
    business: { name: tenant.name, email: null, addressLines: [] },
    invoice: {
      id: invoice.id,
      number: invoice.number,
      status: invoice.status,
      currency: invoice.currency,
      issuedAt: invoice.finalizedAt,
      paidAt: invoice.paidAt,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      subtotal: invoice.subtotal,
      creditApplied: invoice.creditApplied,
      total: invoice.total,
      amountPaid: invoice.amountPaid,
      amountRefunded: invoice.amountRefunded,
      amountDue: Math.max(invoice.amountDue - invoice.amountPaid, 0),
    },
    customer: {
      name: detail.customer.name,
      email: detail.customer.email,
      company: customer.company,
      country: customer.country,
    },
    lines: detail.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitAmount: l.unitAmount,
      amount: l.amount,
      periodStart: l.periodStart,
      periodEnd: l.periodEnd,
      kind: l.kind,
    })),
    payments: detail.payments
      .filter((p) => p.status === 'succeeded')
      .map((p) => ({ id: p.id, amount: p.amount, status: p.status, paidAt: p.updatedAt, method: p.method })),
    refunds: detail.refunds
      .filter((r) => r.status === 'succeeded')
      .map((r) => ({ id: r.id, amount: r.amount, reason: r.reason, refundedAt: r.updatedAt })),
    locale: 'en-US',
    timeZone: 'UTC',
  };
}

/** The receipt as a file the console can offer for download (PDF base64-encoded for JSON transport). */
export async function receiptFile(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
  format: 'pdf' | 'html',
) {
  const data = await receiptData(db, tenantId, invoiceId);
  const filename = `receipt-${data.invoice.number}.${format}`;
  if (format === 'html')
    return {
      filename,
      contentType: 'text/html; charset=utf-8',
      encoding: 'utf8' as const,
      content: renderReceiptHtml(data),
    };
  const pdf = await renderReceiptPdf(data);
  return {
    filename,
    contentType: 'application/pdf',
    encoding: 'base64' as const,
    content: pdf.toString('base64'),
  };
}
