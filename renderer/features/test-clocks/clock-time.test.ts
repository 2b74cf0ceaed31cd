import { describe, expect, it } from 'vitest';
import { boundary } from '../../../shared/billing/periods';
import { driftText, quickPresets } from './clock-time';

const JAN_31 = Date.parse('2027-01-31T10:15:37.250Z');

describe('quickPresets', () => {
  it('steps a day, a week and a calendar month, keeping the time of day to the millisecond', () => {
    const [day, week, month] = quickPresets(JAN_31);
    expect(day?.to).toBe(Date.parse('2027-02-01T10:15:37.250Z'));
    expect(week?.to).toBe(Date.parse('2027-02-07T10:15:37.250Z'));
    // As billing clamps: Jan 31 + 1 month is Feb 28.
    expect(month?.to).toBe(Date.parse('2027-02-28T10:15:37.250Z'));
    expect(month?.to).toBe(boundary(JAN_31, 'month', 1));
  });
});

describe('driftText', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');
  it('says how far the clock runs ahead or behind', () => {
    expect(driftText(now + 5 * 60_000, now)).toBe('in step with real time');
    expect(driftText(now + 3 * 3_600_000, now)).toBe('3 hours ahead of real time');
    expect(driftText(now + 32 * 86_400_000, now)).toBe('32 days ahead of real time');
    expect(driftText(now - 86_400_000, now)).toBe('1 day behind real time');
  });
});

describe('nextEventPresets', () => {
  it('offers a target an hour past the next due job, and nothing without one', async () => {
    const { nextEventPresets } = await import('./clock-time');
    const now = Date.UTC(2026, 0, 1);
    const [preset, ...rest] = nextEventPresets({ now, nextEventAt: now + 86_400_000 }, 'en-US');
    expect(rest).toEqual([]);
    expect(preset?.to).toBe(now + 86_400_000 + 3_600_000);
    // The label shows local time, whatever zone the machine is in.
    expect(preset?.label).toMatch(/^Past the next billing event \(Jan [12], 2026, .+\)$/);
    expect(nextEventPresets({ now, nextEventAt: null })).toEqual([]);
  });
});
