import type { Kysely } from 'kysely';
import { newId } from '../../../shared/ids';
import { generateSigningKey, type SigningKey } from '../../../shared/licensing/keys';
import type { UsageLimit } from '../../../shared/licensing/policy';
import { signLicenseKey } from '../../../shared/licensing/signing';
import type { DB } from '../../db/schema';
import { licenseKeyHash } from './api/key-hash';
import type { LicenseRow, PolicyRow } from './rows';

/**
 * The licensing module's one test kit for rows written straight into its tables: a policy, a
 * license (with a real signed key, so the API can validate it), its machines and seats, usage
 * totals and validation slots. The staff's commands that issue licenses are tested where they
 * live; everything else (reads, the REST API, the lifecycle, account admins, the isolation walk,
 * e2e and the bench) starts from these rows. The workspace with its customers and products is
 * made by the caller (createTestWorld, startRestWorld, or licensing-world.test-kit.ts).
 *
 * Defaults are a floating policy of two machines, no user ceiling and the `courses`
 * entitlement, and an active license for a year; a test passes the columns it depends on.
 */

let signing: Promise<SigningKey> | null = null;
const signingKey = () => (signing ??= generateSigningKey('ktest').then((k) => k.signingKey));

/** A policy's columns, with `usageLimits` as a list (it is written as `usage_limits`' JSON). */
export type PolicySeed = {
  tenantId: string;
  productId: string;
  now: number;
  usageLimits?: UsageLimit[];
} & Partial<PolicyRow>;

