import type { Kysely } from 'kysely';
import {
  machineCeiling,
  machineLimit,
  userCeiling,
  type Policy,
  type UsageLimit,
} from '../../../../shared/licensing/policy';
import type { DB } from '../../../db/schema';
import { heartbeatDead } from '../../../../shared/licensing/decision';
import { BugIndicatingError, notFound } from '../../../lib/errors';
import { machineFromRow, policyFromRow } from '../rows';

/**
 * What an account admin sees of their own licenses (decision 145): always read with the
 * customer of their binding, never one from input. Never the key's hash or its sealed text,
 * and not the key itself (staff hand it over): the hint tells keys apart. Runs on the server
 * and on the admin's replica, which holds these rows (server/sync/account-reach.ts).
 */

export interface AccountScope {
  db: Kysely<DB>;
  tenantId: string;
  customerId: string;
}

/** The latest entries of the validation log shown on a license. */
const RECENT_VALIDATIONS = 20;

const LICENSE_COLUMNS = [
  'licenses.id',
  'licenses.name',
  'licenses.key_hint as keyHint',
  'licenses.status',
  'licenses.suspended_reason as suspendedReason',
  'licenses.issued_at as issuedAt',
  'licenses.expires_at as expiresAt',
  'licenses.last_check_in_at as lastCheckInAt',
  'licenses.policy_id as policyId',
  'license_policies.name as policyName',
  'products.name as productName',
] as const;

/** The policies of these licenses, by id (rows → the core's Policy). */
async function policiesOf(s: AccountScope, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, Policy>();
  const rows = await s.db
    .selectFrom('license_policies')
    .selectAll()
    .where('tenant_id', '=', s.tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, policyFromRow(r)]));
}

function policyOf(policies: Map<string, Policy>, id: string): Policy {
  const policy = policies.get(id);
  if (!policy) throw new BugIndicatingError(`license policy ${id} is missing`);
  return policy;
}

function licensesOf(s: AccountScope) {
  return s.db
    .selectFrom('licenses')
    .innerJoin('license_policies', 'license_policies.id', 'licenses.policy_id')
    .leftJoin('products', 'products.id', 'license_policies.product_id')
    .where('licenses.tenant_id', '=', s.tenantId)
    .where('licenses.customer_id', '=', s.customerId);
}

async function countsBy(s: AccountScope, table: 'license_seats' | 'license_machines', ids: string[]) {
  if (ids.length === 0) return new Map<string, number>();
  const rows = await s.db
    .selectFrom(table)
    .select((eb) => ['license_id', eb.fn.countAll<number | string>().as('n')])
    .where('tenant_id', '=', s.tenantId)
    .where('license_id', 'in', ids)
    .groupBy('license_id')
    .execute();
  return new Map(rows.map((r) => [r.license_id, Number(r.n)]));
}

/** The account's licenses, newest first, with seats and machines in use against their maximums. */
export async function accountLicenses(s: AccountScope) {
  const rows = await licensesOf(s)
    .select(LICENSE_COLUMNS)
    .orderBy('licenses.created_at', 'desc')
    .orderBy('licenses.id', 'desc')
    .execute();
  const ids = rows.map((r) => r.id);
  const [seats, machines, policies] = await Promise.all([
    countsBy(s, 'license_seats', ids),
    countsBy(s, 'license_machines', ids),
    policiesOf(
      s,
      rows.map((r) => r.policyId),
    ),
  ]);
  return rows.map((row) => {
    const policy = policyOf(policies, row.policyId);
    return {
      ...pick(row),
      seats: { used: seats.get(row.id) ?? 0, max: policy.maxUsers, ceiling: userCeiling(policy) },
      machines: {
        used: machines.get(row.id) ?? 0,
        max: machineLimit(policy),
        ceiling: machineCeiling(policy),
      },
    };
  });
}

const pick = (row: {
  id: string;
  name: string;
  keyHint: string;
  status: string;
  suspendedReason: string | null;
  issuedAt: number;
  expiresAt: number | null;
  lastCheckInAt: number | null;
  policyName: string;
  productName: string | null;
}) => ({
  id: row.id,
  name: row.name,
  keyHint: row.keyHint,
  status: row.status,
  suspendedReason: row.suspendedReason,
  issuedAt: row.issuedAt,
  expiresAt: row.expiresAt,
  lastCheckInAt: row.lastCheckInAt,
  policyName: row.policyName,
  productName: row.productName,
});

