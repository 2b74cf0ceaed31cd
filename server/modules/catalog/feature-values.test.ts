import { describe, expect, it } from 'vitest';
import type { FeatureKind } from '../../../shared/catalog/types';
import { checkFeatureValues, decodeFeatureValue, encodeFeatureValue, suitsKind } from './feature-values';

const kinds = new Map<string, FeatureKind>([
  ['courses.max', 'limit'],
  ['api.access', 'flag'],
]);

describe('feature values', () => {
  it('accepts true/false for flags and whole numbers ≥ 0 or null for limits', () => {
    expect(suitsKind('flag', true)).toBe(true);
    expect(suitsKind('flag', false)).toBe(true);
    expect(suitsKind('flag', 1)).toBe(false);
    expect(suitsKind('flag', null)).toBe(false);
    expect(suitsKind('limit', 0)).toBe(true);
    expect(suitsKind('limit', null)).toBe(true);
    expect(suitsKind('limit', true)).toBe(false);
    expect(suitsKind('limit', -1)).toBe(false);
    expect(suitsKind('limit', 2.5)).toBe(false);
  });

  it('names each value of the wrong kind and each unknown key by its field', () => {
    expect(checkFeatureValues(kinds, { 'courses.max': true, 'api.access': 5, 'nope.here': true })).toEqual({
      unknownKeys: ['nope.here'],
      fieldErrors: {
        'features.courses.max': ['courses.max is a limit: use a whole number ≥ 0, or null for unlimited'],
        'features.api.access': ['api.access is a flag: use true or false'],
        'features.nope.here': ['There is no feature with the key nope.here'],
      },
    });
    expect(checkFeatureValues(kinds, { 'courses.max': null, 'api.access': false })).toEqual({
      unknownKeys: [],
      fieldErrors: {},
    });
  });

  it('stores flags as 1/0 and limits as the cap, NULL meaning unlimited, and reads them back', () => {
    const cases: [FeatureKind, boolean | number | null, number | null][] = [
      ['flag', true, 1],
      ['flag', false, 0],
      ['limit', 0, 0],
      ['limit', 50, 50],
      ['limit', null, null],
    ];
    for (const [kind, value, stored] of cases) {
      expect(encodeFeatureValue(kind, value)).toBe(stored);
      expect(decodeFeatureValue(kind, stored)).toBe(value);
    }
  });
});
