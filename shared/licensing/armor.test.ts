import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { armor, dearmor, type ArmorKind } from './armor';

const kinds: ArmorKind[] = ['license', 'machine', 'activation'];

describe('armor', () => {
  it('round-trips any bytes of any kind, with text around the block and CRLF line ends', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 400 }),
        fc.constantFrom(...kinds),
        fc.string(),
        (bytes, kind, around) => {
          fc.pre(!around.includes('-----'));
          const text = `${around}\r\n${armor(kind, bytes).replace(/\n/g, '\r\n')}${around}`;
          expect(dearmor(text)).toEqual({ kind, bytes });
        },
      ),
    );
  });

  it('refuses a block with no end, an unknown label, mismatched labels, an empty body, two blocks', () => {
    const one = armor('license', new Uint8Array([1, 2, 3]));
    expect(dearmor(one.replace(/-----END[^\n]*\n/, ''))).toBeNull();
    expect(dearmor(one.replace(/TOLLGATE LICENSE FILE/g, 'TOLLGATE THING'))).toBeNull();
    expect(dearmor(one.replace('END TOLLGATE LICENSE', 'END TOLLGATE MACHINE'))).toBeNull();
    expect(
      dearmor('-----BEGIN TOLLGATE LICENSE FILE-----\n\n-----END TOLLGATE LICENSE FILE-----'),
    ).toBeNull();
    expect(dearmor(one + one)).toBeNull();
    expect(dearmor(one.replace('AQID', 'AQ*D'))).toBeNull();
  });
});
