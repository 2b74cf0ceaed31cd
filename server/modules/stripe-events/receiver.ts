import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { endpointSecrets } from './endpoint-secrets';
import { openStripeSecret } from './sealed-secret';
import { inboxEvent, preparedInboxInsert, type InboxEvent } from './inbox';
import { inboxBatcher } from './inbox-batch';
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

interface ReceiverDeps {
  db: Kysely<DB>;
  /** SQLite's raw handle, for the prepared fast path; null on PostgreSQL. */
  sqlite: Database.Database | null;
  clock: Clock;
}

/** The delivery checked against the tenant's secret: the inbox row to store, or what to answer instead. */
function verified(
  tenantId: string,
  rawBody: Buffer,
  signature: string | undefined,
  secret: string | undefined,
  now: number,
): InboxEvent | Receipt {
  if (!secret) return { outcome: 'unknown' };
  const checked = verifyDelivery(rawBody, signature, secret, now);
  if (!checked.ok) return { outcome: 'refused', reason: checked.reason };
  return inboxEvent(tenantId, checked.event, rawBody.toString('utf8'), 'webhook');
}

const isReceipt = (value: InboxEvent | Receipt): value is Receipt => 'outcome' in value;

/**
 * The webhook path up to the inbox: the tenant's secret, the signature, one insert. On
 * SQLite all of it runs synchronously while holding Kysely's connection, so it waits for any
 * transaction in progress rather than writing into it; on PostgreSQL see pooledReceiver, and
 * the inbox's unique key makes a duplicate delivery racing on another instance a no-op.
 */
export function createWebhookReceiver(deps: ReceiverDeps): WebhookReceiver {
  return deps.sqlite ? sqliteReceiver(deps.db, deps.sqlite, deps.clock) : pooledReceiver(deps.db, deps.clock);
}

function sqliteReceiver(db: Kysely<DB>, sqlite: Database.Database, clock: Clock): WebhookReceiver {
  const storedSecret = sqlite
    .prepare<[string], string>('SELECT secret FROM stripe_webhook_endpoints WHERE tenant_id = ?')
    .pluck();
  // Stored sealed: opening it costs microseconds, far below the signature check and the insert.
  const secretOf = (tenantId: string) => {
    const stored = storedSecret.get(tenantId);
    return stored === undefined ? undefined : openStripeSecret(tenantId, stored);
  };
  const insert = preparedInboxInsert(sqlite);

  const receiveNow = (tenantId: string, rawBody: Buffer, signature: string | undefined): Receipt => {
    if (!TENANT_ID.test(tenantId)) return { outcome: 'unknown' };
    const now = clock.now();
    const event = verified(tenantId, rawBody, signature, secretOf(tenantId), now);
    if (isReceipt(event)) return event;
    return { outcome: insert(event, now) ? 'stored' : 'duplicate', eventId: event.eventId };
  };

  return {
    receive: (tenantId, rawBody, signature) =>
      db.connection().execute(() => Promise.resolve(receiveNow(tenantId, rawBody, signature))),
  };
}

/**
 * PostgreSQL: the secret from memory (endpoint-secrets.ts) and the insert grouped with the
 * deliveries in flight (inbox-batch.ts): one round trip per group instead of two per delivery.
 * A delivery the remembered secret refuses is checked again against the stored one, read anew,
 * before it is refused: a secret rotated on another instance is honoured at once.
 */
function pooledReceiver(db: Kysely<DB>, clock: Clock): WebhookReceiver {
  const secrets = endpointSecrets(db, clock);
  const inbox = inboxBatcher(db);
  return {
    receive: async (tenantId, rawBody, signature) => {
      if (!TENANT_ID.test(tenantId)) return { outcome: 'unknown' };
      const remembered = await secrets.cached(tenantId);
      let now = clock.now();
      let event = verified(tenantId, rawBody, signature, remembered.secret, now);
      if (isReceipt(event) && remembered.fromMemory) {
        const current = await secrets.fresh(tenantId);
        if (current === remembered.secret) return event;
        now = clock.now();
        event = verified(tenantId, rawBody, signature, current, now);
      }
      if (isReceipt(event)) return event;
      const stored = await inbox.insert(event, now);
      return { outcome: stored ? 'stored' : 'duplicate', eventId: event.eventId };
    },
  };
}
