import { describe, expect, it } from 'vitest';
import { GenerationalCache } from './cache';

describe('GenerationalCache', () => {
  it('keeps a value read before any invalidation, per tenant and key', () => {
    const cache = new GenerationalCache<string>(10);
    expect(cache.set('ten_a', 'cus_1', 'pro', cache.begin())).toBe(true);
    expect(cache.get('ten_a', 'cus_1')).toBe('pro');
    expect(cache.get('ten_b', 'cus_1')).toBeUndefined();
  });

  it('forgets a key when it is invalidated, and its tenant’s keys when the tenant is', () => {
    const cache = new GenerationalCache<string>(10);
    cache.set('ten_a', 'cus_1', 'pro', cache.begin());
    cache.set('ten_a', 'cus_2', 'free', cache.begin());
    cache.set('ten_b', 'cus_3', 'pro', cache.begin());
    cache.invalidate('ten_a', 'cus_1');
    expect(cache.get('ten_a', 'cus_1')).toBeUndefined();
    expect(cache.get('ten_a', 'cus_2')).toBe('free');
    cache.invalidateTenant('ten_a');
    expect(cache.get('ten_a', 'cus_2')).toBeUndefined();
    expect(cache.get('ten_b', 'cus_3')).toBe('pro');
  });

  it('refuses a value from a reader that began before the key or its tenant was invalidated', () => {
    const cache = new GenerationalCache<string>(10);
    const slowReader = cache.begin();
    cache.invalidate('ten_a', 'cus_1');
    expect(cache.set('ten_a', 'cus_1', 'stale', slowReader)).toBe(false);
    expect(cache.get('ten_a', 'cus_1')).toBeUndefined();

    const otherReader = cache.begin();
    cache.invalidateTenant('ten_a');
    expect(cache.set('ten_a', 'cus_2', 'stale', otherReader)).toBe(false);
    expect(cache.set('ten_a', 'cus_2', 'fresh', cache.begin())).toBe(true);
    expect(cache.get('ten_a', 'cus_2')).toBe('fresh');
  });

  it('evicts the least recently used entry beyond its size', () => {
    const cache = new GenerationalCache<number>(2);
    cache.set('t', 'a', 1, cache.begin());
    cache.set('t', 'b', 2, cache.begin());
    cache.get('t', 'a');
    cache.set('t', 'c', 3, cache.begin());
    expect(cache.size).toBe(2);
    expect(cache.get('t', 'b')).toBeUndefined();
    expect(cache.get('t', 'a')).toBe(1);
    expect(cache.get('t', 'c')).toBe(3);
  });

  it('stays safe after forgetting old invalidation stamps: a doubtful value is refused, never kept', () => {
    const cache = new GenerationalCache<string>(2);
    const slowReader = cache.begin();
    cache.invalidate('t', 'a');
    cache.invalidate('t', 'b');
    cache.invalidate('t', 'c'); // forgets a's stamp
    expect(cache.set('t', 'a', 'stale', slowReader)).toBe(false);
    expect(cache.set('t', 'a', 'fresh', cache.begin())).toBe(true);
  });

  it('needs room for at least one entry', () => {
    expect(() => new GenerationalCache(0)).toThrow(RangeError);
  });
});
