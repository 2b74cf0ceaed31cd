import type { Kysely } from 'kysely';
import { newId } from '../../../../shared/ids';
import type { UsageLimit } from '../../../../shared/licensing/policy';
import type { DB } from '../../../db/schema';

/**
 * License rows written directly, for tests of the reads (the lifecycle's commands are tested
 * where they live). Ids take the licensing prefixes with a real ULID body.
 */
const idOf = (prefix: string) => newId('cus').replace(/^cus_/, `${prefix}_`);

export async function seedPolicy(
  db: Kysely<DB>,
  input: { tenantId: string; productId: string; name: string; usageLimits?: UsageLimit[]; now: number },
): Promise<string> {
  const id = idOf('lpo');
  await db
    .insertInto('license_policies')
    .values({
      id,
      tenant_id: input.tenantId,
      name: input.name,
      product_id: input.productId,
      plan_id: null,
      duration_kind: 'FIXED',
      duration_days: 365,
      machine_mode: 'FLOATING',
      max_machines: 5,
      max_users: 10,
      expiration_strategy: 'RESTRICT',
      check_in_interval_seconds: null,
      heartbeat_ttl_seconds: null,
      overage_strategy: 'NONE',
      past_due_action: 'OVERDUE',
      usage_limits: JSON.stringify(input.usageLimits ?? []),
      entitlements: '["courses"]',
      archived_at: null,
      version: 1,
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  return id;
}

export interface SeededLicense {
  tenantId: string;
  customerId: string;
  policyId: string;
  name: string;
  now: number;
  status?: 'ACTIVE' | 'SUSPENDED' | 'REVOKED';
  expiresAt?: number | null;
  machines?: number;
  seats?: number;
}

/** A license with `machines` machines and `seats` seats; returns its id. */
export async function seedLicense(db: Kysely<DB>, input: SeededLicense): Promise<string> {
  const id = idOf('lic');
  const owner = { tenant_id: input.tenantId, customer_id: input.customerId, license_id: id };
  await db
    .insertInto('licenses')
    .values({
      id,
      tenant_id: input.tenantId,
      customer_id: input.customerId,
      policy_id: input.policyId,
      subscription_id: null,
      name: input.name,
      key_hash: `hash-${id}`,
      key_sealed: `sealed-${id}`,
      key_hint: id.slice(-4),
      status: input.status ?? 'ACTIVE',
      suspended_reason: null,
      issued_at: input.now,
      expires_at: input.expiresAt === undefined ? input.now + 365 * 86_400_000 : input.expiresAt,
      renewed_at: null,
      revoked_at: null,
      last_check_in_at: null,
      past_due_grace_ends_at: null,
      entitlements: '[]',
      expiry_reminded_days: null,
      version: 1,
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  for (let i = 0; i < (input.machines ?? 0); i++) {
    await db
      .insertInto('license_machines')
      .values({
        ...owner,
        id: idOf('lma'),
        fingerprint: `fp-${i}`,
        name: `${input.name} machine ${i}`,
        platform: 'linux',
        activated_via: 'api',
        activated_at: input.now + i,
        last_heartbeat_at: null,
        created_by: null,
      })
      .execute();
  }
  for (let i = 0; i < (input.seats ?? 0); i++) {
    await db
      .insertInto('license_seats')
      .values({
        ...owner,
        id: idOf('lse'),
        user_ref: `user-${i}`,
        email: `user${i}@seat.example`,
        name: `${input.name} seat ${i}`,
        assigned_at: input.now + i,
        assigned_by: null,
      })
      .execute();
  }
  return id;
}

export async function seedUsage(
  db: Kysely<DB>,
  license: { tenantId: string; customerId: string; licenseId: string },
  rows: { metric: string; period: string; quantity: number; alertedPercent?: number; billed?: number }[],
  now: number,
): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('license_usage')
      .values({
        tenant_id: license.tenantId,
        customer_id: license.customerId,
        license_id: license.licenseId,
        metric: row.metric,
        period: row.period,
        quantity: row.quantity,
        alerted_percent: row.alertedPercent ?? null,
        billed_quantity: row.billed ?? 0,
        updated_at: now,
      })
      .execute();
  }
}

/** Validation log slots, as the ring leaves them: `slot` need not follow time once it wraps. */
export async function seedValidations(
  db: Kysely<DB>,
  license: { tenantId: string; customerId: string; licenseId: string },
  rows: { slot: number; at: number; code: string; valid: boolean; address?: string }[],
): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('license_validations')
      .values({
        tenant_id: license.tenantId,
        customer_id: license.customerId,
        license_id: license.licenseId,
        slot: row.slot,
        validated_at: row.at,
        valid: row.valid ? 1 : 0,
        code: row.code,
        fingerprint: null,
        user_ref: null,
        client: 'license-key',
        address: row.address ?? null,
      })
      .execute();
  }
}
