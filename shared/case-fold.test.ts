import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldCase } from './case-fold';

describe('foldCase', () => {
  it('folds capitals of any alphabet, and composed and decomposed letters alike', () => {
    expect(foldCase('ÉCOLE Plan')).toBe(foldCase('école plan'));
    expect(foldCase('E\u0301cole')).toBe(foldCase('\u00c9cole'));
    expect(foldCase('ΑΘΗΝΑ')).toBe(foldCase('αθηνα'));
    expect(foldCase('Straße')).not.toBe(foldCase('Strasse'));
  });

  it('is idempotent, and blind to the composition of any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(foldCase(foldCase(text))).toBe(foldCase(text));
        expect(foldCase(text.normalize('NFD'))).toBe(foldCase(text.normalize('NFC')));
      }),
    );
  });
});
