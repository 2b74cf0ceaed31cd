import type { Kysely } from 'kysely';
import type { UsageLimit } from '../../../../shared/licensing/policy';
import type { DB } from '../../../db/schema';

/**
 * Licensing rows written directly for the lifecycle's tests: a policy of a plan and a license
 * tied to a subscription, with the columns a license's life reads. (Issuing licenses through the
 * staff command is the licenses/ folder's; these tests are about what happens after.)
 */

let counter = 0;

export async function insertPolicy(
  db: Kysely<DB>,
  input: {
    tenantId: string;
    productId: string;
    planId: string | null;
    duration?: 'FIXED' | 'SUBSCRIPTION';
    pastDueAction?: 'OVERDUE' | 'SUSPEND';
    usageLimits?: UsageLimit[];
    archivedAt?: number | null;
    now: number;
  },
): Promise<string> {
  // Ids of their own shape: the licensing id prefixes are the licenses/ folder's to add.
  const id = `lpo_kit${++counter}`;
  await db
    .insertInto('license_policies')
    .values({
      id,
      tenant_id: input.tenantId,
      name: `Policy ${counter}`,
      product_id: input.productId,
      plan_id: input.planId,
      duration_kind: input.duration ?? 'SUBSCRIPTION',
      duration_days: input.duration === 'FIXED' ? 365 : null,
      machine_mode: 'NONE',
      max_machines: null,
      max_users: null,
      expiration_strategy: 'RESTRICT',
      check_in_interval_seconds: null,
      heartbeat_ttl_seconds: null,
      overage_strategy: 'NONE',
      past_due_action: input.pastDueAction ?? 'OVERDUE',
      usage_limits: JSON.stringify(input.usageLimits ?? []),
      entitlements: '[]',
      archived_at: input.archivedAt ?? null,
      version: 1,
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  return id;
}

export async function insertLicense(
  db: Kysely<DB>,
  input: {
    tenantId: string;
    customerId: string;
    policyId: string;
    subscriptionId: string | null;
    expiresAt: number | null;
    issuedAt: number;
    name?: string;
  },
): Promise<string> {
  const id = `lic_kit${++counter}`;
  await db
    .insertInto('licenses')
    .values({
      id,
      tenant_id: input.tenantId,
      customer_id: input.customerId,
      policy_id: input.policyId,
      subscription_id: input.subscriptionId,
      name: input.name ?? `License ${counter}`,
      key_hash: `hash-${id}`,
      key_sealed: `sealed-${id}`,
      key_hint: id.slice(-4),
      status: 'ACTIVE',
      suspended_reason: null,
      issued_at: input.issuedAt,
      expires_at: input.expiresAt,
      renewed_at: null,
      revoked_at: null,
      last_check_in_at: null,
      past_due_grace_ends_at: null,
      entitlements: '[]',
      expiry_reminded_days: null,
      version: 1,
      created_at: input.issuedAt,
      updated_at: input.issuedAt,
    })
    .execute();
  return id;
}

/** Usage units of one metric in one period, as the usage API would have totalled them. */
export async function insertUsage(
  db: Kysely<DB>,
  input: {
    tenantId: string;
    customerId: string;
    licenseId: string;
    metric: string;
    period: string;
    quantity: number;
    now: number;
  },
): Promise<void> {
  await db
    .insertInto('license_usage')
    .values({
      tenant_id: input.tenantId,
      customer_id: input.customerId,
      license_id: input.licenseId,
      metric: input.metric,
      period: input.period,
      quantity: input.quantity,
      alerted_percent: null,
      billed_quantity: 0,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['license_id', 'metric', 'period'])
        .doUpdateSet({ quantity: input.quantity, updated_at: input.now }),
    )
    .execute();
}

export async function licenseRow(db: Kysely<DB>, id: string) {
  return db.selectFrom('licenses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
