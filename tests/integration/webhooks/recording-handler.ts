import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import type Stripe from 'stripe';
import type { StripeEventHandlers } from '../../../server/modules/stripe-events';
import { orderSnapshot } from '../../../server/modules/stripe-mirror/versions';

/**
 * A stand-in for a mirror handler that keeps a record of every application: the state it
 * wrote per subscription, and one row per time it applied an event. It follows the mirror's
 * ordering rule (orderSnapshot in the same transaction as the change), so a late event is
 * stale and an event run again after a crash is recognised and not applied twice.
 */

export const RECORDED_TYPE = 'customer.subscription.updated';

export function createRecordingTables(sqlite: Database.Database): void {
  sqlite.exec(/* sql */ `
    CREATE TABLE IF NOT EXISTS test_subscription_state (
      tenant_id TEXT NOT NULL,
      subscription_id TEXT NOT NULL,
      status TEXT NOT NULL,
      quantity INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (tenant_id, subscription_id)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS test_applications (event_id TEXT NOT NULL) STRICT;
  `);
}

interface Snapshot {
  id: string;
  status: string;
  quantity: number;
}

export const recordingHandlers: StripeEventHandlers = {
  [RECORDED_TYPE]: (context, event: Stripe.Event) =>
    context.db.transaction().execute(async (trx) => {
      const subscription = event.data.object as unknown as Snapshot;
      const order = await orderSnapshot(trx, context.tenantId, subscription.id, event);
      if (order === 'older') return 'stale';
      if (order === 'same') {
        // Every snapshot here has its own second, so "same" is this very event run again after
        // a crash between its commit and the inbox's record of it: already applied.
        const { rows } = await sql<{ event_id: string }>`
          SELECT event_id FROM test_subscription_state
          WHERE tenant_id = ${context.tenantId} AND subscription_id = ${subscription.id}`.execute(trx);
        if (rows[0]?.event_id === event.id) return 'applied';
        throw new Error(`two snapshots of ${subscription.id} in one second`);
      }
      await sql`
        INSERT INTO test_subscription_state (tenant_id, subscription_id, status, quantity, event_id)
        VALUES (${context.tenantId}, ${subscription.id}, ${subscription.status}, ${subscription.quantity}, ${event.id})
        ON CONFLICT (tenant_id, subscription_id) DO UPDATE SET
          status = excluded.status, quantity = excluded.quantity, event_id = excluded.event_id`.execute(trx);
      await sql`INSERT INTO test_applications (event_id) VALUES (${event.id})`.execute(trx);
      return 'applied';
    }),
};
