import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId } from '../../../shared/ids';
import type { UsageLimit } from '../../../shared/licensing/policy';
import type { DB } from '../../db/schema';

/**
 * A license of one customer written straight into the licensing tables, with machines, seats,
 * usage totals and validations: what the account admins' tests (and e2e) read and change,
 * without the staff's issuing (h-lic) or the REST API (h-api). The key is a random stand-in:
 * these tests never validate it.
 */

export interface SeededLicense {
  licenseId: string;
  policyId: string;
  machineIds: string[];
  seatIds: string[];
}

export interface LicenseSeed {
  tenantId: string;
  customerId: string;
  productId: string;
  name: string;
  now: number;
  maxUsers?: number | null;
  maxMachines?: number | null;
  usageLimits?: UsageLimit[];
  machines?: { fingerprint: string; name?: string; lastHeartbeatAt?: number | null }[];
  seats?: { email: string; name?: string }[];
  usage?: { metric: string; period: string; quantity: number }[];
  validations?: { code: string; valid: boolean; fingerprint?: string }[];
}

export async function seedAccountLicense(db: Kysely<DB>, seed: LicenseSeed): Promise<SeededLicense> {
  const { tenantId, customerId, now } = seed;
  const policyId = newId('lpo', now);
  await db
    .insertInto('license_policies')
    .values({
      id: policyId,
      tenant_id: tenantId,
      name: `${seed.name} policy`,
      product_id: seed.productId,
      plan_id: null,
      duration_kind: 'FIXED',
      duration_days: 365,
      machine_mode: 'FLOATING',
      max_machines: seed.maxMachines ?? 3,
      max_users: seed.maxUsers === undefined ? 5 : seed.maxUsers,
      expiration_strategy: 'RESTRICT',
      check_in_interval_seconds: null,
      heartbeat_ttl_seconds: 3600,
      overage_strategy: 'NONE',
      past_due_action: 'OVERDUE',
      usage_limits: JSON.stringify(seed.usageLimits ?? []),
      entitlements: '[]',
      archived_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const licenseId = newId('lic', now);
  const key = randomBytes(24).toString('base64url');
  const owned = { tenant_id: tenantId, customer_id: customerId, license_id: licenseId };
  await db
    .insertInto('licenses')
    .values({
      id: licenseId,
      tenant_id: tenantId,
      customer_id: customerId,
      policy_id: policyId,
      subscription_id: null,
      name: seed.name,
      key_hash: createHash('sha256').update(key).digest('hex'),
      key_sealed: `test-sealed:${key}`,
      key_hint: key.slice(-6),
      status: 'ACTIVE',
      suspended_reason: null,
      issued_at: now,
      expires_at: now + 365 * 86_400_000,
      renewed_at: null,
      revoked_at: null,
      last_check_in_at: null,
      past_due_grace_ends_at: null,
      entitlements: '[]',
      expiry_reminded_days: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const machineIds: string[] = [];
  for (const m of seed.machines ?? []) {
    const id = newId('lmc', now);
    machineIds.push(id);
    await db
      .insertInto('license_machines')
      .values({
        id,
        ...owned,
        fingerprint: m.fingerprint,
        name: m.name ?? null,
        platform: 'linux',
        activated_via: 'api',
        activated_at: now,
        last_heartbeat_at: m.lastHeartbeatAt === undefined ? now : m.lastHeartbeatAt,
        created_by: null,
      })
      .execute();
  }
  const seatIds: string[] = [];
  for (const s of seed.seats ?? []) {
    const id = newId('lse', now);
    seatIds.push(id);
    await db
      .insertInto('license_seats')
      .values({
        id,
        ...owned,
        user_ref: s.email,
        email: s.email,
        name: s.name ?? null,
        assigned_at: now,
        assigned_by: null,
      })
      .execute();
  }
  for (const u of seed.usage ?? []) {
    await db
      .insertInto('license_usage')
      .values({ ...owned, ...u, alerted_percent: null, billed_quantity: 0, updated_at: now })
      .execute();
  }
  for (const [slot, v] of (seed.validations ?? []).entries()) {
    await db
      .insertInto('license_validations')
      .values({
        ...owned,
        slot,
        validated_at: now - slot * 1000,
        valid: v.valid ? 1 : 0,
        code: v.code,
        fingerprint: v.fingerprint ?? null,
        user_ref: null,
        client: 'api',
        address: '203.0.113.7',
      })
      .execute();
  }
  return { licenseId, policyId, machineIds, seatIds };
}
