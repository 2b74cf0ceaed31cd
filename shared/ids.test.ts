import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idTime, isId, newId } from './ids';

describe('ids', () => {
  it('are prefixed and well formed', () => {
    const id = newId('cus');
    expect(id).toMatch(/^cus_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(isId('cus', id)).toBe(true);
    expect(isId('ten', id)).toBe(false);
    expect(isId('cus', 'cus_not-an-id')).toBe(false);
  });

  it('carry their creation time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (ms) => {
        expect(idTime(newId('aud', ms))).toBe(ms);
      }),
    );
  });

  it('sort by creation time, and strictly increase within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => newId('cus', 1_700_000_000_000 + Math.floor(i / 100)));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sort across arbitrary times', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 47 }), (a, gap) => {
        expect(newId('cus', a) < newId('cus', a + gap)).toBe(true);
      }),
    );
  });
});
