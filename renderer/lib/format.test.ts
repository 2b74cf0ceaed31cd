import { describe, expect, it } from 'vitest';
import { countOf, countryName, formatBytes, formatCount, relativeTime } from './format';

const NOW = Date.UTC(2025, 10, 21, 12, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('format', () => {
  it('groups thousands', () => {
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567');
  });

  it('picks singular or plural', () => {
    expect(countOf(1, { one: 'customer', other: 'customers' }, 'en-US')).toBe('1 customer');
    expect(countOf(1234, { one: 'customer', other: 'customers' }, 'en-US')).toBe('1,234 customers');
    expect(countOf(0, { one: 'customer', other: 'customers' }, 'en-US')).toBe('0 customers');
  });

  it('says how long ago, coarsely', () => {
    expect(relativeTime(NOW - 10_000, NOW, 'en-US')).toBe('just now');
    expect(relativeTime(NOW - 5 * MINUTE, NOW, 'en-US')).toBe('5 minutes ago');
    expect(relativeTime(NOW - DAY, NOW, 'en-US')).toBe('yesterday');
    expect(relativeTime(NOW - 3 * DAY, NOW, 'en-US')).toBe('3 days ago');
    expect(relativeTime(NOW - 400 * DAY, NOW, 'en-US')).toBe('last year');
    expect(relativeTime(NOW + 2 * DAY, NOW, 'en-US')).toBe('in 2 days');
  });

  it('names countries, falling back to the code', () => {
    expect(countryName('DE', 'en-US')).toBe('Germany');
    expect(countryName('AA', 'en-US')).toBe('AA');
  });
});

describe('formatBytes', () => {
  it('sizes in decimal units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(812_400)).toBe('812 kB');
    expect(formatBytes(1_430_000)).toBe('1.4 MB');
    expect(formatBytes(2_600_000_000)).toBe('2.6 GB');
  });
});
