import type { Kysely, Selectable, Transaction } from 'kysely';
import { newId } from '../../../../shared/ids';
import type { EmailStatus, EmailTemplate } from '../../../../shared/emails/schema';
import type { DB } from '../../../db/schema';
import { insertAttachments, type EmailAttachment } from './attachments';
import { insertSecrets, type EmailSecrets } from './secrets';

type Db = Kysely<DB> | Transaction<DB>;
type Row = Selectable<DB['email_outbox']>;

/** One email of the outbox, as the sender and the console see it. */
export interface OutboxEmail {
  id: string;
  tenantId: string;
  customerId: string | null;
  sourceEventId: string;
  template: EmailTemplate;
  recipient: string;
  fromName: string;
  /** null: the server's SMTP_FROM. */
  fromAddress: string | null;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  status: EmailStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  messageId: string;
  createdAt: number;
  sentAt: number | null;
}

export function toEmail(r: Row): OutboxEmail {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    customerId: r.customer_id,
    sourceEventId: r.source_event_id,
    template: r.template,
    recipient: r.recipient,
    fromName: r.from_name,
    fromAddress: r.from_address,
    replyTo: r.reply_to,
    subject: r.subject,
    html: r.html,
    text: r.text,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    messageId: r.message_id,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

export interface NewEmail {
  tenantId: string;
  customerId: string | null;
  sourceEventId: string;
  template: EmailTemplate;
  recipient: string;
  fromName: string;
  fromAddress: string | null;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  /** Files sent with it (stored beside the row, removed with it). */
  attachments?: readonly EmailAttachment[];
  /** Secrets put in where their markers are, only when sending (repo/secrets.ts). */
  secrets?: EmailSecrets;
}

/** `<eml_…@the sender's domain>`; a reserved name when the server's own address will be used. */
function messageIdFor(id: string, fromAddress: string | null): string {
  const domain = fromAddress?.split('@')[1] ?? 'tollgate.localhost';
  return `<${id.toLowerCase()}@${domain}>`;
}

/**
 * Queues an email unless one exists for the same event and template: returns false then.
 * The Message-ID is fixed here, so every delivery of this row (a retry, a resend after a
 * crash) carries the same one and the receiving side can tell it is the same email.
 */
export async function queueEmail(db: Db, email: NewEmail, now: number): Promise<boolean> {
  const id = newId('eml', now);
  const result = await db
    .insertInto('email_outbox')
    .values({
      id,
      tenant_id: email.tenantId,
      customer_id: email.customerId,
      source_event_id: email.sourceEventId,
      template: email.template,
      recipient: email.recipient,
      from_name: email.fromName,
      from_address: email.fromAddress,
      reply_to: email.replyTo,
      subject: email.subject,
      html: email.html,
      text: email.text,
      status: 'pending',
      next_attempt_at: now,
      message_id: messageIdFor(id, email.fromAddress),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'source_event_id', 'template']).doNothing())
    .executeTakeFirst();
  const fresh = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  if (fresh && email.attachments?.length) await insertAttachments(db, email.tenantId, id, email.attachments);
  if (fresh && email.secrets) await insertSecrets(db, email.tenantId, id, email.secrets);
  return fresh;
}

export async function findEmail(db: Db, tenantId: string, id: string): Promise<OutboxEmail | null> {
  const row = await db
    .selectFrom('email_outbox')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toEmail(row) : null;
}

/** Pending emails due by `now`, soonest first, across tenants: what the sender works through. */
export async function dueEmails(db: Db, now: number, limit: number): Promise<OutboxEmail[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toEmail);
}

/**
 * Takes a due email for one delivery attempt: counts the attempt and pushes its due time
 * past a lease, so a second sender skips it and a crash mid-send retries it after the
 * lease. False when someone else took it first.
 */
export async function claimEmail(
  db: Db,
  email: OutboxEmail,
  leaseUntil: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('email_outbox')
    .set({ attempts: email.attempts + 1, next_attempt_at: leaseUntil, updated_at: now })
    .where('id', '=', email.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', email.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markSent(db: Db, id: string, now: number): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ status: 'sent', sent_at: now, next_attempt_at: null, last_error: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** A failed attempt: try again at `retryAt`, or give up (null). */
export async function markAttemptFailed(
  db: Db,
  id: string,
  error: string,
  retryAt: number | null,
  now: number,
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({
      status: retryAt === null ? 'failed' : 'pending',
      next_attempt_at: retryAt,
      last_error: error,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Due emails that will not be sent stay in the outbox, marked held with why; returns how many. */
export async function holdDueEmails(db: Db, reason: string, now: number): Promise<number> {
  const result = await db
    .updateTable('email_outbox')
    .set({ status: 'held', next_attempt_at: null, last_error: reason, updated_at: now })
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Queues a failed or held email again, as new: attempts start over. */
export async function requeueEmail(db: Db, tenantId: string, id: string, now: number): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
