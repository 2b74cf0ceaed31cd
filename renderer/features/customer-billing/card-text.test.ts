import { describe, expect, it } from 'vitest';
import { expiryText, isExpired } from './card-text';

describe('card text', () => {
  it('writes the expiry as MM/YYYY', () => {
    expect(expiryText({ expMonth: 4, expYear: 2030 })).toBe('04/2030');
  });

  it('counts a card as valid through the end of its expiry month', () => {
    const may2026 = new Date(Date.UTC(2026, 4, 31, 23));
    expect(isExpired({ expMonth: 5, expYear: 2026 }, may2026)).toBe(false);
    expect(isExpired({ expMonth: 4, expYear: 2026 }, may2026)).toBe(true);
    expect(isExpired({ expMonth: 12, expYear: 2025 }, may2026)).toBe(true);
    expect(isExpired({ expMonth: 1, expYear: 2027 }, may2026)).toBe(false);
  });
});
