import type { Insertable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../db/schema';
import { licensing } from '../licensing-port';
import { recordSubscriptionValue, type MrrCause } from '../mrr-port';

/**
 * Writes for subscriptions and invoices that the gateway manages (Stripe Billing, mirrored
 * as whole snapshots): the mirror maps the gateway's objects to rows and decides what may
 * change (drafts, finalization, ordering); billing, owning the tables, writes them.
 * Each runs in the caller's transaction.
 */

type Trx = Transaction<DB>;
type SubscriptionRow = Insertable<DB['subscriptions']> & { id: string; tenant_id: string };

/**
 * Writes a mirrored subscription's whole state: updates the row when it exists, inserts it
 * otherwise; its MRR movements are recorded with it, caused by `cause` (the Stripe event), and
 * the licenses of an existing one follow it, as for Tollgate's own subscriptions.
 */
export async function saveMirroredSubscription(
  trx: Trx,
  row: SubscriptionRow,
  exists: boolean,
  cause?: MrrCause,
): Promise<void> {
  const { id, tenant_id: tenantId, created_at: _created, ...changes } = row;
  if (!exists) await trx.insertInto('subscriptions').values(row).execute();
  else {
    await trx
      .updateTable('subscriptions')
      .set(changes)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }
  const write = {
    id,
    customerId: row.customer_id,
    planId: row.plan_id,
    priceId: row.price_id,
    quantity: row.quantity,
    currency: row.currency,
    status: row.status,
    endedAt: row.ended_at ?? null,
    updatedAt: row.updated_at,
    managedBy: 'stripe' as const,
  };
  await recordSubscriptionValue(trx, tenantId, write, cause);
  if (exists) {
    await licensing().afterSubscriptionWrite(trx, tenantId, {
      id,
      customerId: row.customer_id,
      planId: row.plan_id,
      status: row.status,
      currentPeriodStart: row.current_period_start,
      currentPeriodEnd: row.current_period_end,
      cancelAtPeriodEnd: row.cancel_at_period_end === 1,
      endedAt: row.ended_at ?? null,
      updatedAt: row.updated_at,
      managedBy: 'stripe',
    });
  }
}

export async function insertMirroredInvoice(
  trx: Trx,
  row: Insertable<DB['invoices']> & { id: string; tenant_id: string },
): Promise<void> {
  await trx.insertInto('invoices').values(row).execute();
}

/** Moves a mirrored invoice's columns (the triggers still refuse what a finalized invoice may not change). */
export async function updateMirroredInvoice(
  trx: Trx,
  tenantId: string,
  id: string,
  changes: Updateable<DB['invoices']>,
): Promise<void> {
  await trx
    .updateTable('invoices')
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Replaces a draft invoice's lines wholesale, in the order given. */
export async function replaceInvoiceLines(
  trx: Trx,
  tenantId: string,
  invoiceId: string,
  lines: readonly Omit<Insertable<DB['invoice_lines']>, 'tenant_id' | 'invoice_id' | 'position'>[],
): Promise<void> {
  await trx
    .deleteFrom('invoice_lines')
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .execute();
  let position = 0;
  for (const line of lines) {
    await trx
      .insertInto('invoice_lines')
      .values({ ...line, tenant_id: tenantId, invoice_id: invoiceId, position: position++ })
      .execute();
  }
}

/** Marks staff requests on a gateway-managed subscription confirmed: the gateway's state shows them done. */
export async function confirmStripeRequests(
  trx: Trx,
  tenantId: string,
  requestIds: readonly string[],
  now: number,
): Promise<void> {
  if (requestIds.length === 0) return;
  await trx
    .updateTable('stripe_subscription_requests')
    .set({ status: 'confirmed', updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', requestIds)
    .execute();
}
