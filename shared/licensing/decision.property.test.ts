import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODES_VALID_MAY_CARRY,
  decide,
  VALIDATION_CODES,
  type LicenseState,
  type ValidationCode,
  type ValidationRequest,
} from './decision';
import { baseRequest, basePolicy, baseState, HOUR_MS, machine, NOW } from './licensing.test-kit';
import {
  EXPIRATION_STRATEGIES,
  machineCeiling,
  MACHINE_MODES,
  OVERAGE_STRATEGIES,
  userCeiling,
  type Policy,
} from './policy';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const offset = fc.integer({ min: -90 * 24, max: 90 * 24 }).map((hours) => NOW + hours * HOUR_MS);

const policyArb: fc.Arbitrary<Policy> = fc.record({
  id: fc.constant('pol_x'),
  planId: fc.constant(null),
  duration: fc.constant({ kind: 'SUBSCRIPTION' as const }),
  machineMode: fc.constantFrom(...MACHINE_MODES),
  maxMachines: maybe(fc.integer({ min: 0, max: 12 })),
  maxUsers: maybe(fc.integer({ min: 0, max: 12 })),
  expirationStrategy: fc.constantFrom(...EXPIRATION_STRATEGIES),
  checkInIntervalSeconds: maybe(fc.integer({ min: 60, max: 30 * 86_400 })),
  heartbeatTtlSeconds: maybe(fc.integer({ min: 60, max: 86_400 })),
  overageStrategy: fc.constantFrom(...OVERAGE_STRATEGIES),
  pastDueAction: fc.constantFrom('OVERDUE' as const, 'SUSPEND' as const),
  usageLimits: fc.array(
    fc.record({
      metric: fc.constantFrom('api_calls', 'hours', 'storage'),
      limit: fc.integer({ min: 0, max: 50 }),
      rule: fc.oneof(
        fc.constant({ kind: 'BLOCK' as const }),
        fc.constant({ kind: 'BILL' as const, unitPrice: 5, currency: 'USD' }),
        fc.integer({ min: 100, max: 300 }).map((percent) => ({ kind: 'ALLOW_MULTIPLE' as const, percent })),
      ),
    }),
    { maxLength: 3 },
  ),
});

const stateArb: fc.Arbitrary<LicenseState> = fc.record({
  id: fc.constant('lic_x'),
  productId: fc.constantFrom('prd_a', 'prd_b'),
  suspended: fc.boolean(),
  createdAt: offset,
  expiresAt: maybe(offset),
  lastCheckInAt: maybe(offset),
  pastDueGraceEndsAt: maybe(offset),
  entitlements: fc.subarray(['e1', 'e2', 'e3']),
  machines: fc
    .integer({ min: 0, max: 30 })
    .chain((n) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => maybe(offset).map((beat) => machine(i, beat)))),
    ),
  users: fc.integer({ min: 0, max: 30 }).map((n) => Array.from({ length: n }, (_, i) => `usr_${i}`)),
  usage: fc.record({ api_calls: fc.nat(200), hours: fc.nat(200) }, { requiredKeys: [] }),
});

const requestArb: fc.Arbitrary<ValidationRequest> = fc.record({
  key: fc.constant('TG1.k.p.s'),
  fingerprint: fc.option(
    fc.integer({ min: 0, max: 32 }).map((i) => `fp-${i}`),
    { nil: undefined },
  ),
  scope: fc.record(
    {
      product: fc.constantFrom('prd_a', 'prd_b'),
      entitlements: fc.subarray(['e1', 'e2', 'e3']),
      user: fc.integer({ min: 0, max: 32 }).map((i) => `usr_${i}`),
    },
    { requiredKeys: [] },
  ),
});

const world = fc.tuple(stateArb, policyArb, requestArb, offset);

