import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import { OPEN_RECOVERY_STATUSES, type recoveryListInput } from '../../../shared/billing/recovery-schema';
import { chargeAttemptsMade } from '../../../shared/billing/recovery-figures';
import type { DB } from '../../db/schema';
import { cappedTotal } from '../../db/list-totals';
import { decodeCursor } from '../../lib/keyset-cursor';
import { keysetPage } from '../../lib/keyset-page';
import { isRecoveryPaused, recoveryPolicy } from './repo';

type ListInput = z.output<typeof recoveryListInput>;

/** Recoveries without a retry ahead sort after those with one; the cursor spells that as 'none'. */
const NO_RETRY = 'none';

/**
 * Invoices in recovery (or in one status of it), soonest retry first and those with no
 * retry ahead last, paged by (next_attempt_at, invoice_id) keys.
 */
export async function listRecoveries(db: Kysely<DB>, tenantId: string, input: ListInput) {
  const filtered = () => {
    let q = db.selectFrom('invoice_recoveries').where('invoice_recoveries.tenant_id', '=', tenantId);
    q = input.status
      ? q.where('invoice_recoveries.status', '=', input.status)
      : q.where('invoice_recoveries.status', 'in', OPEN_RECOVERY_STATUSES);
    if (input.customerId) q = q.where('invoice_recoveries.customer_id', '=', input.customerId);
    if (input.currency) q = q.where('invoice_recoveries.currency', '=', input.currency);
    return q;
  };
  let keys = filtered();
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    keys =
      cursor.value === NO_RETRY
        ? keys
            .where('invoice_recoveries.next_attempt_at', 'is', null)
            .where('invoice_recoveries.invoice_id', '>', cursor.id)
        : keys.where((eb) =>
            eb.or([
              eb('invoice_recoveries.next_attempt_at', 'is', null),
              eb('invoice_recoveries.next_attempt_at', '>', Number(cursor.value)),
              eb.and([
                eb('invoice_recoveries.next_attempt_at', '=', Number(cursor.value)),
                eb('invoice_recoveries.invoice_id', '>', cursor.id),
              ]),
            ]),
          );
  }
  const rows = await keys
    .innerJoin('invoices', 'invoices.id', 'invoice_recoveries.invoice_id')
    .innerJoin('customers', 'customers.id', 'invoice_recoveries.customer_id')
    .select([
      'invoice_recoveries.invoice_id',
      'invoice_recoveries.customer_id',
      'invoice_recoveries.subscription_id',
      'invoice_recoveries.started_at',
      'invoice_recoveries.failed_amount',
      'invoice_recoveries.currency',
      'invoice_recoveries.attempts',
      'invoice_recoveries.next_attempt_at',
      'invoice_recoveries.grace_ends_at',
      'invoice_recoveries.last_failure_code',
      'invoice_recoveries.status',
      'invoice_recoveries.recovered_at',
      'invoice_recoveries.recovered_amount',
      'invoice_recoveries.recovered_attempt',
      'invoice_recoveries.ended_at',
      'invoices.number',
      'invoices.status as invoice_status',
      'customers.name as customer_name',
      'customers.email as customer_email',
    ])
    .orderBy(sql`invoice_recoveries.next_attempt_at IS NULL`)
    .orderBy('invoice_recoveries.next_attempt_at')
    .orderBy('invoice_recoveries.invoice_id')
    .limit(input.limit + 1)
    .execute();
  const policy = await recoveryPolicy(db, tenantId);
  return keysetPage(rows, input.limit, {
    item: (r) => toItem(r, policy.maxAttempts),
    cursorOf: (r) => ({ value: r.next_attempt_at ?? NO_RETRY, id: r.invoice_id }),
    total: input.cursor ? null : await cappedTotal(filtered(), db),
  });
}

function toItem(
  r: {
    invoice_id: string;
    customer_id: string;
    subscription_id: string | null;
    started_at: number;
    failed_amount: number;
    currency: string;
    attempts: number;
    next_attempt_at: number | null;
    grace_ends_at: number;
    last_failure_code: string | null;
    status: DB['invoice_recoveries']['status'];
    recovered_at: number | null;
    recovered_amount: number | null;
    recovered_attempt: number | null;
    ended_at: number | null;
    number: string | null;
    invoice_status: DB['invoices']['status'];
    customer_name: string;
    customer_email: string;
  },
  maxAttempts: number,
) {
  return {
    id: r.invoice_id,
    invoiceId: r.invoice_id,
    invoiceNumber: r.number,
    invoiceStatus: r.invoice_status,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerEmail: r.customer_email,
    subscriptionId: r.subscription_id,
    startedAt: r.started_at,
    failedAmount: r.failed_amount,
    currency: r.currency,
    /** Charge attempts made, the one that recovered it included (shared/billing/recovery-figures.ts). */
    attempts: chargeAttemptsMade({ failedAttempts: r.attempts, recoveredAttempt: r.recovered_attempt }),
    maxAttempts,
    nextAttemptAt: r.next_attempt_at,
    graceEndsAt: r.grace_ends_at,
    lastFailureCode: r.last_failure_code,
    status: r.status,
    recoveredAt: r.recovered_at,
    recoveredAmount: r.recovered_amount,
    recoveredAttempt: r.recovered_attempt,
    endedAt: r.ended_at,
  };
}

/** The recovery of one invoice with what its pages show: status, next retry, grace end. */
export async function recoveryOfInvoice(db: Kysely<DB>, tenantId: string, invoiceId: string) {
  const row = await db
    .selectFrom('invoice_recoveries')
    .select(['status', 'attempts', 'recovered_attempt', 'next_attempt_at', 'grace_ends_at', 'customer_id'])
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirst();
  if (!row) return null;
  const policy = await recoveryPolicy(db, tenantId);
  return {
    status: row.status,
    attempts: chargeAttemptsMade({ failedAttempts: row.attempts, recoveredAttempt: row.recovered_attempt }),
    maxAttempts: policy.maxAttempts,
    nextAttemptAt: row.next_attempt_at,
    graceEndsAt: row.grace_ends_at,
    customerPaused: await isRecoveryPaused(db, tenantId, row.customer_id),
  };
}

/** The open recovery of a subscription that ends its access soonest, or null. */
export async function recoveryOfSubscription(db: Kysely<DB>, tenantId: string, subscriptionId: string) {
  const row = await db
    .selectFrom('invoice_recoveries')
    .select(['invoice_id'])
    .where('tenant_id', '=', tenantId)
    .where('subscription_id', '=', subscriptionId)
    .where('status', 'in', OPEN_RECOVERY_STATUSES)
    .orderBy('grace_ends_at')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const recovery = await recoveryOfInvoice(db, tenantId, row.invoice_id);
  return recovery && { invoiceId: row.invoice_id, ...recovery };
}