/** One of the account's licenses with its machines, seats, usage per metric and recent validations. */
export async function accountLicense(s: AccountScope, id: string, now: number) {
  const row = await licensesOf(s).select(LICENSE_COLUMNS).where('licenses.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('License');
  const policy = policyOf(await policiesOf(s, [row.policyId]), row.policyId);
  const [machines, seats, usage, validations] = await Promise.all([
    machinesOf(s, row.id).then((machines) =>
      // Dead: no heartbeat within the policy's TTL — the machines an admin most likely releases.
      machines.map((m) => ({ ...m, dead: heartbeatDead(machineFromRow(toMachineRow(m)), policy, now) })),
    ),
    seatsOf(s, row.id),
    usageOf(s, row.id),
    validationsOf(s, row.id),
  ]);
  return {
    license: pick(row),
    policy: {
      machineMode: policy.machineMode,
      maxMachines: machineLimit(policy),
      machineCeiling: machineCeiling(policy),
      maxUsers: policy.maxUsers,
      userCeiling: userCeiling(policy),
      heartbeatTtlSeconds: policy.heartbeatTtlSeconds,
      expirationStrategy: policy.expirationStrategy,
    },
    machines,
    seats,
    usage: usagePerMetric(policy.usageLimits, usage),
    validations,
  };
}

const toMachineRow = (m: {
  id: string;
  fingerprint: string;
  activatedAt: number;
  lastHeartbeatAt: number | null;
}) => ({
  id: m.id,
  fingerprint: m.fingerprint,
  activated_at: m.activatedAt,
  last_heartbeat_at: m.lastHeartbeatAt,
});

function machinesOf(s: AccountScope, licenseId: string) {
  return s.db
    .selectFrom('license_machines')
    .select([
      'id',
      'fingerprint',
      'name',
      'platform',
      'activated_via as activatedVia',
      'activated_at as activatedAt',
      'last_heartbeat_at as lastHeartbeatAt',
    ])
    .where('tenant_id', '=', s.tenantId)
    .where('customer_id', '=', s.customerId)
    .where('license_id', '=', licenseId)
    .orderBy('activated_at')
    .orderBy('id')
    .execute();
}

function seatsOf(s: AccountScope, licenseId: string) {
  return s.db
    .selectFrom('license_seats')
    .select(['id', 'user_ref as userRef', 'email', 'name', 'assigned_at as assignedAt'])
    .where('tenant_id', '=', s.tenantId)
    .where('customer_id', '=', s.customerId)
    .where('license_id', '=', licenseId)
    .orderBy('assigned_at')
    .orderBy('id')
    .execute();
}

function usageOf(s: AccountScope, licenseId: string) {
  return s.db
    .selectFrom('license_usage')
    .select(['metric', 'period', 'quantity'])
    .where('tenant_id', '=', s.tenantId)
    .where('customer_id', '=', s.customerId)
    .where('license_id', '=', licenseId)
    .orderBy('metric')
    .orderBy('period')
    .execute();
}

async function validationsOf(s: AccountScope, licenseId: string) {
  const rows = await s.db
    .selectFrom('license_validations')
    .select([
      'validated_at as validatedAt',
      'valid',
      'code',
      'fingerprint',
      'user_ref as userRef',
      'client',
      'repeats',
      'first_validated_at as firstValidatedAt',
    ])
    .where('tenant_id', '=', s.tenantId)
    .where('customer_id', '=', s.customerId)
    .where('license_id', '=', licenseId)
    .orderBy('validated_at', 'desc')
    .limit(RECENT_VALIDATIONS)
    .execute();
  return rows.map((r) => ({
    ...r,
    valid: Boolean(r.valid),
    repeats: Number(r.repeats),
    firstValidatedAt: Number(r.firstValidatedAt),
  }));
}

/**
 * Each metric the policy limits, then any other metric reported: its latest period's total
 * against the limit, and the totals of every period for a chart.
 */
export function usagePerMetric(
  limits: readonly UsageLimit[],
  rows: readonly { metric: string; period: string; quantity: number }[],
) {
  const metrics = [...limits.map((l) => l.metric)];
  for (const r of rows) if (!metrics.includes(r.metric)) metrics.push(r.metric);
  return metrics.map((metric) => {
    const limit = limits.find((l) => l.metric === metric) ?? null;
    const history = rows
      .filter((r) => r.metric === metric)
      .map((r) => ({ period: r.period, quantity: Number(r.quantity) }));
    const latest = history.at(-1) ?? null;
    return {
      metric,
      limit: limit?.limit ?? null,
      rule: limit?.rule.kind ?? null,
      period: latest?.period ?? null,
      used: latest?.quantity ?? 0,
      history,
    };
  });
}
