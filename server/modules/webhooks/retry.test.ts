import { describe, expect, it } from 'vitest';
import { DISABLE_AFTER_FAILING_MS, MAX_DELIVERY_ATTEMPTS, nextDeliveryAttempt } from './retry';

const HOUR = 3_600_000;

describe('nextDeliveryAttempt', () => {
  it('waits longer after each failure and gives up after the last attempt', () => {
    const waits: number[] = [];
    for (let failed = 1; failed < MAX_DELIVERY_ATTEMPTS; failed++)
      waits.push(nextDeliveryAttempt(failed, 0) ?? -1);
    expect(waits.every((w, i) => w > 0 && (i === 0 || w >= (waits[i - 1] ?? 0)))).toBe(true);
    expect(nextDeliveryAttempt(MAX_DELIVERY_ATTEMPTS, 0)).toBeNull();
  });

  it('spreads the attempts over about three days, which is when a failing endpoint is disabled', () => {
    let total = 0;
    for (let failed = 1; failed < MAX_DELIVERY_ATTEMPTS; failed++)
      total += nextDeliveryAttempt(failed, 0) ?? 0;
    expect(total).toBeGreaterThan(2.5 * 24 * HOUR);
    expect(total).toBeLessThan(4 * 24 * HOUR);
    expect(DISABLE_AFTER_FAILING_MS).toBe(total);
  });
});
