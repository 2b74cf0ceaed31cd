import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { notFound } from '../../lib/errors';
import { customerBillingSummary, findInvoice, invoiceDetail } from '../billing';
import { receiptFile } from '../receipts';

/**
 * What an account admin sees of their own account (decision 145): the staff's read
 * functions, always called with the customer of the admin's binding (never one from
 * input), and trimmed to what a customer portal shows — no staff notes, no gateway
 * references, no recovery schedule, no drafts.
 */

export interface AccountRequest {
  db: Kysely<DB>;
  tenantId: string;
  customerId: string;
}

/** The customer's profile as they may see it, with the workspace (vendor) it is an account of. */
async function profile(r: AccountRequest) {
  const [customer, tenant] = await Promise.all([
    r.db
      .selectFrom('customers')
      .select(['id', 'name', 'email', 'company', 'country', 'status'])
      .where('tenant_id', '=', r.tenantId)
      .where('id', '=', r.customerId)
      .executeTakeFirst(),
    r.db.selectFrom('tenants').select(['id', 'name']).where('id', '=', r.tenantId).executeTakeFirst(),
  ]);
  if (!customer || !tenant) throw notFound('Account');
  return { customer, vendor: tenant };
}

/** The account at a glance: profile, subscriptions, cards on file, credit, latest invoices. */
export async function accountOverview(r: AccountRequest) {
  const [{ customer, vendor }, summary] = await Promise.all([
    profile(r),
    customerBillingSummary(r.db, r.tenantId, r.customerId),
  ]);
  return {
    vendor,
    customer,
    subscriptions: summary.subscriptions.map((s) => ({
      id: s.id,
      planName: s.planName,
      status: s.status,
      quantity: s.quantity,
      currency: s.currency,
      unitAmount: s.unitAmount,
      interval: s.interval,
      currentPeriodStart: s.currentPeriodStart,
      currentPeriodEnd: s.currentPeriodEnd,
      trialEnd: s.trialEnd,
      cancelAtPeriodEnd: s.cancelAtPeriodEnd,
      endedAt: s.endedAt,
    })),
    paymentMethods: summary.paymentMethods
      .filter((m) => m.status === 'active')
      .map((m) => ({
        id: m.id,
        brand: m.brand,
        last4: m.last4,
        expMonth: m.expMonth,
        expYear: m.expYear,
        isDefault: m.isDefault,
      })),
    balances: summary.balances,
  };
}

/** Issued invoices (never drafts), newest first, a page at a time by (created_at, id). */
export async function accountInvoices(
  r: AccountRequest,
  input: { status?: string | null; cursor?: string | null; limit: number },
) {
  let q = r.db
    .selectFrom('invoices')
    .select([
      'id',
      'number',
      'status',
      'currency',
      'total',
      'amount_due as amountDue',
      'amount_paid as amountPaid',
      'amount_refunded as amountRefunded',
      'finalized_at as issuedAt',
      'paid_at as paidAt',
      'period_start as periodStart',
      'period_end as periodEnd',
      'created_at as createdAt',
    ])
    .where('tenant_id', '=', r.tenantId)
    .where('customer_id', '=', r.customerId)
    .where('status', '!=', 'draft');
  if (input.status) q = q.where('status', '=', input.status as 'open');
  const after = parseCursor(input.cursor);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? `${last.createdAt}:${last.id}` : null,
  };
}

function parseCursor(cursor: string | null | undefined): { createdAt: number; id: string } | null {
  if (!cursor) return null;
  const match = /^(\d{1,16}):(inv_[0-9A-Z]{26})$/.exec(cursor);
  if (!match) return null;
  return { createdAt: Number(match[1]), id: match[2] as string };
}

/** One of the account's issued invoices; any other id (another customer's, a draft) is not found. */
async function ownInvoice(r: AccountRequest, id: string) {
  const invoice = await findInvoice(r.db, r.tenantId, id);
  if (!invoice || invoice.customerId !== r.customerId || invoice.status === 'draft')
    throw notFound('Invoice');
  return invoice;
}

/** An invoice with its lines, payments (with the card's brand and last digits) and refunds. */
export async function accountInvoice(r: AccountRequest, id: string) {
  await ownInvoice(r, id);
  const detail = await invoiceDetail(r.db, r.tenantId, id);
  const { invoice } = detail;
  return {
    invoice: {
      id: invoice.id,
      number: invoice.number,
      status: invoice.status,
      currency: invoice.currency,
      subtotal: invoice.subtotal,
      creditApplied: invoice.creditApplied,
      total: invoice.total,
      amountDue: invoice.amountDue,
      amountPaid: invoice.amountPaid,
      amountRefunded: invoice.amountRefunded,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      issuedAt: invoice.finalizedAt,
      paidAt: invoice.paidAt,
    },
    lines: detail.lines.map((l) => ({
      id: l.id,
      description: l.description,
      quantity: l.quantity,
      amount: l.amount,
    })),
    payments: detail.payments.map((p) => ({
      id: p.id,
      status: p.status,
      amount: p.amount,
      amountRefunded: p.amountRefunded,
      method: p.method,
      createdAt: p.createdAt,
    })),
    refunds: detail.refunds.map((f) => ({
      id: f.id,
      amount: f.amount,
      status: f.status,
      createdAt: f.createdAt,
    })),
  };
}

/** The receipt of one of the account's issued invoices. */
export async function accountReceipt(r: AccountRequest, id: string, format: 'pdf' | 'html') {
  await ownInvoice(r, id);
  return receiptFile(r.db, r.tenantId, id, format);
}
