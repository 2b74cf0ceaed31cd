import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { emailListInput } from '../../../shared/emails/schema';
import { cappedTotal } from '../../db/list-totals';
import type { DB } from '../../db/schema';
import { decodeCursor } from '../../lib/keyset-cursor';
import { keysetPage } from '../../lib/keyset-page';
import { notFound } from '../../lib/errors';
import { findEmail } from './repo/outbox';
import { attachmentSummaries } from './repo/attachments';

type ListInput = z.output<typeof emailListInput>;

/** The outbox, newest first, by keys (created_at, id); the total comes with the first page only. */
export async function listEmails(db: Kysely<DB>, tenantId: string, input: ListInput) {
  const filtered = () => {
    let q = db.selectFrom('email_outbox').where('email_outbox.tenant_id', '=', tenantId);
    if (input.status) q = q.where('email_outbox.status', '=', input.status);
    if (input.template) q = q.where('email_outbox.template', '=', input.template);
    return q;
  };
  let page = filtered();
  if (input.cursor) {
    const { value, id } = decodeCursor(input.cursor);
    page = page.where((eb) =>
      eb(eb.refTuple('email_outbox.created_at', 'email_outbox.id'), '<', eb.tuple(Number(value), id)),
    );
  }
  const rows = await page
    .leftJoin('customers', 'customers.id', 'email_outbox.customer_id')
    .select([
      'email_outbox.id',
      'email_outbox.template',
      'email_outbox.recipient',
      'email_outbox.subject',
      'email_outbox.status',
      'email_outbox.attempts',
      'email_outbox.last_error',
      'email_outbox.created_at',
      'email_outbox.sent_at',
      'email_outbox.customer_id',
      'customers.name as customer_name',
    ])
    .orderBy('email_outbox.created_at', 'desc')
    .orderBy('email_outbox.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return keysetPage(rows, input.limit, {
    item: (r) => ({
      id: r.id,
      template: r.template,
      recipient: r.recipient,
      subject: r.subject,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      customerId: r.customer_id,
      customerName: r.customer_name,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    }),
    cursorOf: (r) => ({ value: r.created_at, id: r.id }),
    total: input.cursor ? null : await cappedTotal(filtered(), db),
  });
}

/** One email in full, for the console: what was (or will be) sent, and how delivery went. */
export async function emailDetail(db: Kysely<DB>, tenantId: string, id: string) {
  const email = await findEmail(db, tenantId, id);
  if (!email) throw notFound('Email');
  const customer = email.customerId
    ? await db
        .selectFrom('customers')
        .select(['name'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', email.customerId)
        .executeTakeFirst()
    : undefined;
  return {
    id: email.id,
    template: email.template,
    status: email.status,
    subject: email.subject,
    recipient: email.recipient,
    fromName: email.fromName,
    fromAddress: email.fromAddress,
    replyTo: email.replyTo,
    html: email.html,
    text: email.text,
    attachments: await attachmentSummaries(db, tenantId, email.id),
    attempts: email.attempts,
    nextAttemptAt: email.nextAttemptAt,
    lastError: email.lastError,
    messageId: email.messageId,
    sourceEventId: email.sourceEventId,
    customerId: email.customerId,
    customerName: customer?.name ?? null,
    createdAt: email.createdAt,
    sentAt: email.sentAt,
  };
}
