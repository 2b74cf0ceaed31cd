import { describe, expect, it } from 'vitest';
import { scheduleText, seconds, staleWarning } from './backup-text';

describe('backup texts', () => {
  it('durations in seconds, then minutes', () => {
    expect(seconds(420)).toBe('0.4 s');
    expect(seconds(12_400)).toBe('12 s');
    expect(seconds(185_000)).toBe('3 min 5 s');
  });

  it('says the schedule, or that there is none', () => {
    expect(scheduleText({ everyMs: 24 * 3_600_000, keep: 7 })).toBe(
      'A backup is taken every day; the 7 newest verified backups are kept.',
    );
    expect(scheduleText({ everyMs: 6 * 3_600_000, keep: 3 })).toMatch(/every 6 hours; the 3 newest/);
    expect(scheduleText(null)).toMatch(/takes no scheduled backups/);
  });

  it('warns only when there is no verified backup or the newest is stale', () => {
    expect(staleWarning({ warning: 'none_verified', newestVerifiedAt: null })?.title).toBe(
      'No verified backup',
    );
    expect(staleWarning({ warning: 'stale', newestVerifiedAt: Date.UTC(2026, 11, 1) })?.title).toMatch(
      /more than a day old/,
    );
    expect(staleWarning({ warning: null, newestVerifiedAt: Date.UTC(2026, 11, 6) })).toBeNull();
  });
});
