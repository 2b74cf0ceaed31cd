import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basePolicy, NOW } from './licensing.test-kit';
import {
  DAY_MS,
  expiryOf,
  machineCeiling,
  mayActivateMachine,
  mayAddUser,
  OVERAGE_STRATEGIES,
  overageCeiling,
  releaseAllowedAfterExpiry,
  usageCeiling,
} from './policy';

describe('overage ceilings', () => {
  it('are floor(max × 5/4), floor(max × 3/2), max × 2, or none', () => {
    const table = [1, 3, 4, 5, 10, 7].map((max) => [
      max,
      ...OVERAGE_STRATEGIES.map((strategy) => overageCeiling(max, strategy)),
    ]);
    expect(table).toEqual([
      // max, NONE, X1_25, X1_5, X2, ALWAYS
      [1, 1, 1, 1, 2, null],
      [3, 3, 3, 4, 6, null],
      [4, 4, 5, 6, 8, null],
      [5, 5, 6, 7, 10, null],
      [10, 10, 12, 15, 20, null],
      [7, 7, 8, 10, 14, null],
    ]);
    expect(overageCeiling(null, 'X2')).toBeNull();
  });

  it('are whole numbers, never below the maximum, and grow with it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.constantFrom(...OVERAGE_STRATEGIES),
        (max, strategy) => {
          const ceiling = overageCeiling(max, strategy);
          expect(ceiling === null).toBe(strategy === 'ALWAYS');
          if (ceiling === null) return;
          expect(Number.isSafeInteger(ceiling)).toBe(true);
          expect(ceiling).toBeGreaterThanOrEqual(max);
          expect(ceiling).toBeLessThanOrEqual(2 * max);
          expect(overageCeiling(max + 1, strategy) as number).toBeGreaterThanOrEqual(ceiling);
        },
      ),
    );
  });

  it('a node-locked policy allows one machine, two with 2× overage; NONE activates none', () => {
    const locked = basePolicy({ machineMode: 'NODE_LOCKED', maxMachines: 9 });
    expect(machineCeiling(locked)).toBe(1);
    expect([mayActivateMachine(locked, 0), mayActivateMachine(locked, 1)]).toEqual([true, false]);
    const lockedX2 = basePolicy({ machineMode: 'NODE_LOCKED', overageStrategy: 'X2' });
    expect(mayActivateMachine(lockedX2, 1)).toBe(true);
    expect(mayActivateMachine(basePolicy({ machineMode: 'NONE' }), 0)).toBe(false);
    expect(mayActivateMachine(basePolicy({ maxMachines: null }), 10_000)).toBe(true);
  });

  it('seats follow the same ceiling', () => {
    const policy = basePolicy({ maxUsers: 8, overageStrategy: 'X1_25' });
    expect([mayAddUser(policy, 9), mayAddUser(policy, 10)]).toEqual([true, false]);
  });
});

describe('expiry and release access', () => {
  it('a fixed duration counts days from issue or renewal; a subscription one follows its period', () => {
    expect(expiryOf(basePolicy({ duration: { kind: 'FIXED', days: 365 } }), NOW, null)).toBe(
      NOW + 365 * DAY_MS,
    );
    expect(expiryOf(basePolicy(), NOW, NOW + 7 * DAY_MS)).toBe(NOW + 7 * DAY_MS);
    expect(expiryOf(basePolicy(), NOW, null)).toBeNull();
  });

  it('after expiry: REVOKE nothing, RESTRICT and MAINTAIN releases before it, ALLOW all', () => {
    const rows = (['REVOKE', 'RESTRICT', 'MAINTAIN', 'ALLOW'] as const).map((s) => [
      releaseAllowedAfterExpiry(s, NOW, NOW - 1),
      releaseAllowedAfterExpiry(s, NOW, NOW),
    ]);
    expect(rows).toEqual([
      [false, false],
      [true, false],
      [true, false],
      [true, true],
    ]);
  });

  it('usage ceilings: the limit, none for BILL, floor(limit × percent / 100)', () => {
    expect(usageCeiling({ metric: 'm', limit: 7, rule: { kind: 'BLOCK' } })).toBe(7);
    expect(
      usageCeiling({ metric: 'm', limit: 7, rule: { kind: 'BILL', unitPrice: 1, currency: 'EUR' } }),
    ).toBeNull();
    expect(usageCeiling({ metric: 'm', limit: 7, rule: { kind: 'ALLOW_MULTIPLE', percent: 150 } })).toBe(10);
  });
});
