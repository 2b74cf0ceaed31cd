import type { Kysely } from 'kysely';
import type { Actor } from '../../../commands/run-command';
import { insertAuditEntry } from '../../../commands/audit-entries';
import type { DB } from '../../../db/schema';
import type { SubscriptionTerms } from '../../billing';
import { followSubscription, type FollowContext } from './follow';
import {
  FOLLOW_ACTION,
  graceEndOf,
  lastAttention,
  licenseSnapshot,
  licensesOfSubscription,
  livePoliciesOfPlan,
  patchLicense,
} from './repo';

/** Who changes a license when its subscription changes (the subscription's own entry names the person). */
export const LICENSING_ACTOR: Actor = { userId: null, name: 'Licensing', client: 'system:licensing' };

const PAST_DUE = new Set(['past_due', 'unpaid']);

/**
 * Billing's port (billing/licensing-port.ts), in the transaction of every write of an existing
 * subscription, Tollgate's or Stripe's mirror: each of its licenses follows it (follow.ts), each
 * change audited there. A subscription without licenses costs one indexed read.
 */
export async function afterSubscriptionWrite(
  db: Kysely<DB>,
  tenantId: string,
  terms: SubscriptionTerms,
): Promise<void> {
  const licenses = await licensesOfSubscription(db, tenantId, terms.id);
  if (licenses.length === 0) return;
  const needsGrace = PAST_DUE.has(terms.status) && licenses.some((l) => l.pastDueGraceEndsAt === null);
  const needsPlan = licenses.some((l) => l.policyPlanId !== null && l.policyPlanId !== terms.planId);
  const context: FollowContext = {
    graceEndsAt: needsGrace ? await graceEndOf(db, tenantId, terms.id, terms.updatedAt) : terms.updatedAt,
    planPolicies: needsPlan ? await livePoliciesOfPlan(db, tenantId, terms.planId) : [],
  };
  const now = terms.updatedAt;
  for (const license of licenses) {
    const follow = followSubscription(terms, license, context);
    if (!follow) continue;
    const onlyAttention = Object.keys(follow.patch).length === 0;
    if (onlyAttention && (await lastAttention(db, tenantId, license.id)) === follow.attention) continue;
    const before = await licenseSnapshot(db, tenantId, license.id);
    if (!onlyAttention) await patchLicense(db, tenantId, license.id, follow.patch, now);
    const after = await licenseSnapshot(db, tenantId, license.id);
    await insertAuditEntry(db, {
      tenantId,
      actorId: LICENSING_ACTOR.userId,
      actorName: LICENSING_ACTOR.name,
      client: LICENSING_ACTOR.client,
      action: FOLLOW_ACTION,
      entityType: 'license',
      entityId: license.id,
      before,
      after: {
        ...after,
        subscriptionStatus: terms.status,
        effects: follow.effects,
        attention: follow.attention,
      },
      at: now,
    });
  }
}
