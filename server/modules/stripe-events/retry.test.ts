import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryDelay } from './retry';

describe('retryDelay', () => {
  it('waits 30 s, then 1, 2, 4 minutes…', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(DEFAULT_RETRY_POLICY, n))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
  });

  it('never shrinks as attempts grow, and never passes the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER - 1 }), (attempts) => {
        const delay = retryDelay(DEFAULT_RETRY_POLICY, attempts);
        expect(delay).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.capMs);
        expect(retryDelay(DEFAULT_RETRY_POLICY, attempts + 1)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });
});
