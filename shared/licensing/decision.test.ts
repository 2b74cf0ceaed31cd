import { describe, expect, it } from 'vitest';
import { decide, type ValidationCode } from './decision';
import { baseRequest, basePolicy, baseState, HOUR_MS, machine, NOW } from './licensing.test-kit';

const codeOf = (...args: Parameters<typeof decide>) => {
  const result = decide(...args);
  return `${result.valid ? 'valid' : 'invalid'} ${result.code}`;
};

describe('decide, one example per code', () => {
  const policy = basePolicy();
  const state = baseState();
  const request = baseRequest();

  it('VALID when nothing is wrong', () => {
    expect(decide(state, policy, request, NOW)).toEqual({
      valid: true,
      code: 'VALID',
      detail: 'the license is valid',
    });
  });

  const cases: [string, ValidationCode, Parameters<typeof decide>][] = [
    ['an unknown key', 'NOT_FOUND', [null, null, request, NOW]],
    ['a suspended license', 'SUSPENDED', [baseState({ suspended: true }), policy, request, NOW]],
    [
      'a license unpaid past grace under SUSPEND',
      'SUSPENDED',
      [baseState({ pastDueGraceEndsAt: NOW }), basePolicy({ pastDueAction: 'SUSPEND' }), request, NOW],
    ],
    ['an expiry reached (RESTRICT)', 'EXPIRED', [baseState({ expiresAt: NOW }), policy, request, NOW]],
    [
      'an expiry passed (REVOKE)',
      'EXPIRED',
      [baseState({ expiresAt: NOW - 1 }), basePolicy({ expirationStrategy: 'REVOKE' }), request, NOW],
    ],
    [
      'a missed check-in',
      'OVERDUE',
      [baseState({ lastCheckInAt: NOW - 7 * 24 * HOUR_MS - 1 }), policy, request, NOW],
    ],
    [
      'a license unpaid past grace under OVERDUE',
      'OVERDUE',
      [baseState({ pastDueGraceEndsAt: NOW - 1 }), policy, request, NOW],
    ],
    [
      'another product',
      'PRODUCT_SCOPE_MISMATCH',
      [state, policy, baseRequest({ scope: { product: 'prd_x' } }), NOW],
    ],
    [
      'an entitlement the license lacks',
      'ENTITLEMENTS_MISSING',
      [state, policy, baseRequest({ scope: { entitlements: ['offline', 'exams'] } }), NOW],
    ],
    [
      'a user without a seat',
      'USER_SCOPE_MISMATCH',
      [state, policy, baseRequest({ scope: { user: 'usr_z' } }), NOW],
    ],
    [
      'a node-locked license never activated',
      'NO_MACHINE',
      [baseState({ machines: [] }), basePolicy({ machineMode: 'NODE_LOCKED' }), request, NOW],
    ],
    [
      'a floating license never activated',
      'NO_MACHINES',
      [baseState({ machines: [] }), policy, request, NOW],
    ],
    [
      'an unknown fingerprint',
      'FINGERPRINT_SCOPE_MISMATCH',
      [state, policy, baseRequest({ fingerprint: 'fp-9' }), NOW],
    ],
    [
      'a machine silent past its heartbeat TTL',
      'HEARTBEAT_DEAD',
      [baseState({ machines: [machine(0, NOW - 600_001)] }), policy, request, NOW],
    ],
    [
      'more machines than allowed',
      'TOO_MANY_MACHINES',
      [baseState({ machines: [0, 1, 2, 3, 4].map((i) => machine(i)) }), policy, request, NOW],
    ],
    [
      'more users than seats',
      'TOO_MANY_USERS',
      [baseState({ users: ['usr_a', 'usr_b', 'usr_c', 'usr_d', 'usr_e'] }), policy, request, NOW],
    ],
    [
      'a blocking metric at its limit',
      'USAGE_LIMIT_EXCEEDED',
      [baseState({ usage: { api_calls: 1000 } }), policy, request, NOW],
    ],
  ];
  it.each(cases)('%s → %s, invalid', (_name, code, args) => {
    expect(codeOf(...args)).toBe(`invalid ${code}`);
  });
});

