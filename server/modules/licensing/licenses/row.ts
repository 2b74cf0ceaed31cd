import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { DomainError, notFound } from '../../../lib/errors';
import type { EntityChange } from '../../../commands/run-command';
import type { LicenseRow } from '../rows';

/**
 * A license as staff read it: the row without its key's hash and sealed text (they never leave
 * the server: not in results, audit entries or replicas); `keyHint` tells keys apart.
 */
export interface License {
  id: string;
  customerId: string;
  policyId: string;
  subscriptionId: string | null;
  name: string;
  keyHint: string;
  status: LicenseRow['status'];
  suspendedReason: string | null;
  issuedAt: number;
  expiresAt: number | null;
  renewedAt: number | null;
  revokedAt: number | null;
  lastCheckInAt: number | null;
  pastDueGraceEndsAt: number | null;
  /** Entitlements beyond the policy's. */
  entitlements: string[];
  expiryRemindedDays: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

type Db = Kysely<DB> | Transaction<DB>;

export const toLicense = (row: LicenseRow): License => ({
  id: row.id,
  customerId: row.customer_id,
  policyId: row.policy_id,
  subscriptionId: row.subscription_id,
  name: row.name,
  keyHint: row.key_hint,
  status: row.status,
  suspendedReason: row.suspended_reason,
  issuedAt: row.issued_at,
  expiresAt: row.expires_at,
  renewedAt: row.renewed_at,
  revokedAt: row.revoked_at,
  lastCheckInAt: row.last_check_in_at,
  pastDueGraceEndsAt: row.past_due_grace_ends_at,
  entitlements: JSON.parse(row.entitlements) as string[],
  expiryRemindedDays: row.expiry_reminded_days,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The key's last characters, shown so people can tell keys apart. */
export const keyHintOf = (key: string) => key.trim().slice(-4);

export const licenseChange = (
  before: License | null,
  after: License,
  extra: Record<string, unknown> = {},
): EntityChange => ({
  entityType: 'license',
  entityId: after.id,
  before: before && { ...before },
  after: { ...after, ...extra },
});

/** The tenant's license row, or not found. */
export async function findLicenseRow(db: Db, tenantId: string, id: string): Promise<LicenseRow> {
  const row = await db
    .selectFrom('licenses')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('License');
  return row;
}

/** The license a change starts from: the tenant's, at the version the caller saw. */
export async function loadForChange(
  trx: Transaction<DB>,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<LicenseRow> {
  const row = await findLicenseRow(trx, tenantId, id);
  if (row.version !== expectedVersion) {
    throw new DomainError(
      'CONFLICT',
      'This license was changed by someone else since you opened it. Reload to see their change, then try again.',
    );
  }
  return row;
}

type Patch = Partial<
  Omit<LicenseRow, 'id' | 'tenant_id' | 'version' | 'updated_at' | 'key_hash' | 'key_sealed'>
>;

/** Writes `patch` over `current` if no one got there first; the license before and after. */
export async function saveLicense(
  trx: Transaction<DB>,
  current: LicenseRow,
  patch: Patch,
  now: number,
): Promise<{ before: License; after: License }> {
  const next: LicenseRow = { ...current, ...patch, version: current.version + 1, updated_at: now };
  const { id: _id, tenant_id: _t, key_hash: _h, key_sealed: _s, ...columns } = next;
  const updated = await trx
    .updateTable('licenses')
    .set(columns)
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new DomainError('CONFLICT', 'This license changed while saving; reload and try again.');
  }
  return { before: toLicense(current), after: toLicense(next) };
}

/** The tenant's customer, active, or a clear refusal. */
export async function activeCustomer(db: Db, tenantId: string, customerId: string) {
  const customer = await db
    .selectFrom('customers')
    .select(['id', 'name', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer) throw notFound('Customer');
  if (customer.status !== 'active') {
    throw new DomainError('INVALID_STATE', `${customer.name} is archived; unarchive the customer first`);
  }
  return customer;
}

/** A subscription of that customer (in the tenant), or a refusal naming the field. */
export async function subscriptionOf(db: Db, tenantId: string, customerId: string, subscriptionId: string) {
  const subscription = await db
    .selectFrom('subscriptions')
    .select(['id', 'customer_id', 'plan_id', 'status', 'current_period_end'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', subscriptionId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  if (!subscription) {
    throw new DomainError('NOT_FOUND', 'Subscription was not found for this customer', {
      subscriptionId: ['Not a subscription of this customer'],
    });
  }
  return subscription;
}
