import {
  machineCeiling,
  machineLimit,
  usageCeiling,
  userCeiling,
  type Policy,
  type UsageLimit,
} from './policy';

/**
 * The validation decision (docs/licensing.md, "Validation"): a pure function of the license's
 * state, its policy, the request and the moment. Checks run in one order:
 *
 *   not found → suspended → expired → overdue → scope (product, entitlements, user)
 *   → machines (none, fingerprint, heartbeat, count) → users → usage
 *
 * A check either refuses (valid: false, the answer at once) or notes a tolerated excess
 * (valid: true with a code that says why: an expiry the policy maintains, machines or users
 * within the overage ceiling, usage over a limit that bills or allows a multiple). The answer
 * is the first refusal; without one, the first note; without either, VALID. So a client that
 * reads only `valid` is right about access, and one that reads `code` learns what to warn about.
 */

export const VALIDATION_CODES = [
  'VALID',
  'NOT_FOUND',
  'SUSPENDED',
  'EXPIRED',
  'OVERDUE',
  'PRODUCT_SCOPE_MISMATCH',
  'ENTITLEMENTS_MISSING',
  'USER_SCOPE_MISMATCH',
  'NO_MACHINE',
  'NO_MACHINES',
  'FINGERPRINT_SCOPE_MISMATCH',
  'HEARTBEAT_DEAD',
  'TOO_MANY_MACHINES',
  'TOO_MANY_USERS',
  'USAGE_LIMIT_EXCEEDED',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

/** The codes that may come with valid: true (besides VALID): each says what is being tolerated. */
export const CODES_VALID_MAY_CARRY: readonly ValidationCode[] = [
  'VALID',
  'EXPIRED',
  'TOO_MANY_MACHINES',
  'TOO_MANY_USERS',
  'USAGE_LIMIT_EXCEEDED',
];

export interface Machine {
  id: string;
  fingerprint: string;
  activatedAt: number;
  /** The last heartbeat; null before the first (the TTL then runs from activation). */
  lastHeartbeatAt: number | null;
}

/** What the server knows of a license at the moment of a validation. */
export interface LicenseState {
  id: string;
  productId: string;
  suspended: boolean;
  createdAt: number;
  /** null: never expires (or follows a subscription that has no end yet). */
  expiresAt: number | null;
  lastCheckInAt: number | null;
  /** When the linked subscription's recovery grace period ends (null unless it is past due). */
  pastDueGraceEndsAt: number | null;
  entitlements: readonly string[];
  machines: readonly Machine[];
  /** Named users holding a seat (user ids). */
  users: readonly string[];
  /** Units used per metric in the current period. */
  usage: Readonly<Record<string, number>>;
}

export interface ValidationRequest {
  key: string;
  fingerprint?: string | undefined;
  scope?: { product?: string; entitlements?: readonly string[]; user?: string } | undefined;
}

export interface ValidationResult {
  valid: boolean;
  code: ValidationCode;
  detail: string;
}

type Outcome = ValidationResult | null;

const refuse = (code: ValidationCode, detail: string): ValidationResult => ({ valid: false, code, detail });
const tolerate = (code: ValidationCode, detail: string): ValidationResult => ({ valid: true, code, detail });
const iso = (ms: number) => new Date(ms).toISOString();

function expiry(state: LicenseState, policy: Policy, now: number): Outcome {
  if (state.expiresAt === null || now < state.expiresAt) return null;
  const detail = `expired at ${iso(state.expiresAt)}`;
  if (policy.expirationStrategy === 'MAINTAIN' || policy.expirationStrategy === 'ALLOW') {
    return tolerate('EXPIRED', `${detail}; the policy keeps access (${policy.expirationStrategy})`);
  }
  return refuse('EXPIRED', detail);
}

function pastDueEnded(state: LicenseState, now: number): boolean {
  return state.pastDueGraceEndsAt !== null && now >= state.pastDueGraceEndsAt;
}

function suspension(state: LicenseState, policy: Policy, now: number): Outcome {
  if (state.suspended) return refuse('SUSPENDED', 'the license is suspended');
  if (policy.pastDueAction === 'SUSPEND' && pastDueEnded(state, now)) {
    return refuse('SUSPENDED', 'suspended: the subscription is unpaid past its grace period');
  }
  return null;
}

function overdue(state: LicenseState, policy: Policy, now: number): Outcome {
  if (policy.pastDueAction === 'OVERDUE' && pastDueEnded(state, now)) {
    return refuse('OVERDUE', 'the subscription is unpaid past its grace period');
  }
  if (policy.checkInIntervalSeconds === null) return null;
  const due = (state.lastCheckInAt ?? state.createdAt) + policy.checkInIntervalSeconds * 1000;
  return now > due ? refuse('OVERDUE', `a check-in was due at ${iso(due)}`) : null;
}

function scope(state: LicenseState, request: ValidationRequest): Outcome {
  const wanted = request.scope ?? {};
  if (wanted.product !== undefined && wanted.product !== state.productId) {
    return refuse('PRODUCT_SCOPE_MISMATCH', `the license is for another product than ${wanted.product}`);
  }
  const missing = (wanted.entitlements ?? []).filter((code) => !state.entitlements.includes(code));
  if (missing.length > 0) return refuse('ENTITLEMENTS_MISSING', `missing: ${missing.join(', ')}`);
  if (wanted.user !== undefined && !state.users.includes(wanted.user)) {
    return refuse('USER_SCOPE_MISMATCH', `user ${wanted.user} holds no seat on this license`);
  }
  return null;
}

/** Whether a machine has missed its heartbeat (what the server's release of dead machines also asks). */
export function heartbeatDead(machine: Machine, policy: Policy, now: number): boolean {
  if (policy.heartbeatTtlSeconds === null) return false;
  return now > (machine.lastHeartbeatAt ?? machine.activatedAt) + policy.heartbeatTtlSeconds * 1000;
}

/** More than the maximum: tolerated up to the overage ceiling, refused past it. */
function excess(
  code: 'TOO_MANY_MACHINES' | 'TOO_MANY_USERS',
  count: number,
  max: number | null,
  ceiling: number | null,
): Outcome {
  if (max === null || count <= max) return null;
  const what = code === 'TOO_MANY_MACHINES' ? 'machines' : 'users';
  if (ceiling !== null && count > ceiling) return refuse(code, `${count} ${what}, at most ${ceiling}`);
  return tolerate(code, `${count} ${what} over the ${max} allowed, within the overage allowance`);
}

function machines(state: LicenseState, policy: Policy, request: ValidationRequest, now: number): Outcome {
  if (policy.machineMode === 'NONE') return null;
  if (state.machines.length === 0) {
    return policy.machineMode === 'NODE_LOCKED'
      ? refuse('NO_MACHINE', 'the license is not activated on a machine')
      : refuse('NO_MACHINES', 'the license is not activated on any machine');
  }
  if (request.fingerprint !== undefined) {
    const machine = state.machines.find((m) => m.fingerprint === request.fingerprint);
    if (!machine) {
      return refuse('FINGERPRINT_SCOPE_MISMATCH', 'no machine of the license has that fingerprint');
    }
    if (heartbeatDead(machine, policy, now)) {
      return refuse('HEARTBEAT_DEAD', `machine ${machine.id} missed its heartbeat`);
    }
  }
  return excess('TOO_MANY_MACHINES', state.machines.length, machineLimit(policy), machineCeiling(policy));
}

function users(state: LicenseState, policy: Policy): Outcome {
  return excess('TOO_MANY_USERS', state.users.length, policy.maxUsers, userCeiling(policy));
}

/** The first metric at or past its ceiling refuses; else the first one over its limit is noted. */
function usage(state: LicenseState, policy: Policy): Outcome {
  let note: Outcome = null;
  for (const limit of policy.usageLimits) {
    const used = state.usage[limit.metric] ?? 0;
    const ceiling = usageCeiling(limit);
    if (ceiling !== null && used >= ceiling) {
      return refuse('USAGE_LIMIT_EXCEEDED', `${limit.metric}: ${used} used, the period allows ${ceiling}`);
    }
    if (note === null && used > limit.limit) note = usageNote(limit, used);
  }
  return note;
}

function usageNote(limit: UsageLimit, used: number): ValidationResult {
  const how = limit.rule.kind === 'BILL' ? 'each unit over is billed' : 'within the allowed multiple';
  return tolerate(
    'USAGE_LIMIT_EXCEEDED',
    `${limit.metric}: ${used} used over the ${limit.limit} included; ${how}`,
  );
}

type Check = (state: LicenseState, policy: Policy, request: ValidationRequest, now: number) => Outcome;

/** The checks in their documented order; each answers a refusal, a note, or nothing. */
const CHECKS: readonly Check[] = [
  (state, policy, _request, now) => suspension(state, policy, now),
  (state, policy, _request, now) => expiry(state, policy, now),
  (state, policy, _request, now) => overdue(state, policy, now),
  (state, _policy, request) => scope(state, request),
  machines,
  (state, policy) => users(state, policy),
  (state, policy) => usage(state, policy),
];

/** Decides a validation: `state` null means no license has the request's key. */
export function decide(
  state: LicenseState | null,
  policy: Policy | null,
  request: ValidationRequest,
  now: number,
): ValidationResult {
  if (state === null || policy === null) return refuse('NOT_FOUND', 'no license has this key');
  let note: ValidationResult | null = null;
  for (const check of CHECKS) {
    const outcome = check(state, policy, request, now);
    if (outcome === null) continue;
    if (!outcome.valid) return outcome;
    note ??= outcome;
  }
  return note ?? { valid: true, code: 'VALID', detail: 'the license is valid' };
}