describe('what a policy tolerates: valid, and the code says why', () => {
  const request = baseRequest();

  it('MAINTAIN and ALLOW keep an expired license valid with EXPIRED', () => {
    for (const strategy of ['MAINTAIN', 'ALLOW'] as const) {
      const policy = basePolicy({ expirationStrategy: strategy });
      expect(codeOf(baseState({ expiresAt: NOW - 1 }), policy, request, NOW)).toBe('valid EXPIRED');
    }
  });

  it('machines over the maximum are tolerated up to floor(max × 5/4), refused past it', () => {
    const policy = basePolicy({ maxMachines: 8, overageStrategy: 'X1_25' });
    const withMachines = (n: number) =>
      baseState({ machines: Array.from({ length: n }, (_, i) => machine(i)) });
    expect(codeOf(withMachines(8), policy, request, NOW)).toBe('valid VALID');
    expect(codeOf(withMachines(10), policy, request, NOW)).toBe('valid TOO_MANY_MACHINES');
    expect(codeOf(withMachines(11), policy, request, NOW)).toBe('invalid TOO_MANY_MACHINES');
  });

  it('ALWAYS tolerates any number of users', () => {
    const users = Array.from({ length: 50 }, (_, i) => `usr_${i}`).concat('usr_a');
    const policy = basePolicy({ overageStrategy: 'ALWAYS' });
    expect(codeOf(baseState({ users }), policy, request, NOW)).toBe('valid TOO_MANY_USERS');
  });

  it('billed usage over its limit stays valid; a multiple is refused at its ceiling', () => {
    const policy = basePolicy({
      usageLimits: [{ metric: 'api_calls', limit: 100, rule: { kind: 'ALLOW_MULTIPLE', percent: 150 } }],
    });
    expect(codeOf(baseState({ usage: { api_calls: 100 } }), policy, request, NOW)).toBe('valid VALID');
    expect(codeOf(baseState({ usage: { api_calls: 149 } }), policy, request, NOW)).toBe(
      'valid USAGE_LIMIT_EXCEEDED',
    );
    expect(codeOf(baseState({ usage: { api_calls: 150 } }), policy, request, NOW)).toBe(
      'invalid USAGE_LIMIT_EXCEEDED',
    );
    expect(codeOf(baseState({ usage: { course_hours: 10_000 } }), basePolicy(), request, NOW)).toBe(
      'valid USAGE_LIMIT_EXCEEDED',
    );
  });

  it('a refusal later in the order wins over an earlier tolerance', () => {
    const policy = basePolicy({ expirationStrategy: 'MAINTAIN' });
    const state = baseState({ expiresAt: NOW - 1, users: ['usr_a', 'b', 'c', 'd', 'e'] });
    expect(codeOf(state, policy, request, NOW)).toBe('invalid TOO_MANY_USERS');
  });

  it('the first tolerance is named when there are several', () => {
    const policy = basePolicy({ expirationStrategy: 'ALLOW', overageStrategy: 'X2' });
    const state = baseState({ expiresAt: NOW - 1, users: ['usr_a', 'b', 'c', 'd', 'e'] });
    expect(codeOf(state, policy, request, NOW)).toBe('valid EXPIRED');
  });
});

describe('edges of time', () => {
  const request = baseRequest();

  it('a license is valid until the millisecond before its expiry', () => {
    const state = baseState({ expiresAt: NOW + 1 });
    expect(codeOf(state, basePolicy(), request, NOW)).toBe('valid VALID');
  });

  it('a check-in exactly on time and a heartbeat exactly at its TTL still count', () => {
    const state = baseState({
      lastCheckInAt: NOW - 7 * 24 * HOUR_MS,
      machines: [machine(0, NOW - 600_000)],
    });
    expect(codeOf(state, basePolicy(), request, NOW)).toBe('valid VALID');
  });

  it('the check-in clock starts at creation, and the heartbeat clock at activation', () => {
    const state = baseState({
      lastCheckInAt: null,
      createdAt: NOW - 7 * 24 * HOUR_MS - 1,
      machines: [machine(0, null)],
    });
    expect(codeOf(state, basePolicy(), request, NOW)).toBe('invalid OVERDUE');
    const fresh = baseState({ machines: [machine(0, null)] });
    expect(codeOf(fresh, basePolicy(), request, NOW)).toBe('invalid HEARTBEAT_DEAD');
  });

  it('during the recovery grace period a past-due license stays valid', () => {
    const state = baseState({ pastDueGraceEndsAt: NOW + 1 });
    expect(codeOf(state, basePolicy(), request, NOW)).toBe('valid VALID');
    expect(codeOf(state, basePolicy({ pastDueAction: 'SUSPEND' }), request, NOW)).toBe('valid VALID');
  });
});
