import { sql, type Kysely, type Transaction } from 'kysely';
import { serializeOn } from '../../db/locks';
import type { DB } from '../../db/schema';
import type { Logger } from '../../lib/logger';
import { draftFor, EventContractError, type BillingEvent } from './drafts';
import { moveCursor, readCursor } from './repo/cursor';
import { queueEmail } from './repo/outbox';
import { readEmailSettings, type EmailSettings } from './repo/settings';
import { renderDraft } from './templates';
import { brandWith, senderWith, workspaceBrandingOf, type AccountEmailBranding } from './branded';

const CURSOR = 'billing_events';

export interface DispatchReport {
  /** Billing events read past the cursor. */
  read: number;
  /** Emails queued (an event already emailed adds none). */
  queued: number;
}

async function eventsAfter(trx: Transaction<DB>, rowid: number, limit: number) {
  const rows = await trx
    .selectFrom('billing_events')
    .select([
      sql<number>`rowid`.as('rowid'),
      'id',
      'tenant_id',
      'type',
      'customer_id',
      'subject_id',
      'data',
      'occurred_at',
    ])
    .where(sql<number>`rowid`, '>', rowid)
    .orderBy(sql`rowid`)
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    rowid: r.rowid,
    event: {
      id: r.id,
      tenantId: r.tenant_id,
      type: r.type,
      customerId: r.customer_id,
      subjectId: r.subject_id,
      data: JSON.parse(r.data) as unknown,
      occurredAt: r.occurred_at,
    } satisfies BillingEvent,
  }));
}

/** A workspace's sender settings and, once published, its branding (name, colours, logo, sender). */
interface TenantBrand {
  settings: EmailSettings;
  branding: AccountEmailBranding | undefined;
}

async function queueFor(
  trx: Transaction<DB>,
  event: BillingEvent,
  brandOf: (tenantId: string) => Promise<TenantBrand>,
  now: number,
  logger: Logger,
): Promise<boolean> {
  let drafted;
  try {
    drafted = await draftFor(trx, event);
  } catch (error) {
    // A producer's bug must not stop every later email: log it loudly and go on.
    if (!(error instanceof EventContractError)) throw error;
    logger.error({ eventId: event.id, err: error.message }, 'billing event skipped by emails');
    return false;
  }
  if (!drafted) return false;
  const { settings, branding } = await brandOf(event.tenantId);
  const rendered = renderDraft(brandWith(settings, branding), drafted.draft);
  return queueEmail(
    trx,
    {
      tenantId: event.tenantId,
      customerId: event.customerId,
      sourceEventId: event.id,
      template: drafted.draft.template,
      recipient: drafted.recipient,
      ...senderWith(settings, branding),
      ...rendered,
    },
    now,
  );
}

/**
 * Turns the next batch of billing events into queued emails. The emails and the cursor's
 * move commit in one transaction, so a crash loses no email and writes none twice; the
 * outbox's unique (tenant, event, template) key guards against a replay besides.
 */
export async function dispatchBatch(
  db: Kysely<DB>,
  options: { now: number; batchSize: number; logger: Logger },
): Promise<DispatchReport> {
  return db.transaction().execute(async (trx) => {
    // One dispatcher at a time follows the cursor, whichever instance it runs on.
    await serializeOn(trx, 'email-dispatch');
    const events = await eventsAfter(trx, await readCursor(trx, CURSOR), options.batchSize);
    const brands = new Map<string, Promise<TenantBrand>>();
    const brandOf = (tenantId: string) => {
      const known =
        brands.get(tenantId) ??
        Promise.all([readEmailSettings(trx, tenantId), workspaceBrandingOf(trx, tenantId)]).then(
          ([settings, branding]) => ({ settings, branding }),
        );
      brands.set(tenantId, known);
      return known;
    };
    let queued = 0;
    for (const { event } of events) {
      if (await queueFor(trx, event, brandOf, options.now, options.logger)) queued++;
    }
    const last = events.at(-1);
    if (last) await moveCursor(trx, CURSOR, last.rowid);
    return { read: events.length, queued };
  });
}

/**
 * Dispatches batch after batch until the cursor reaches the newest billing event. A batch of
 * 100 takes about 0.1 s (about 1,000 emails/s written), which bounds how long it holds the
 * database's one connection.
 */
export async function dispatchBillingEvents(
  db: Kysely<DB>,
  options: { now: number; batchSize?: number; logger: Logger },
): Promise<DispatchReport> {
  const batchSize = options.batchSize ?? 100;
  const total: DispatchReport = { read: 0, queued: 0 };
  for (;;) {
    const batch = await dispatchBatch(db, { ...options, batchSize });
    total.read += batch.read;
    total.queued += batch.queued;
    if (batch.read < batchSize) return total;
  }
}
