import type { Kysely, Selectable, Transaction } from 'kysely';
import {
  DEFAULT_RECOVERY_POLICY,
  OPEN_RECOVERY_STATUSES,
  type RecoveryPolicy,
  type RecoveryStatus,
} from '../../../shared/billing/recovery-schema';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** An invoice's recovery: times are UTC epoch ms, money minor units of `currency`. */
export interface Recovery {
  invoiceId: string;
  customerId: string;
  subscriptionId: string | null;
  startedAt: number;
  failedAmount: number;
  currency: string;
  attempts: number;
  nextAttemptAt: number | null;
  graceEndsAt: number;
  lastFailureCode: string | null;
  status: RecoveryStatus;
  recoveredAt: number | null;
  recoveredAmount: number | null;
  recoveredAttempt: number | null;
  endedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export function toRecovery(row: Selectable<DB['invoice_recoveries']>): Recovery {
  return {
    invoiceId: row.invoice_id,
    customerId: row.customer_id,
    subscriptionId: row.subscription_id,
    startedAt: row.started_at,
    failedAmount: row.failed_amount,
    currency: row.currency,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    graceEndsAt: row.grace_ends_at,
    lastFailureCode: row.last_failure_code,
    status: row.status,
    recoveredAt: row.recovered_at,
    recoveredAmount: row.recovered_amount,
    recoveredAttempt: row.recovered_attempt,
    endedAt: row.ended_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The tenant's policy, or the default when it has not chosen one. */
export async function recoveryPolicy(db: Db, tenantId: string): Promise<RecoveryPolicy> {
  const row = await db
    .selectFrom('recovery_policies')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!row) return DEFAULT_RECOVERY_POLICY;
  return {
    retryBaseHours: row.retry_base_hours,
    backoffFactor: row.backoff_factor,
    maxAttempts: row.max_attempts,
    graceDays: row.grace_days,
    finalAction: row.final_action,
  };
}

export async function saveRecoveryPolicy(
  db: Db,
  tenantId: string,
  policy: RecoveryPolicy,
  now: number,
): Promise<void> {
  const values = {
    retry_base_hours: policy.retryBaseHours,
    backoff_factor: policy.backoffFactor,
    max_attempts: policy.maxAttempts,
    grace_days: policy.graceDays,
    final_action: policy.finalAction,
    updated_at: now,
  };
  await db
    .insertInto('recovery_policies')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}

export async function findRecovery(
  db: Db,
  tenantId: string,
  invoiceId: string,
): Promise<Recovery | undefined> {
  const row = await db
    .selectFrom('invoice_recoveries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirst();
  return row && toRecovery(row);
}

export async function insertRecovery(db: Db, tenantId: string, r: Recovery): Promise<void> {
  await db
    .insertInto('invoice_recoveries')
    .values({
      invoice_id: r.invoiceId,
      tenant_id: tenantId,
      customer_id: r.customerId,
      subscription_id: r.subscriptionId,
      started_at: r.startedAt,
      failed_amount: r.failedAmount,
      currency: r.currency,
      attempts: r.attempts,
      next_attempt_at: r.nextAttemptAt,
      grace_ends_at: r.graceEndsAt,
      last_failure_code: r.lastFailureCode,
      status: r.status,
      recovered_at: r.recoveredAt,
      recovered_amount: r.recoveredAmount,
      recovered_attempt: r.recoveredAttempt,
      ended_at: r.endedAt,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    })
    .execute();
}

export type RecoveryChange = Partial<
  Pick<
    Recovery,
    | 'attempts'
    | 'nextAttemptAt'
    | 'lastFailureCode'
    | 'status'
    | 'recoveredAt'
    | 'recoveredAmount'
    | 'recoveredAttempt'
    | 'endedAt'
  >
>;

export async function updateRecovery(
  db: Db,
  tenantId: string,
  invoiceId: string,
  change: RecoveryChange,
  now: number,
): Promise<void> {
  await db
    .updateTable('invoice_recoveries')
    .set({
      ...(change.attempts !== undefined && { attempts: change.attempts }),
      ...(change.nextAttemptAt !== undefined && { next_attempt_at: change.nextAttemptAt }),
      ...(change.lastFailureCode !== undefined && { last_failure_code: change.lastFailureCode }),
      ...(change.status !== undefined && { status: change.status }),
      ...(change.recoveredAt !== undefined && { recovered_at: change.recoveredAt }),
      ...(change.recoveredAmount !== undefined && { recovered_amount: change.recoveredAmount }),
      ...(change.recoveredAttempt !== undefined && { recovered_attempt: change.recoveredAttempt }),
      ...(change.endedAt !== undefined && { ended_at: change.endedAt }),
      updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .execute();
}

/** A customer's recoveries still under way, oldest first. */
export async function openRecoveriesOfCustomer(
  db: Db,
  tenantId: string,
  customerId: string,
): Promise<Recovery[]> {
  const rows = await db
    .selectFrom('invoice_recoveries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('status', 'in', OPEN_RECOVERY_STATUSES)
    .orderBy('started_at')
    .orderBy('invoice_id')
    .execute();
  return rows.map(toRecovery);
}

export async function isRecoveryPaused(db: Db, tenantId: string, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('recovery_pauses')
    .select('customer_id')
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setRecoveryPaused(
  db: Db,
  tenantId: string,
  customerId: string,
  pause: { by: string; at: number } | null,
): Promise<void> {
  if (pause) {
    await db
      .insertInto('recovery_pauses')
      .values({ tenant_id: tenantId, customer_id: customerId, paused_at: pause.at, paused_by: pause.by })
      .onConflict((oc) => oc.columns(['tenant_id', 'customer_id']).doNothing())
      .execute();
  } else {
    await db
      .deleteFrom('recovery_pauses')
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .execute();
  }
}
