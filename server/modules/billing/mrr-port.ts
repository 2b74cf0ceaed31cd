import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { BugIndicatingError } from '../../lib/errors';

/** A subscription as it was just written, in the words the MRR movements need. */
export interface SubscriptionWrite {
  id: string;
  customerId: string;
  planId: string;
  priceId: string;
  quantity: number;
  currency: string;
  status: string;
  endedAt: number | null;
  updatedAt: number;
  managedBy: 'tollgate' | 'stripe';
}

/**
 * What caused a change (docs/analytics.md, "Causes"): a Stripe event, a fetch of Stripe's
 * object…; `at` is when it happened when that is not the write's own time (Stripe's).
 */
export interface MrrCause {
  type: string;
  id: string | null;
  at?: number;
}

export type RecordSubscriptionValue = (
  db: Kysely<DB>,
  tenantId: string,
  write: SubscriptionWrite,
  cause?: MrrCause,
) => Promise<void>;

/**
 * Revenue analytics records MRR movements in the transaction of every subscription write. It
 * is built on billing's data (its reports read recovery, which is built on billing), so billing
 * cannot import it: billing declares this port, server/modules/analytics implements it, and
 * server/app/router.ts connects the two, as for recovery.
 */
let connected: RecordSubscriptionValue | null = null;

/** Called once where the modules are assembled (server/app/router.ts). */
export function connectMrr(record: RecordSubscriptionValue): void {
  connected = record;
}

/** Records the written subscription's value; using billing without it is a wiring mistake. */
export function recordSubscriptionValue(
  db: Kysely<DB>,
  tenantId: string,
  write: SubscriptionWrite,
  cause?: MrrCause,
): Promise<void> {
  if (!connected) {
    throw new BugIndicatingError(
      'MRR movements are not connected to billing (server/app/router.ts connects them)',
    );
  }
  return connected(db, tenantId, write, cause);
}
