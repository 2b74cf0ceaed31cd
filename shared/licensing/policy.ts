/**
 * A license policy and the arithmetic on it: how many machines and users a license may really
 * have (its overage ceiling), when a license expires. Pure; times are UTC epoch milliseconds,
 * intervals are seconds (as policies are written), counts are whole numbers.
 */

export const DAY_MS = 86_400_000;

/** What happens once a license has expired (Keygen's four strategies; see docs/licensing.md). */
export const EXPIRATION_STRATEGIES = ['RESTRICT', 'REVOKE', 'MAINTAIN', 'ALLOW'] as const;
export type ExpirationStrategy = (typeof EXPIRATION_STRATEGIES)[number];

/** How far past its maximum a license may go in machines and users. */
export const OVERAGE_STRATEGIES = ['NONE', 'X1_25', 'X1_5', 'X2', 'ALWAYS'] as const;
export type OverageStrategy = (typeof OVERAGE_STRATEGIES)[number];

/** NONE: the license is not tied to machines; otherwise it must be activated on at least one. */
export const MACHINE_MODES = ['NONE', 'NODE_LOCKED', 'FLOATING'] as const;
export type MachineMode = (typeof MACHINE_MODES)[number];

/** Each strategy's ceiling as a fraction, so ceilings are computed in integers: floor(max × n / d). */
const OVERAGE_FRACTIONS: Record<Exclude<OverageStrategy, 'ALWAYS'>, readonly [number, number]> = {
  NONE: [1, 1],
  X1_25: [5, 4],
  X1_5: [3, 2],
  X2: [2, 1],
};

/** A usage rule: refuse past the limit, bill each unit over it, or allow up to `percent` % of it. */
export type UsageRule =
  | { kind: 'BLOCK' }
  | { kind: 'BILL'; unitPrice: number; currency: string }
  | { kind: 'ALLOW_MULTIPLE'; percent: number };

/** One metric's limit per billing period (course hours, API calls, storage…). */
export interface UsageLimit {
  metric: string;
  limit: number;
  rule: UsageRule;
}

export type Duration =
  /** Expires `days` after it is issued (or renewed). */
  | { kind: 'FIXED'; days: number }
  /** Expires with the linked subscription's current period (renewal extends it). */
  | { kind: 'SUBSCRIPTION' };

export interface Policy {
  id: string;
  /** The plan the policy belongs to; null for a policy issued without a plan. */
  planId: string | null;
  duration: Duration;
  machineMode: MachineMode;
  /** FLOATING: the most machines at once (null: no limit). NODE_LOCKED is always 1; NONE ignores it. */
  maxMachines: number | null;
  /** Named users (seats); null: no limit. */
  maxUsers: number | null;
  expirationStrategy: ExpirationStrategy;
  /** The app must check in at least this often, or validation says OVERDUE; null: no check-ins. */
  checkInIntervalSeconds: number | null;
  /** A machine not heard from for this long is dead (HEARTBEAT_DEAD); null: no heartbeat. */
  heartbeatTtlSeconds: number | null;
  overageStrategy: OverageStrategy;
  /** After the subscription's recovery grace period ends unpaid: OVERDUE, or SUSPENDED. */
  pastDueAction: 'OVERDUE' | 'SUSPEND';
  /** Checked in this order; the first one over its limit is the one named. */
  usageLimits: readonly UsageLimit[];
}

/**
 * The most of something a valid license may have under an overage strategy, from the policy's
 * maximum: floor(max × 5/4), floor(max × 3/2), max × 2; null means no ceiling (no maximum, or ALWAYS).
 */
export function overageCeiling(max: number | null, strategy: OverageStrategy): number | null {
  if (max === null || strategy === 'ALWAYS') return null;
  const [numerator, denominator] = OVERAGE_FRACTIONS[strategy];
  return Math.floor((max * numerator) / denominator);
}

/** The policy's machine maximum before overage: 1 when node-locked, null when unlimited or unused. */
export function machineLimit(policy: Policy): number | null {
  if (policy.machineMode === 'NODE_LOCKED') return 1;
  return policy.machineMode === 'FLOATING' ? policy.maxMachines : null;
}

export function machineCeiling(policy: Policy): number | null {
  return overageCeiling(machineLimit(policy), policy.overageStrategy);
}

export function userCeiling(policy: Policy): number | null {
  return overageCeiling(policy.maxUsers, policy.overageStrategy);
}

/** Whether one more machine may be activated on a license that has `count` (the activate call). */
export function mayActivateMachine(policy: Policy, count: number): boolean {
  if (policy.machineMode === 'NONE') return false;
  const ceiling = machineCeiling(policy);
  return ceiling === null || count + 1 <= ceiling;
}

/** Whether one more user may take a seat on a license that has `count` (seat assignment). */
export function mayAddUser(policy: Policy, count: number): boolean {
  const ceiling = userCeiling(policy);
  return ceiling === null || count + 1 <= ceiling;
}

/**
 * When a license issued or renewed at `from` expires: `days` later for a fixed duration, at the
 * end of the subscription's current period otherwise (null while it has none: it does not expire).
 */
export function expiryOf(policy: Policy, from: number, subscriptionPeriodEnd: number | null): number | null {
  return policy.duration.kind === 'FIXED' ? from + policy.duration.days * DAY_MS : subscriptionPeriodEnd;
}

/**
 * Whether an app may run a release published at `releasedAt` on a license that expired at
 * `expiresAt`: RESTRICT and MAINTAIN keep releases published before the expiry, ALLOW keeps
 * all, REVOKE none. Validation treats MAINTAIN and ALLOW alike (valid, code EXPIRED); they
 * differ only here.
 */
export function releaseAllowedAfterExpiry(
  strategy: ExpirationStrategy,
  expiresAt: number,
  releasedAt: number,
): boolean {
  switch (strategy) {
    case 'REVOKE':
      return false;
    case 'ALLOW':
      return true;
    case 'RESTRICT':
    case 'MAINTAIN':
      return releasedAt < expiresAt;
  }
}

/** The most units of a metric a period may reach: the limit (BLOCK), a multiple of it, or none (BILL). */
export function usageCeiling(limit: UsageLimit): number | null {
  switch (limit.rule.kind) {
    case 'BLOCK':
      return limit.limit;
    case 'BILL':
      return null;
    case 'ALLOW_MULTIPLE':
      return Math.floor((limit.limit * limit.rule.percent) / 100);
  }
}
