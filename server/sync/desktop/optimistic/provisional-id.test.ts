import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerId } from '../../../../shared/customers/schema';
import { isId, newId } from '../../../../shared/ids';
import { isProvisionalId, outboxIdOf, provisionalId, provisionalIdIn } from './provisional-id';

describe('provisionalId', () => {
  it('is a well-formed id the schemas accept, and the same for the same outbox entry', () => {
    const id = provisionalId('cus', 42);
    expect(id).toBe(`cus_${'0'.repeat(24)}1A`);
    expect(isId('cus', id)).toBe(true);
    expect(customerId.safeParse(id).success).toBe(true);
    expect(provisionalId('cus', 42)).toBe(id);
  });

  it('gives back the outbox entry it was made from (its create, in the outbox)', () => {
    fc.assert(
      fc.property(fc.nat(), (n) => {
        expect(outboxIdOf(provisionalId('cus', n))).toBe(n);
      }),
    );
    expect(outboxIdOf(newId('cus'))).toBeNull();
  });

  it('differs for every outbox entry', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        fc.pre(a !== b);
        expect(provisionalId('re', a)).not.toBe(provisionalId('re', b));
      }),
    );
  });

  it('is never an id the server makes, and says so', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 253402300799999 }), fc.nat(), (time, outboxId) => {
        const server = newId('inv', time);
        expect(isProvisionalId(server)).toBe(false);
        expect(isProvisionalId(provisionalId('inv', outboxId))).toBe(true);
      }),
    );
  });

  it('refuses an outbox id that is not a whole number', () => {
    expect(() => provisionalId('cus', -1)).toThrow(RangeError);
    expect(() => provisionalId('cus', 1.5)).toThrow(RangeError);
  });
});

describe('provisionalIdIn', () => {
  it('finds a provisional id anywhere in an input, and nothing in one naming only server ids', () => {
    const provisional = provisionalId('cus', 3);
    expect(provisionalIdIn({ customerId: provisional, lines: [] })).toBe(provisional);
    expect(provisionalIdIn({ lines: [{ ref: { id: provisional } }] })).toBe(provisional);
    expect(
      provisionalIdIn({ id: newId('sub'), priceId: newId('pri'), quantity: 2, note: '0000000000' }),
    ).toBeNull();
    expect(provisionalIdIn(undefined)).toBeNull();
  });
});
