import type { LicenseState, Machine } from '../../../shared/licensing/decision';
import type { Policy, UsageLimit } from '../../../shared/licensing/policy';
import type { DB } from '../../db/schema';

export type PolicyRow = DB['license_policies'];
export type LicenseRow = DB['licenses'];
export type MachineRow = DB['license_machines'];

/** A JSON column this module wrote (checked on the way in), read back. */
const readJson = <T>(text: string): T => JSON.parse(text) as T;

/** The stored policy as the pure core reads it (shared/licensing/policy.ts). */
export function policyFromRow(row: PolicyRow): Policy {
  return {
    id: row.id,
    planId: row.plan_id,
    duration:
      row.duration_kind === 'FIXED'
        ? { kind: 'FIXED', days: row.duration_days ?? 0 }
        : { kind: 'SUBSCRIPTION' },
    machineMode: row.machine_mode,
    maxMachines: row.max_machines,
    maxUsers: row.max_users,
    expirationStrategy: row.expiration_strategy,
    checkInIntervalSeconds: row.check_in_interval_seconds,
    heartbeatTtlSeconds: row.heartbeat_ttl_seconds,
    overageStrategy: row.overage_strategy,
    pastDueAction: row.past_due_action,
    usageLimits: readJson<UsageLimit[]>(row.usage_limits),
  };
}

export function machineFromRow(
  row: Pick<MachineRow, 'id' | 'fingerprint' | 'activated_at' | 'last_heartbeat_at'>,
): Machine {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    activatedAt: row.activated_at,
    lastHeartbeatAt: row.last_heartbeat_at,
  };
}

/**
 * What the decision needs of a license (shared/licensing/decision.ts's LicenseState): the row,
 * its policy's product and entitlements, its machines, seat holders and this period's usage.
 * A revoked license never gets here (validation answers NOT_FOUND for it).
 */
export function licenseStateOf(input: {
  license: LicenseRow;
  policy: PolicyRow;
  machines: readonly MachineRow[];
  users: readonly string[];
  usage: Readonly<Record<string, number>>;
}): LicenseState {
  const { license, policy } = input;
  const entitlements = new Set([
    ...readJson<string[]>(policy.entitlements),
    ...readJson<string[]>(license.entitlements),
  ]);
  return {
    id: license.id,
    productId: policy.product_id,
    suspended: license.status === 'SUSPENDED',
    createdAt: license.issued_at,
    expiresAt: license.expires_at,
    lastCheckInAt: license.last_check_in_at,
    pastDueGraceEndsAt: license.past_due_grace_ends_at,
    entitlements: [...entitlements].sort(),
    machines: input.machines.map(machineFromRow),
    users: [...input.users],
    usage: input.usage,
  };
}
