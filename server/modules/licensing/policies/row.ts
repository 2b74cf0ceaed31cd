import type { PolicyFields } from '../../../../shared/licensing/schema';
import type { PolicyRow } from '../rows';

/** A license policy as staff read and edit it: migration 0031's row, camelCase, JSON read. */
export interface LicensePolicy extends PolicyFields {
  id: string;
  archivedAt: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export const toPolicy = (row: PolicyRow): LicensePolicy => ({
  id: row.id,
  name: row.name,
  productId: row.product_id,
  planId: row.plan_id,
  durationKind: row.duration_kind,
  durationDays: row.duration_days,
  machineMode: row.machine_mode,
  maxMachines: row.max_machines,
  maxUsers: row.max_users,
  expirationStrategy: row.expiration_strategy,
  checkInIntervalSeconds: row.check_in_interval_seconds,
  heartbeatTtlSeconds: row.heartbeat_ttl_seconds,
  overageStrategy: row.overage_strategy,
  pastDueAction: row.past_due_action,
  usageLimits: JSON.parse(row.usage_limits) as PolicyFields['usageLimits'],
  entitlements: JSON.parse(row.entitlements) as string[],
  archivedAt: row.archived_at,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The columns a policy's fields are stored in. */
export const policyColumns = (p: PolicyFields) => ({
  name: p.name,
  product_id: p.productId,
  plan_id: p.planId,
  duration_kind: p.durationKind,
  duration_days: p.durationDays,
  machine_mode: p.machineMode,
  max_machines: p.maxMachines,
  max_users: p.maxUsers,
  expiration_strategy: p.expirationStrategy,
  check_in_interval_seconds: p.checkInIntervalSeconds,
  heartbeat_ttl_seconds: p.heartbeatTtlSeconds,
  overage_strategy: p.overageStrategy,
  past_due_action: p.pastDueAction,
  usage_limits: JSON.stringify(p.usageLimits),
  entitlements: JSON.stringify(p.entitlements),
});

/** The fields of a stored policy, as an edit starts from them. */
export function fieldsOf(p: LicensePolicy): PolicyFields {
  const { id: _id, archivedAt: _a, version: _v, createdAt: _c, updatedAt: _u, ...fields } = p;
  return fields;
}
