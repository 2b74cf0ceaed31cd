import type { LicenseStatus } from '../../../db/schema-licensing';

/**
 * How a license follows its subscription (docs/licensing.md, "Tied to the subscription"):
 * pure, from the subscription as just written and the license as it stands. A SUBSCRIPTION
 * policy's license expires with the subscription's current period (a renewal extends it, a
 * cancel at period end stops it there, an end stops it at the end) and moves to the new plan's
 * policy; a FIXED one keeps its own expiry and takes only the status effects (the past-due
 * grace, and an end that comes before its expiry). Idempotent: the same write twice changes
 * nothing the second time, which is what lets every subscription write call it.
 */

/** The subscription, as billing's port gives it (billing/licensing-port.ts's SubscriptionTerms). */
export interface FollowedSubscription {
  id: string;
  customerId: string;
  planId: string;
  status: string;
  currentPeriodEnd: number;
  cancelAtPeriodEnd: boolean;
  endedAt: number | null;
  updatedAt: number;
}

export interface FollowingLicense {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  status: LicenseStatus;
  policyId: string;
  /** The plan of the license's policy (null: a policy issued without a plan). */
  policyPlanId: string | null;
  durationKind: 'FIXED' | 'SUBSCRIPTION';
  expiresAt: number | null;
  pastDueGraceEndsAt: number | null;
  expiryRemindedDays: number | null;
}

export interface FollowContext {
  /** When a past-due subscription's access ends: its recovery's grace end. */
  graceEndsAt: number;
  /** The tenant's non-archived policies of the subscription's plan. */
  planPolicies: readonly string[];
}

export type FollowEffect =
  | 'renewed'
  | 'expires_at_period_end'
  | 'period_changed'
  | 'ended'
  | 'past_due'
  | 'paid'
  | 'policy_changed'
  | 'plan_unmatched';

export interface LicensePatch {
  expiresAt?: number | null;
  renewedAt?: number;
  expiryRemindedDays?: null;
  pastDueGraceEndsAt?: number | null;
  policyId?: string;
}

export interface LicenseFollow {
  patch: LicensePatch;
  effects: FollowEffect[];
  /** Why staff should look (the new plan has no policy, or several): the license stays as it is. */
  attention: string | null;
}

const PAST_DUE = new Set(['past_due', 'unpaid']);
const PAYING = new Set(['active', 'trialing']);

const isEnded = (s: FollowedSubscription) => s.status === 'canceled' || s.endedAt !== null;

/** The expiry a SUBSCRIPTION license takes from its subscription, and why. */
function subscriptionExpiry(s: FollowedSubscription, license: FollowingLicense, follow: LicenseFollow) {
  const target = isEnded(s) ? (s.endedAt ?? s.updatedAt) : s.currentPeriodEnd;
  if (license.expiresAt === target) return;
  follow.patch.expiresAt = target;
  if (isEnded(s)) follow.effects.push('ended');
  else if (license.expiresAt === null || target > license.expiresAt) {
    follow.effects.push(s.cancelAtPeriodEnd ? 'expires_at_period_end' : 'renewed');
    follow.patch.renewedAt = s.updatedAt;
    // A later expiry deserves its own reminders (30, 7, 1 days before it).
    if (license.expiryRemindedDays !== null) follow.patch.expiryRemindedDays = null;
  } else follow.effects.push(s.cancelAtPeriodEnd ? 'expires_at_period_end' : 'period_changed');
}

/** A FIXED license keeps its own expiry, unless the subscription ended before it. */
function fixedExpiry(s: FollowedSubscription, license: FollowingLicense, follow: LicenseFollow) {
  if (!isEnded(s)) return;
  const end = s.endedAt ?? s.updatedAt;
  if (license.expiresAt !== null && license.expiresAt <= end) return;
  follow.patch.expiresAt = end;
  follow.effects.push('ended');
}

function grace(
  s: FollowedSubscription,
  license: FollowingLicense,
  context: FollowContext,
  follow: LicenseFollow,
) {
  if (PAST_DUE.has(s.status) && license.pastDueGraceEndsAt === null) {
    follow.patch.pastDueGraceEndsAt = context.graceEndsAt;
    follow.effects.push('past_due');
  } else if (PAYING.has(s.status) && license.pastDueGraceEndsAt !== null) {
    follow.patch.pastDueGraceEndsAt = null;
    follow.effects.push('paid');
  }
}

function plan(
  s: FollowedSubscription,
  license: FollowingLicense,
  context: FollowContext,
  follow: LicenseFollow,
) {
  if (isEnded(s) || license.policyPlanId === null || license.policyPlanId === s.planId) return;
  const [only, ...others] = context.planPolicies;
  if (only !== undefined && others.length === 0) {
    follow.patch.policyId = only;
    follow.effects.push('policy_changed');
    return;
  }
  follow.effects.push('plan_unmatched');
  follow.attention =
    only === undefined
      ? `the subscription moved to plan ${s.planId}, which has no license policy; the license keeps policy ${license.policyId}`
      : `the subscription moved to plan ${s.planId}, which has ${context.planPolicies.length} license policies; choose one for this license`;
}

/** What the subscription's write does to one of its licenses; null when nothing. */
export function followSubscription(
  s: FollowedSubscription,
  license: FollowingLicense,
  context: FollowContext,
): LicenseFollow | null {
  // A license follows only its own subscription, of its own customer; a revoked one follows nothing.
  if (license.subscriptionId !== s.id || license.customerId !== s.customerId) return null;
  if (license.status === 'REVOKED') return null;
  const follow: LicenseFollow = { patch: {}, effects: [], attention: null };
  if (license.durationKind === 'SUBSCRIPTION') {
    subscriptionExpiry(s, license, follow);
    plan(s, license, context, follow);
  } else fixedExpiry(s, license, follow);
  grace(s, license, context, follow);
  return follow.effects.length === 0 ? null : follow;
}

/** The license after a follow (for the audit's "after", and for property tests). */
export function applyFollow<L extends FollowingLicense>(license: L, follow: LicenseFollow): L {
  return { ...license, ...follow.patch };
}
