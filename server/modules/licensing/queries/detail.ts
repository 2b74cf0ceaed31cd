import type { Kysely } from 'kysely';
import type { Policy } from '../../../../shared/licensing/policy';
import type { DB } from '../../../db/schema';
import { notFound } from '../../../lib/errors';
import { policyFromRow, type PolicyRow } from '../rows';

const readList = (text: string): string[] => JSON.parse(text) as string[];

/** A policy as the pages show it: the core's Policy with its name, product and entitlements. */
export interface PolicyView extends Policy {
  name: string;
  productId: string;
  entitlements: string[];
  archivedAt: number | null;
  version: number;
}

export function policyView(row: PolicyRow): PolicyView {
  return {
    ...policyFromRow(row),
    name: row.name,
    productId: row.product_id,
    entitlements: readList(row.entitlements),
    archivedAt: row.archived_at,
    version: row.version,
  };
}

/** The license row a page shows: everything but the key's hash and sealed text (`keyHint` only). */
async function licenseRow(db: Kysely<DB>, tenantId: string, id: string) {
  const row = await db
    .selectFrom('licenses')
    .select([
      'id',
      'customer_id',
      'policy_id',
      'subscription_id',
      'name',
      'key_hint',
      'status',
      'suspended_reason',
      'issued_at',
      'expires_at',
      'renewed_at',
      'revoked_at',
      'last_check_in_at',
      'past_due_grace_ends_at',
      'entitlements',
      'version',
      'created_at',
      'updated_at',
    ])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('License');
  return row;
}

/**
 * One license for its page: the license (key hint only), its policy, customer, subscription,
 * machines and seats. Replicated columns only, so a desktop answers from its replica; the
 * customer and subscription are null there when the desktop does not hold them.
 */
export async function licenseDetail(db: Kysely<DB>, tenantId: string, id: string) {
  const license = await licenseRow(db, tenantId, id);
  const [policy, customer, subscription, machines, seats] = await Promise.all([
    db
      .selectFrom('license_policies')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', license.policy_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('customers')
      .select(['id', 'name', 'email'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', license.customer_id)
      .executeTakeFirst(),
    license.subscription_id === null
      ? undefined
      : db
          .selectFrom('subscriptions')
          .leftJoin('plans', 'plans.id', 'subscriptions.plan_id')
          .select([
            'subscriptions.id',
            'subscriptions.status',
            'subscriptions.current_period_end',
            'plans.name as plan_name',
          ])
          .where('subscriptions.tenant_id', '=', tenantId)
          .where('subscriptions.id', '=', license.subscription_id)
          .executeTakeFirst(),
    db
      .selectFrom('license_machines')
      .select(['id', 'fingerprint', 'name', 'platform', 'activated_via', 'activated_at', 'last_heartbeat_at'])
      .where('tenant_id', '=', tenantId)
      .where('license_id', '=', id)
      .orderBy('activated_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('license_seats')
      .select(['id', 'user_ref', 'email', 'name', 'assigned_at'])
      .where('tenant_id', '=', tenantId)
      .where('license_id', '=', id)
      .orderBy('assigned_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  ]);
  return {
    license: {
      id: license.id,
      name: license.name,
      keyHint: license.key_hint,
      status: license.status,
      suspendedReason: license.suspended_reason,
      customerId: license.customer_id,
      policyId: license.policy_id,
      subscriptionId: license.subscription_id,
      issuedAt: license.issued_at,
      expiresAt: license.expires_at,
      renewedAt: license.renewed_at,
      revokedAt: license.revoked_at,
      lastCheckInAt: license.last_check_in_at,
      pastDueGraceEndsAt: license.past_due_grace_ends_at,
      entitlements: readList(license.entitlements),
      version: license.version,
      createdAt: license.created_at,
      updatedAt: license.updated_at,
    },
    policy: policyView(policy),
    customer: customer ?? null,
    subscription: subscription
      ? {
          id: subscription.id,
          status: subscription.status,
          planName: subscription.plan_name,
          currentPeriodEnd: subscription.current_period_end,
        }
      : null,
    machines: machines.map((m) => ({
      id: m.id,
      fingerprint: m.fingerprint,
      name: m.name,
      platform: m.platform,
      activatedVia: m.activated_via,
      activatedAt: m.activated_at,
      lastHeartbeatAt: m.last_heartbeat_at,
    })),
    seats: seats.map((s) => ({
      id: s.id,
      userRef: s.user_ref,
      email: s.email,
      name: s.name,
      assignedAt: s.assigned_at,
    })),
  };
}

export type LicenseDetail = Awaited<ReturnType<typeof licenseDetail>>;
