import { describe, expect, it } from 'vitest';
import { durationText, intervalText, limitText, ruleText } from './policy-text';

describe('policy text', () => {
  it('reads durations, limits and intervals as staff say them', () => {
    expect(durationText({ kind: 'FIXED', days: 365 })).toBe('365 days');
    expect(durationText({ kind: 'FIXED', days: 1 })).toBe('1 day');
    expect(durationText({ kind: 'SUBSCRIPTION' })).toBe('Follows the subscription');
    expect(limitText(null)).toBe('Unlimited');
    expect(limitText(1200)).toBe('1,200');
    expect(intervalText(null)).toBe('None');
    expect(intervalText(86_400 * 7)).toBe('7 days');
    expect(intervalText(3_600)).toBe('1 hour');
    expect(intervalText(90)).toBe('90 seconds');
    expect(intervalText(120)).toBe('2 minutes');
  });

  it('reads each usage rule, with a billed unit price in its currency', () => {
    expect(ruleText(null)).toBe('No limit');
    expect(ruleText({ kind: 'BLOCK' })).toBe('Blocked at the limit');
    expect(ruleText({ kind: 'BILL', unitPrice: 250, currency: 'EUR' })).toMatch(/2\.50/);
    expect(ruleText({ kind: 'ALLOW_MULTIPLE', percent: 150 })).toBe('Allowed up to 150% of the limit');
  });
});
