import type { Kysely } from 'kysely';
import { DEFAULT_RECOVERY_POLICY, OPEN_RECOVERY_STATUSES } from '../../../../shared/billing/recovery-schema';
import { graceEnd } from '../../../../shared/billing/recovery-schedule';
import type { DB } from '../../../db/schema';
import type { FollowingLicense, LicensePatch } from './follow';

/** SQL of the licenses' life beside their subscriptions (this module owns the licensing tables). */

/** The license columns an audit entry may show: never the key's hash or its sealed text. */
export const LICENSE_AUDIT_COLUMNS = [
  'licenses.id',
  'licenses.customer_id',
  'licenses.policy_id',
  'licenses.subscription_id',
  'licenses.status',
  'licenses.expires_at',
  'licenses.renewed_at',
  'licenses.past_due_grace_ends_at',
  'licenses.expiry_reminded_days',
  'licenses.version',
] as const;

export type FollowingRow = FollowingLicense & { version: number };

/** The licenses of a subscription, with what of their policy following it needs. */
export async function licensesOfSubscription(
  db: Kysely<DB>,
  tenantId: string,
  subscriptionId: string,
): Promise<FollowingRow[]> {
  const rows = await db
    .selectFrom('licenses')
    .innerJoin('license_policies as p', 'p.id', 'licenses.policy_id')
    .select([
      'licenses.id',
      'licenses.customer_id',
      'licenses.subscription_id',
      'licenses.status',
      'licenses.policy_id',
      'p.plan_id',
      'p.duration_kind',
      'licenses.expires_at',
      'licenses.past_due_grace_ends_at',
      'licenses.expiry_reminded_days',
      'licenses.version',
    ])
    .where('licenses.subscription_id', '=', subscriptionId)
    .where('licenses.tenant_id', '=', tenantId)
    .orderBy('licenses.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    subscriptionId: r.subscription_id,
    status: r.status,
    policyId: r.policy_id,
    policyPlanId: r.plan_id,
    durationKind: r.duration_kind,
    expiresAt: r.expires_at,
    pastDueGraceEndsAt: r.past_due_grace_ends_at,
    expiryRemindedDays: r.expiry_reminded_days,
    version: r.version,
  }));
}

/** The tenant's policies of a plan that may still be given to licenses. */
export async function livePoliciesOfPlan(
  db: Kysely<DB>,
  tenantId: string,
  planId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('license_policies')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('plan_id', '=', planId)
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * When a past-due subscription's access ends: its open recovery's grace end (as entitlements
 * read it), else the tenant's grace period from `since` — recovery's own rule (graceEnd), which
 * gives the same instant when recovery opens the invoice's recovery later in this transaction
 * (the subscription turns past due first). A Stripe-managed subscription has no recovery here
 * (Stripe retries), so its licenses get the tenant's grace period from the write too.
 */
export async function graceEndOf(
  db: Kysely<DB>,
  tenantId: string,
  subscriptionId: string,
  since: number,
): Promise<number> {
  const open = await db
    .selectFrom('invoice_recoveries')
    .select('grace_ends_at')
    .where('tenant_id', '=', tenantId)
    .where('subscription_id', '=', subscriptionId)
    .where('status', 'in', OPEN_RECOVERY_STATUSES)
    .orderBy('grace_ends_at')
    .limit(1)
    .executeTakeFirst();
  if (open) return open.grace_ends_at;
  const policy = await db
    .selectFrom('recovery_policies')
    .select(['grace_days'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return graceEnd(
    { ...DEFAULT_RECOVERY_POLICY, graceDays: policy?.grace_days ?? DEFAULT_RECOVERY_POLICY.graceDays },
    since,
  );
}

/** Writes a follow's patch (and the version, so concurrent staff edits notice). */
export async function patchLicense(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  patch: LicensePatch,
  now: number,
): Promise<void> {
  await db
    .updateTable('licenses')
    .set((eb) => ({
      ...(patch.expiresAt !== undefined && { expires_at: patch.expiresAt }),
      ...(patch.renewedAt !== undefined && { renewed_at: patch.renewedAt }),
      ...(patch.expiryRemindedDays !== undefined && { expiry_reminded_days: patch.expiryRemindedDays }),
      ...(patch.pastDueGraceEndsAt !== undefined && { past_due_grace_ends_at: patch.pastDueGraceEndsAt }),
      ...(patch.policyId !== undefined && { policy_id: patch.policyId }),
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** The license as an audit entry shows it. */
export async function licenseSnapshot(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<Record<string, unknown> | null> {
  const row = await db
    .selectFrom('licenses')
    .select(LICENSE_AUDIT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { ...row } : null;
}

/** The attention last recorded for a license (so an unresolved plan is audited once, not per write). */
export async function lastAttention(
  db: Kysely<DB>,
  tenantId: string,
  licenseId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('audit_log')
    .select('after')
    .where('tenant_id', '=', tenantId)
    .where('entity_type', '=', 'license')
    .where('entity_id', '=', licenseId)
    .where('action', '=', FOLLOW_ACTION)
    .orderBy('at', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row?.after) return null;
  const after = JSON.parse(row.after) as { attention?: string | null };
  return after.attention ?? null;
}

export const FOLLOW_ACTION = 'license.subscription_followed';
