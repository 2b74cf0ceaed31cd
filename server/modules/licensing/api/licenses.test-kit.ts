import type { Kysely } from 'kysely';
import { newId } from '../../../../shared/ids';
import { generateSigningKey, type SigningKey } from '../../../../shared/licensing/keys';
import { signLicenseKey } from '../../../../shared/licensing/signing';
import type { DB } from '../../../db/schema';
import type { LicenseRow, PolicyRow } from '../rows';
import { licenseKeyHash } from './key-hash';

/**
 * Policies and licenses written straight into the tables (the staff commands that issue them
 * are another part of the module), with a real signed key: what the API, machines and usage
 * tests start from. The customer and product are made by the caller through the console.
 */

let signing: Promise<SigningKey> | null = null;
const signingKey = () => (signing ??= generateSigningKey('ktest').then((k) => k.signingKey));

export async function seedPolicy(
  db: Kysely<DB>,
  input: { tenantId: string; productId: string; now: number } & Partial<PolicyRow>,
): Promise<PolicyRow> {
  const { tenantId, productId, now, ...overrides } = input;
  const row: PolicyRow = {
    id: newId('pln', now).replace(/^pln_/, 'lpo_'),
    tenant_id: tenantId,
    name: 'Campus',
    product_id: productId,
    plan_id: null,
    duration_kind: 'FIXED',
    duration_days: 365,
    machine_mode: 'FLOATING',
    max_machines: 2,
    max_users: null,
    expiration_strategy: 'RESTRICT',
    check_in_interval_seconds: null,
    heartbeat_ttl_seconds: null,
    overage_strategy: 'NONE',
    past_due_action: 'OVERDUE',
    usage_limits: '[]',
    entitlements: '["courses"]',
    archived_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
  await db.insertInto('license_policies').values(row).execute();
  return row;
}

export async function seedLicense(
  db: Kysely<DB>,
  input: { policy: PolicyRow; customerId: string; now: number } & Partial<LicenseRow>,
): Promise<{ license: LicenseRow; key: string }> {
  const { policy, customerId, now, ...overrides } = input;
  const id = overrides.id ?? newId('pln', now).replace(/^pln_/, 'lic_');
  const key = await signLicenseKey(
    { licenseId: id, tenantId: policy.tenant_id, issuedAt: now },
    await signingKey(),
  );
  const license: LicenseRow = {
    id,
    tenant_id: policy.tenant_id,
    customer_id: customerId,
    policy_id: policy.id,
    subscription_id: null,
    name: 'Campus licence',
    key_hash: licenseKeyHash(key),
    key_sealed: 'sealed-in-tests',
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
    ...overrides,
  };
  await db.insertInto('licenses').values(license).execute();
  return { license, key };
}