export async function seedPolicy(db: Kysely<DB>, input: PolicySeed): Promise<PolicyRow> {
  const { tenantId, productId, now, usageLimits, ...overrides } = input;
  const row: PolicyRow = {
    id: newId('lpo'),
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
    usage_limits: JSON.stringify(usageLimits ?? []),
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

/** The policy the account admins' licenses have: five seats, three machines, a heartbeat an hour. */
export const ACCOUNT_POLICY = {
  max_machines: 3,
  max_users: 5,
  heartbeat_ttl_seconds: 3600,
  entitlements: '[]',
} as const satisfies Partial<PolicyRow>;

/** A policy renewed with its plan's subscription, with no machines: what the lifecycle's tests tie. */
export const SUBSCRIPTION_POLICY = {
  duration_kind: 'SUBSCRIPTION',
  duration_days: null,
  machine_mode: 'NONE',
  max_machines: null,
  entitlements: '[]',
} as const satisfies Partial<PolicyRow>;

/** Who a usage total or a validation belongs to. */
export interface LicenseOwner {
  tenantId: string;
  customerId: string;
  licenseId: string;
}

export interface MachineSeed {
  fingerprint: string;
  name?: string;
  activatedAt?: number;
  /** The last heartbeat; `now` unless said (null: never beat). */
  lastHeartbeatAt?: number | null;
}

export interface SeatSeed {
  email: string;
  name?: string;
  userRef?: string;
  assignedAt?: number;
}

export interface UsageSeed {
  metric: string;
  period: string;
  quantity: number;
  alertedPercent?: number;
  billed?: number;
}

/** A validation log slot, as the ring leaves it: `slot` need not follow time once it wraps. */
export interface ValidationSeed {
  slot: number;
  at: number;
  code: string;
  valid: boolean;
  address?: string;
  fingerprint?: string;
}

export type LicenseSeed = {
  policy: Pick<PolicyRow, 'id' | 'tenant_id'>;
  customerId: string;
  now: number;
  machines?: MachineSeed[];
  seats?: SeatSeed[];
  usage?: UsageSeed[];
  validations?: ValidationSeed[];
} & Partial<LicenseRow>;

export interface SeededLicense {
  license: LicenseRow;
  key: string;
  machineIds: string[];
  seatIds: string[];
}

export async function seedLicense(db: Kysely<DB>, input: LicenseSeed): Promise<SeededLicense> {
  const { policy, customerId, now, machines, seats, usage, validations, ...overrides } = input;
  const id = overrides.id ?? newId('lic');
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
    // The key inside: tests that prove the sealed text never leaves can look for it.
    key_sealed: `test-sealed:${key}`,
    key_hint: key.slice(-4),
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
  const owner = { tenantId: license.tenant_id, customerId, licenseId: id };
  const machineIds = await seedMachines(db, owner, machines ?? [], now);
  const seatIds = await seedSeats(db, owner, seats ?? [], now);
  await seedUsage(db, owner, usage ?? [], now);
  await seedValidations(db, owner, validations ?? []);
  return { license, key, machineIds, seatIds };
}

/** `count` machines `fp-0`, `fp-1`… named after the license, activated a millisecond apart. */
export const numberedMachines = (count: number, name: string, now: number): MachineSeed[] =>
  Array.from({ length: count }, (_, i) => ({
    fingerprint: `fp-${i}`,
    name: `${name} machine ${i}`,
    activatedAt: now + i,
    lastHeartbeatAt: null,
  }));

/** `count` seats `user0@seat.example`… named after the license, assigned a millisecond apart. */
export const numberedSeats = (count: number, name: string, now: number): SeatSeed[] =>
  Array.from({ length: count }, (_, i) => ({
    email: `user${i}@seat.example`,
    userRef: `user-${i}`,
    name: `${name} seat ${i}`,
    assignedAt: now + i,
  }));

const ownedBy = (o: LicenseOwner) => ({
  tenant_id: o.tenantId,
  customer_id: o.customerId,
  license_id: o.licenseId,
});

export async function seedMachines(
  db: Kysely<DB>,
  owner: LicenseOwner,
  machines: MachineSeed[],
  now: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (const m of machines) {
    const id = newId('lmc');
    ids.push(id);
    await db
      .insertInto('license_machines')
      .values({
        id,
        ...ownedBy(owner),
        fingerprint: m.fingerprint,
        name: m.name ?? null,
        platform: 'linux',
        activated_via: 'api',
        activated_at: m.activatedAt ?? now,
        last_heartbeat_at: m.lastHeartbeatAt === undefined ? now : m.lastHeartbeatAt,
        created_by: null,
      })
      .execute();
  }
  return ids;
}

export async function seedSeats(
  db: Kysely<DB>,
  owner: LicenseOwner,
  seats: SeatSeed[],
  now: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (const s of seats) {
    const id = newId('lse');
    ids.push(id);
    await db
      .insertInto('license_seats')
      .values({
        id,
        ...ownedBy(owner),
        user_ref: s.userRef ?? s.email,
        email: s.email,
        name: s.name ?? null,
        assigned_at: s.assignedAt ?? now,
        assigned_by: null,
      })
      .execute();
  }
  return ids;
}

/** Usage totals as the usage API would have left them; a total already there is replaced. */
export async function seedUsage(
  db: Kysely<DB>,
  owner: LicenseOwner,
  rows: UsageSeed[],
  now: number,
): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('license_usage')
      .values({
        ...ownedBy(owner),
        metric: row.metric,
        period: row.period,
        quantity: row.quantity,
        alerted_percent: row.alertedPercent ?? null,
        billed_quantity: row.billed ?? 0,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['license_id', 'metric', 'period'])
          .doUpdateSet({ quantity: row.quantity, updated_at: now }),
      )
      .execute();
  }
}

export async function seedValidations(
  db: Kysely<DB>,
  owner: LicenseOwner,
  rows: ValidationSeed[],
): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('license_validations')
      .values({
        ...ownedBy(owner),
        slot: row.slot,
        validated_at: row.at,
        first_validated_at: row.at,
        repeats: 1,
        valid: row.valid ? 1 : 0,
        code: row.code,
        fingerprint: row.fingerprint ?? null,
        user_ref: null,
        client: 'license-key',
        address: row.address ?? null,
      })
      .execute();
  }
}

export async function licenseRow(db: Kysely<DB>, id: string): Promise<LicenseRow> {
  return db.selectFrom('licenses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
