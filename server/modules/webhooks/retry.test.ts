import { describe, expect, it } from 'vitest';
import { DISABLE_AFTER_FAILING_MS, MAX_DELIVERY_ATTEMPTS, deliveryRetryDelay } from './retry';

const HOUR = 3_600_000;

describe('deliveryRetryDelay', () => {
  it('waits longer after each failure and gives up after the last attempt', () => {
    const delays: number[] = [];
    for (let failed = 1; failed < MAX_DELIVERY_ATTEMPTS; failed++)
      delays.push(deliveryRetryDelay(failed) ?? -1);
    expect(delays.every((d, i) => i === 0 || d >= (delays[i - 1] ?? 0))).toBe(true);
    expect(deliveryRetryDelay(MAX_DELIVERY_ATTEMPTS)).toBeNull();
    expect(MAX_DELIVERY_ATTEMPTS).toBeGreaterThanOrEqual(8);
    expect(MAX_DELIVERY_ATTEMPTS).toBeLessThanOrEqual(10);
  });

  it('spreads the attempts over about three days, reaching the endpoint-disable threshold', () => {
    let total = 0;
    for (let failed = 1; failed < MAX_DELIVERY_ATTEMPTS; failed++) total += deliveryRetryDelay(failed) ?? 0;
    expect(total).toBeGreaterThan(2.5 * 24 * HOUR);
    expect(total).toBeLessThanOrEqual(DISABLE_AFTER_FAILING_MS);
  });
});
