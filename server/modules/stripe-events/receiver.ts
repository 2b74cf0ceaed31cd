import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { inboxEvent, preparedInboxInsert } from './inbox';
import { verifyDelivery } from './signature';

/** What became of one delivery, and so what the endpoint answers. */
export type Receipt =
  | { outcome: 'stored' | 'duplicate'; eventId: string }
  | { outcome: 'refused'; reason: string }
  /** No such tenant, or no secret configured: answered like any unknown address. */
  | { outcome: 'unknown' };

export interface WebhookReceiver {
  /** Verifies and stores one delivery to `tenantId`'s endpoint. */
  receive(tenantId: string, rawBody: Buffer, signature: string | undefined): Promise<Receipt>;
}

const TENANT_ID = /^ten_[0-9A-Z]{26}$/;

/**
 * The webhook path up to the inbox: the tenant's secret, the signature, one insert. All of
 * it runs synchronously while holding Kysely's connection, so it waits for any transaction
 * in progress rather than writing into it.
 */
export function createWebhookReceiver(deps: {
  db: Kysely<DB>;
  sqlite: Database.Database;
  clock: Clock;
}): WebhookReceiver {
  const secretOf = deps.sqlite
    .prepare<[string], string>('SELECT secret FROM stripe_webhook_endpoints WHERE tenant_id = ?')
    .pluck();
  const insert = preparedInboxInsert(deps.sqlite);

  const receiveNow = (tenantId: string, rawBody: Buffer, signature: string | undefined): Receipt => {
    if (!TENANT_ID.test(tenantId)) return { outcome: 'unknown' };
    const secret = secretOf.get(tenantId);
    if (!secret) return { outcome: 'unknown' };
    const now = deps.clock.now();
    const verified = verifyDelivery(rawBody, signature, secret, now);
    if (!verified.ok) return { outcome: 'refused', reason: verified.reason };
    const event = inboxEvent(tenantId, verified.event, rawBody.toString('utf8'), 'webhook');
    return { outcome: insert(event, now) ? 'stored' : 'duplicate', eventId: event.eventId };
  };

  return {
    receive: (tenantId, rawBody, signature) =>
      deps.db.connection().execute(() => Promise.resolve(receiveNow(tenantId, rawBody, signature))),
  };
}
