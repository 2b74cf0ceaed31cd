import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export interface CustomerEmail {
  id: string;
  template: string;
  subject: string;
  recipient: string;
  status: 'pending' | 'sent' | 'failed' | 'held';
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

/**
 * A customer's emails, newest first by (created_at, id), strictly before `before`: what the
 * customer was sent or would have been, for their timeline.
 */
export async function emailsOfCustomer(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  before: { at: number; id: string } | null,
  limit: number,
): Promise<CustomerEmail[]> {
  let q = db
    .selectFrom('email_outbox')
    .select(['id', 'template', 'subject', 'recipient', 'status', 'last_error', 'created_at', 'sent_at'])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId);
  if (before) q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(before.at, before.id)));
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    template: r.template,
    subject: r.subject,
    recipient: r.recipient,
    status: r.status,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}