describe('decide, properties', () => {
  it('is deterministic and changes none of its inputs', () => {
    fc.assert(
      fc.property(world, ([state, policy, request, now]) => {
        const frozen = structuredClone({ state, policy, request });
        expect(decide(state, policy, request, now)).toEqual(decide(state, policy, request, now));
        expect({ state, policy, request }).toEqual(frozen);
      }),
    );
  });

  it('answers a known code, and valid only with a code documented to carry it', () => {
    fc.assert(
      fc.property(world, ([state, policy, request, now]) => {
        const result = decide(state, policy, request, now);
        expect(VALIDATION_CODES).toContain(result.code);
        if (result.valid) expect(CODES_VALID_MAY_CARRY).toContain(result.code);
        else expect(result.code).not.toBe('VALID');
      }),
    );
  });

  it('is never valid past a REVOKE or RESTRICT expiry', () => {
    fc.assert(
      fc.property(world, ([state, policy, request, now]) => {
        const result = decide(state, policy, request, now);
        const expired = state.expiresAt !== null && now >= state.expiresAt;
        if (expired && ['REVOKE', 'RESTRICT'].includes(policy.expirationStrategy)) {
          expect(result.valid).toBe(false);
        }
      }),
    );
  });

  it('is valid only within the machine and user ceilings, and below every blocking limit', () => {
    fc.assert(
      fc.property(world, ([state, policy, request, now]) => {
        if (!decide(state, policy, request, now).valid) return;
        const machines = machineCeiling(policy);
        if (policy.machineMode !== 'NONE') expect(state.machines.length).toBeGreaterThan(0);
        if (machines !== null && policy.machineMode !== 'NONE') {
          expect(state.machines.length).toBeLessThanOrEqual(machines);
        }
        const users = userCeiling(policy);
        if (users !== null) expect(state.users.length).toBeLessThanOrEqual(users);
        for (const limit of policy.usageLimits) {
          if (limit.rule.kind === 'BLOCK') expect(state.usage[limit.metric] ?? 0).toBeLessThan(limit.limit);
        }
      }),
    );
  });
});

/**
 * Each fault made on its own from the valid base, in the documented order. Faults of one group
 * change the same field (machines), so a draw takes at most one of each group.
 */
type Fault = {
  code: ValidationCode;
  group: string;
  apply: (w: { state: LicenseState; policy: Policy; request: ValidationRequest }) => void;
};
const FAULTS: Fault[] = [
  { code: 'SUSPENDED', group: 'suspended', apply: (w) => void (w.state.suspended = true) },
  { code: 'EXPIRED', group: 'expired', apply: (w) => void (w.state.expiresAt = NOW - 1) },
  { code: 'OVERDUE', group: 'overdue', apply: (w) => void (w.state.lastCheckInAt = NOW - 8 * 24 * HOUR_MS) },
  {
    code: 'PRODUCT_SCOPE_MISMATCH',
    group: 'product',
    apply: (w) => void (w.request.scope = { ...w.request.scope, product: 'prd_other' }),
  },
  {
    code: 'ENTITLEMENTS_MISSING',
    group: 'entitlements',
    apply: (w) => void (w.request.scope = { ...w.request.scope, entitlements: ['exams'] }),
  },
  {
    code: 'USER_SCOPE_MISMATCH',
    group: 'user',
    apply: (w) => void (w.request.scope = { ...w.request.scope, user: 'usr_z' }),
  },
  { code: 'NO_MACHINES', group: 'machines', apply: (w) => void (w.state.machines = []) },
  {
    code: 'FINGERPRINT_SCOPE_MISMATCH',
    group: 'machines',
    apply: (w) => void (w.request.fingerprint = 'fp-x'),
  },
  {
    code: 'HEARTBEAT_DEAD',
    group: 'machines',
    apply: (w) => void (w.state.machines = [machine(0, NOW - 2 * HOUR_MS)]),
  },
  {
    code: 'TOO_MANY_MACHINES',
    group: 'machines',
    apply: (w) => void (w.state.machines = [0, 1, 2, 3, 4].map((i) => machine(i))),
  },
  {
    code: 'TOO_MANY_USERS',
    group: 'users',
    apply: (w) => void (w.state.users = ['usr_a', 'b', 'c', 'd', 'e']),
  },
  { code: 'USAGE_LIMIT_EXCEEDED', group: 'usage', apply: (w) => void (w.state.usage = { api_calls: 1000 }) },
];

describe('the check order', () => {
  it('FAULTS lists the codes in VALIDATION_CODES order', () => {
    const order = FAULTS.map((f) => VALIDATION_CODES.indexOf(f.code));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('with several faults, the answer is the earliest in the documented order', () => {
    const draw = fc.subarray(FAULTS, { minLength: 1 }).filter((faults) => {
      const groups = faults.map((f) => f.group);
      return new Set(groups).size === groups.length;
    });
    const answerWith = (faults: Fault[], notFound: boolean) => {
      const w = { state: baseState(), policy: basePolicy(), request: baseRequest() };
      for (const fault of faults) fault.apply(w);
      return decide(notFound ? null : w.state, w.policy, w.request, NOW);
    };
    fc.assert(
      fc.property(draw, (faults) => {
        expect(answerWith(faults, true)).toMatchObject({ valid: false, code: 'NOT_FOUND' });
        // Every suffix too, so each pair of neighbours in the draw is compared, not only the first.
        faults.forEach((fault, i) => {
          expect(answerWith(faults.slice(i), false)).toMatchObject({ valid: false, code: fault.code });
        });
      }),
    );
  });
});
