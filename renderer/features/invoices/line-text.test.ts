import { describe, expect, it } from 'vitest';
import { lineDescription } from './line-text';

describe('invoice line descriptions', () => {
  it('write their days as the rest of the console does', () => {
    expect(lineDescription('Pro × 3 (2026-12-06 – 2027-01-06)', 'en-US')).toBe(
      'Pro × 3 (Dec 6, 2026 – Jan 6, 2027)',
    );
    expect(lineDescription('Unused time on Starter × 1 after 2026-12-31', 'en-US')).toBe(
      'Unused time on Starter × 1 after Dec 31, 2026',
    );
  });

  it('leave other text, and numbers that are not days, as they are', () => {
    expect(lineDescription('Workshop seat 2026-13-45', 'en-US')).toBe('Workshop seat 2026-13-45');
    expect(lineDescription('Order 12345678', 'en-US')).toBe('Order 12345678');
  });
});
