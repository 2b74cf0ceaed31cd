import { describe, expect, it } from 'vitest';
import { limitText } from './limit-text';

describe('limitText', () => {
  it('says what is used of the maximum, in the maximum’s number', () => {
    expect(limitText(3, 5, 'seat')).toBe('3 of 5 seats');
    expect(limitText(0, 1, 'machine')).toBe('0 of 1 machine');
  });
  it('counts alone when there is no maximum', () => {
    expect(limitText(1, null, 'machine')).toBe('1 machine');
    expect(limitText(4, null, 'seat')).toBe('4 seats');
  });
});
